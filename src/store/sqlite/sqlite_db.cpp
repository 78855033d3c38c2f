#include "store/sqlite/sqlite_db.hpp"

#include <limits>

namespace xtt::store::sqlite {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string detail(what);
  detail += ": ";
  detail += (db != nullptr && sqlite3_errcode(db) == rc) ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return make_error(ErrorCode::kCorrupt, std::move(detail));
    case SQLITE_CONSTRAINT:
      return make_error(ErrorCode::kConflict, std::move(detail));
    default:
      return make_error(ErrorCode::kStorageFailure, std::move(detail));
  }
}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return sqlite_error(db, rc, "prepare");
  }
  return Statement(db, raw);
}

namespace {

Status check_bind(sqlite3* db, int rc) {
  if (rc != SQLITE_OK) {
    return sqlite_error(db, rc, "bind");
  }
  return ok();
}

Status check_size(std::size_t n) {
  XTT_ENSURE(n <= static_cast<std::size_t>(std::numeric_limits<int>::max()),
             ErrorCode::kInvalidArgument, "value too large for SQLite");
  return ok();
}

}  // namespace

Status Statement::bind_blob(int index, ByteSpan data) {
  XTT_TRY(check_size(data.size()));
  // A zero-length blob with a null pointer would bind NULL, not x''.
  static const std::uint8_t kEmpty = 0;
  const void* p = data.empty() ? &kEmpty : data.data();
  return check_bind(db_, sqlite3_bind_blob(stmt_.get(), index, p, static_cast<int>(data.size()),
                                           SQLITE_TRANSIENT));
}

Status Statement::bind_secret(int index, ByteSpan data) {
  XTT_TRY(check_size(data.size()));
  static const std::uint8_t kEmpty = 0;
  const void* p = data.empty() ? &kEmpty : data.data();
  return check_bind(
      db_, sqlite3_bind_blob(stmt_.get(), index, p, static_cast<int>(data.size()), SQLITE_STATIC));
}

Status Statement::bind_int64(int index, std::int64_t value) {
  return check_bind(db_, sqlite3_bind_int64(stmt_.get(), index, value));
}

Status Statement::bind_text(int index, std::string_view text) {
  XTT_TRY(check_size(text.size()));
  return check_bind(db_, sqlite3_bind_text(stmt_.get(), index, text.data(),
                                           static_cast<int>(text.size()), SQLITE_TRANSIENT));
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return sqlite_error(db_, rc, "step");
}

Status Statement::run() {
  while (XTT_TRY(step())) {
  }
  return ok();
}

ByteSpan Statement::column_blob(int column) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_.get(), column));
  const int n = sqlite3_column_bytes(stmt_.get(), column);
  if (p == nullptr || n <= 0) {
    return {};
  }
  return {p, static_cast<std::size_t>(n)};
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}

std::string Statement::column_text(int column) const {
  const auto* p = sqlite3_column_text(stmt_.get(), column);
  const int n = sqlite3_column_bytes(stmt_.get(), column);
  if (p == nullptr || n <= 0) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

void Statement::reset() {
  if (stmt_) {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
  }
}

Status exec(sqlite3* db, std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return sqlite_error(db, rc, "exec");
  }
  return ok();
}

Result<Transaction> Transaction::begin_immediate(sqlite3* db) {
  XTT_TRY(exec(db, "BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) {
    // Nothing to report to: the caller is already returning an error.
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Status Transaction::commit() {
  sqlite3* db = db_;
  db_ = nullptr;
  const int rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    // A failed COMMIT can leave the transaction open (SQLITE_BUSY).
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return sqlite_error(db, rc, "commit");
  }
  return ok();
}

}  // namespace xtt::store::sqlite
