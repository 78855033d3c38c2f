#include "store/postgres/pg_pool.hpp"

namespace xtt::store::postgres {

Result<std::unique_ptr<Pool>> Pool::create(const std::string& conninfo, std::size_t size,
                                           std::vector<std::string> sql) {
  XTT_ENSURE(size >= 1 && size <= 256, ErrorCode::kInvalidArgument,
             "PostgreSQL pool size must be 1..256");
  auto pool = std::make_unique<Pool>();
  pool->sql_ = std::move(sql);
  for (std::size_t i = 0; i < size; ++i) {
    auto conn = XTT_TRY(Connection::connect(conninfo));
    XTT_TRY(conn->prepare_all(pool->sql_));
    pool->idle_.push_back(std::move(conn));
  }
  return pool;
}

Pool::Lease::~Lease() {
  if (conn_) {
    pool_->release(std::move(conn_));
  }
}

Result<Pool::Lease> Pool::acquire() {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(mu_);
    available_.wait(lock, [&] { return !idle_.empty(); });
    conn = std::move(idle_.back());
    idle_.pop_back();
  }
  // From here the Lease returns the connection on every path, healthy or not.
  Lease lease(*this, std::move(conn));
  XTT_TRY(lease->ensure_healthy(sql_));
  return lease;
}

void Pool::release(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

}  // namespace xtt::store::postgres
