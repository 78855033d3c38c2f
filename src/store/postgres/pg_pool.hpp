#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_conn.hpp"

namespace xtt::store::postgres {

// A fixed set of connections, each lent to one thread at a time. Threads
// beyond the pool size wait; a connection found broken is reset (and its
// statements prepared again) before it is lent.
class Pool {
 public:
  // Opens `size` connections and prepares `sql` on each.
  static Result<std::unique_ptr<Pool>> create(const std::string& conninfo, std::size_t size,
                                              std::vector<std::string> sql);

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> conn);

  std::vector<std::string> sql_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace xtt::store::postgres
