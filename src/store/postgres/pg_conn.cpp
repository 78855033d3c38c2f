#include "store/postgres/pg_conn.hpp"

#include <cstring>
#include <limits>

#include "base/secret.hpp"

namespace xtt::store::postgres {

namespace {

const std::uint8_t kEmpty = 0;  // a non-null pointer for empty values (NULL means SQL NULL)

bool has_prefix(const char* s, const char* prefix) {
  return s != nullptr && std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

std::string trimmed(const char* message) {
  std::string out = message != nullptr ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

}  // namespace

void Params::add(const std::uint8_t* p, std::size_t n) {
  values_.push_back(reinterpret_cast<const char*>(n == 0 ? &kEmpty : p));
  lengths_.push_back(static_cast<int>(n));
  formats_.push_back(1);
}

void Params::bytes(ByteSpan data) {
  owned_.emplace_back(data.begin(), data.end());
  add(owned_.back().data(), owned_.back().size());
}

void Params::secret(ByteSpan data) { add(data.data(), data.size()); }

void Params::int8(std::int64_t v) {
  Bytes b(8);
  store_be64(b.data(), static_cast<std::uint64_t>(v));
  owned_.push_back(std::move(b));
  add(owned_.back().data(), 8);
}

void Params::int2(std::int16_t v) {
  Bytes b(2);
  store_be16(b.data(), static_cast<std::uint16_t>(v));
  owned_.push_back(std::move(b));
  add(owned_.back().data(), 2);
}

void Params::boolean(bool v) {
  owned_.push_back(Bytes{static_cast<std::uint8_t>(v ? 1 : 0)});
  add(owned_.back().data(), 1);
}

void Params::text(std::string_view s) {
  owned_.emplace_back(s.begin(), s.end());
  add(owned_.back().data(), owned_.back().size());
}

Error pg_error(PGconn* conn, const PGresult* res, std::string_view what) {
  std::string detail(what);
  detail += ": ";
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (res != nullptr && PQresultErrorMessage(res)[0] != '\0') {
    detail += trimmed(PQresultErrorMessage(res));
  } else {
    detail += trimmed(PQerrorMessage(conn));
  }
  ErrorCode code = ErrorCode::kStorageFailure;
  if (has_prefix(state, "23505")) {
    code = ErrorCode::kConflict;
  } else if (has_prefix(state, "23503")) {
    code = ErrorCode::kNotFound;
  } else if (has_prefix(state, "XX001") || has_prefix(state, "XX002")) {
    code = ErrorCode::kCorrupt;
  }
  return make_error(code, std::move(detail));
}

Result<ByteSpan> Row::bytes(int col) const {
  XTT_ENSURE(PQgetisnull(res_, row_, col) == 0, ErrorCode::kCorrupt, "unexpected NULL column");
  const int n = PQgetlength(res_, row_, col);
  const auto* p = reinterpret_cast<const std::uint8_t*>(PQgetvalue(res_, row_, col));
  return ByteSpan(p, static_cast<std::size_t>(n));
}

Result<std::int64_t> Row::int8(int col) const {
  const auto b = XTT_TRY(bytes(col));
  XTT_ENSURE(b.size() == 8, ErrorCode::kCorrupt, "int8 column is not 8 bytes");
  return static_cast<std::int64_t>(load_be64(b.data()));
}

Result<std::int16_t> Row::int2(int col) const {
  const auto b = XTT_TRY(bytes(col));
  XTT_ENSURE(b.size() == 2, ErrorCode::kCorrupt, "int2 column is not 2 bytes");
  return static_cast<std::int16_t>(load_be16(b.data()));
}

Result<bool> Row::boolean(int col) const {
  const auto b = XTT_TRY(bytes(col));
  XTT_ENSURE(b.size() == 1, ErrorCode::kCorrupt, "bool column is not 1 byte");
  return b[0] != 0;
}

Result<std::string> Row::text(int col) const {
  const auto b = XTT_TRY(bytes(col));
  return std::string(b.begin(), b.end());
}

void Row::wipe(int col) const {
  const int n = PQgetlength(res_, row_, col);
  if (n > 0) {
    secure_wipe(PQgetvalue(res_, row_, col), static_cast<std::size_t>(n));
  }
}

Result<std::unique_ptr<Connection>> Connection::connect(const std::string& conninfo) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  XTT_ENSURE(raw != nullptr, ErrorCode::kStorageFailure, "libpq: out of memory");
  auto conn = std::make_unique<Connection>(Key{}, raw);
  if (PQstatus(raw) != CONNECTION_OK) {
    return make_error(ErrorCode::kStorageFailure,
                      "cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(raw)));
  }
  XTT_TRY(conn->configure());
  return conn;
}

Connection::~Connection() { PQfinish(conn_); }

Status Connection::configure() {
  // Quiet "already exists, skipping" notices instead of libpq's stderr print.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  // Durability must not depend on the server's default: COMMIT returns only
  // once the WAL is flushed.
  XTT_TRY(exec_text("SET synchronous_commit TO on"));
  return ok();
}

Status Connection::prepare_all(std::span<const std::string> sql) {
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const std::string name = "xtt_" + std::to_string(i);
    PgResult res(PQprepare(conn_, name.c_str(), sql[i].c_str(), 0, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      return pg_error(conn_, res.get(), "prepare " + name);
    }
  }
  prepared_ = true;
  return ok();
}

Status Connection::ensure_healthy(std::span<const std::string> sql) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    PQreset(conn_);
    prepared_ = false;
    XTT_ENSURE(PQstatus(conn_) == CONNECTION_OK, ErrorCode::kStorageFailure,
               "PostgreSQL connection lost: " + trimmed(PQerrorMessage(conn_)));
    XTT_TRY(configure());
  }
  if (!prepared_) {
    XTT_TRY(prepare_all(sql));
  }
  return ok();
}

Result<PgResult> Connection::exec(std::size_t statement, const Params& params) {
  const std::string name = "xtt_" + std::to_string(statement);
  PgResult res(PQexecPrepared(conn_, name.c_str(), params.count(), params.values(),
                              params.lengths(), params.formats(), 1));
  const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return pg_error(conn_, res.get(), "statement " + name);
  }
  return res;
}

Result<PgResult> Connection::exec_text(std::string_view sql) {
  const std::string text(sql);
  PgResult res(PQexec(conn_, text.c_str()));
  const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return pg_error(conn_, res.get(), "query");
  }
  return res;
}

std::size_t affected_rows(const PGresult* res) {
  const char* n = PQcmdTuples(const_cast<PGresult*>(res));
  if (n == nullptr || n[0] == '\0') {
    return 0;
  }
  return static_cast<std::size_t>(std::strtoull(n, nullptr, 10));
}

Result<Transaction> Transaction::begin(Connection& conn) {
  XTT_TRY(conn.exec_text("BEGIN"));
  return Transaction(conn);
}

Transaction::~Transaction() {
  if (conn_ != nullptr) {
    // On a broken connection this fails too; the server rolls back anyway.
    PgResult res(PQexec(conn_->get(), "ROLLBACK"));
  }
}

Status Transaction::commit() {
  Connection* conn = conn_;
  conn_ = nullptr;
  PgResult res(PQexec(conn->get(), "COMMIT"));
  const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK) {
    // Includes a COMMIT whose outcome is unknown (connection lost): the caller
    // reports failure, and the device's retry is idempotent (docs/store.md).
    return pg_error(conn->get(), res.get(), "commit");
  }
  // COMMIT of an aborted transaction "succeeds" as ROLLBACK.
  XTT_ENSURE(std::strcmp(PQcmdStatus(res.get()), "COMMIT") == 0, ErrorCode::kStorageFailure,
             std::string("transaction rolled back: ") + PQcmdStatus(res.get()));
  return ok();
}

}  // namespace xtt::store::postgres
