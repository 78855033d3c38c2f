#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"

namespace xtt::store::postgres {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// Parameters of one statement, all sent in binary format (bytea as raw bytes,
// integers big-endian), so nothing is hex-escaped or parsed as text. The SQL
// casts every placeholder ($1::bytea, $2::int8, ...) so the server knows the
// binary layout.
class Params {
 public:
  // Copies the bytes.
  void bytes(ByteSpan data);
  // Points at the caller's buffer (no copy to wipe later); it must outlive
  // the exec call.
  void secret(ByteSpan data);
  void int8(std::int64_t v);
  void int2(std::int16_t v);
  void boolean(bool v);
  void text(std::string_view s);

  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void add(const std::uint8_t* p, std::size_t n);
  std::deque<Bytes> owned_;  // deque: growing it never moves earlier buffers
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// Error from a failed result or connection: SQLSTATE 23505 (unique) ->
// kConflict, 23503 (foreign key) -> kNotFound, XX001/XX002 (data corrupted)
// -> kCorrupt, anything else kStorageFailure, with the server's message.
Error pg_error(PGconn* conn, const PGresult* res, std::string_view what);

// Columns of a binary-format result. A NULL or wrong-width value is kCorrupt.
class Row {
 public:
  Row(PGresult* res, int row) : res_(res), row_(row) {}
  Result<ByteSpan> bytes(int col) const;
  Result<std::int64_t> int8(int col) const;
  Result<std::int16_t> int2(int col) const;
  Result<bool> boolean(int col) const;
  Result<std::string> text(int col) const;
  // Overwrites a value in the result buffer once it has been copied out, so
  // a secret does not sit in freed libpq memory.
  void wipe(int col) const;

 private:
  PGresult* res_;
  int row_;
};

// One server connection with its prepared statements. Not thread-safe; the
// pool hands it to one thread at a time.
class Connection {
  struct Key {
    explicit Key() = default;
  };

 public:
  Connection(Key, PGconn* conn) : conn_(conn) {}
  static Result<std::unique_ptr<Connection>> connect(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Prepares statement i of `sql` as "xtt_<i>" (prepared statements live as
  // long as the server session, so after a reset they are prepared again).
  Status prepare_all(std::span<const std::string> sql);
  // Runs a prepared statement with binary parameters and binary results.
  Result<PgResult> exec(std::size_t statement, const Params& params);
  // Runs SQL text without parameters (BEGIN, COMMIT, DDL).
  Result<PgResult> exec_text(std::string_view sql);
  // Re-establishes a broken connection (and re-prepares).
  Status ensure_healthy(std::span<const std::string> sql);

  PGconn* get() const { return conn_; }

 private:
  Status configure();
  PGconn* conn_;
  bool prepared_ = false;
};

// Rows changed by an INSERT/UPDATE/DELETE.
std::size_t affected_rows(const PGresult* res);

// BEGIN ... COMMIT on one connection; rolls back unless committed.
class Transaction {
 public:
  static Result<Transaction> begin(Connection& conn);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Connection& conn) : conn_(&conn) {}
  Connection* conn_;
};

}  // namespace xtt::store::postgres
