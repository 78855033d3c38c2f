#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/bytes.hpp"
#include "base/result.hpp"

namespace xtt::store::sqlite {

// Maps an SQLite result code to our codes: corruption -> kCorrupt, a
// constraint -> kConflict, anything else -> kStorageFailure. `what` says which
// operation failed; the SQLite message is appended.
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// One prepared statement, reused for the connection's life. Parameters are
// 1-based as in SQLite, columns 0-based.
class Statement {
 public:
  Statement() = default;
  static Result<Statement> prepare(sqlite3* db, std::string_view sql);

  // Copies the bytes (SQLITE_TRANSIENT).
  Status bind_blob(int index, ByteSpan data);
  // Does not copy (SQLITE_STATIC), so no SQLite buffer is left holding a
  // secret; `data` must outlive the step and the Use that resets it.
  Status bind_secret(int index, ByteSpan data);
  Status bind_int64(int index, std::int64_t value);
  Status bind_text(int index, std::string_view text);

  // true: a row is available; false: done.
  Result<bool> step();
  // Runs to completion; for statements without rows.
  Status run();

  ByteSpan column_blob(int column) const;
  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;
  bool column_is_null(int column) const;

  // Back to the start, with every binding cleared.
  void reset();

  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt_;
};

// Resets a shared statement on every exit path, so the next user finds it
// clean and no SQLITE_STATIC binding outlives its buffer.
class Use {
 public:
  explicit Use(Statement& stmt) : stmt_(stmt) {}
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  ~Use() { stmt_.reset(); }
  Statement* operator->() { return &stmt_; }
  Statement& operator*() { return stmt_; }

 private:
  Statement& stmt_;
};

// Runs SQL text without results (pragmas, DDL, BEGIN/COMMIT).
Status exec(sqlite3* db, std::string_view sql);

// A transaction that rolls back unless commit() succeeded.
class Transaction {
 public:
  // BEGIN IMMEDIATE takes the write lock at once, so two writers never both
  // read "ID free" and then race (and a busy wait happens here, not midway).
  static Result<Transaction> begin_immediate(sqlite3* db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace xtt::store::sqlite
