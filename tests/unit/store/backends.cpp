#include "backends.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <mutex>

#include "base/hex.hpp"
#include "postgres_server.hpp"
#include "store/memory_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace xtt::store::test {

Result<std::unique_ptr<Store>> MemoryBackend::open() {
  return std::unique_ptr<Store>(std::make_unique<MemoryStore>());
}

Status MemoryBackend::exec_sql(const std::string&) {
  return make_error(ErrorCode::kInvalidArgument, "the memory store has no SQL");
}

std::string MemoryBackend::blob_literal(ByteSpan) const { return {}; }

SqliteBackend::SqliteBackend() {
  std::string tmpl = "/tmp/xtt-store-XXXXXX";
  if (mkdtemp(tmpl.data()) != nullptr) {
    dir_ = tmpl;
    file_ = dir_ / "store.db";
  }
}

SqliteBackend::~SqliteBackend() {
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

Result<std::unique_ptr<Store>> SqliteBackend::open() {
  XTT_ENSURE(!file_.empty(), ErrorCode::kIoFailure, "mkdtemp failed");
  auto store = XTT_TRY(sqlite::SqliteStore::open(file_.string()));
  return std::unique_ptr<Store>(std::move(store));
}

Status SqliteBackend::exec_sql(const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open(file_.c_str(), &db);
  if (rc == SQLITE_OK) {
    rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
  std::string message = db != nullptr ? sqlite3_errmsg(db) : "open failed";
  sqlite3_close(db);
  XTT_ENSURE(rc == SQLITE_OK, ErrorCode::kStorageFailure, "raw SQL failed: " + message);
  return ok();
}

Result<std::int64_t> SqliteBackend::query_int(const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_open(file_.c_str(), &db);
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
  }
  const bool row = rc == SQLITE_ROW;
  const std::int64_t value = row ? sqlite3_column_int64(stmt, 0) : 0;
  std::string message = db != nullptr ? sqlite3_errmsg(db) : "open failed";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  XTT_ENSURE(row, ErrorCode::kStorageFailure, "raw query returned no row: " + message);
  return value;
}

std::string SqliteBackend::blob_literal(ByteSpan bytes) const { return "X'" + to_hex(bytes) + "'"; }

std::string PostgresBackend::prepare() {
  std::string why;
  bool found = false;
  auto* server = xtt::test::PostgresServer::shared(&why, &found);
  if (server == nullptr) {
    skipped_ = !found;
    return why;
  }
  // A schema per test rather than a database: CREATE DATABASE copies and
  // fsyncs a whole template, CREATE SCHEMA is one catalog row.
  static std::atomic<int> counter{0};
  schema_ = "xtt_t" + std::to_string(counter++);
  conninfo_ = server->conninfo("postgres");
  auto created = exec_sql("CREATE SCHEMA " + schema_);
  if (!created) {
    return created.error().to_string();
  }
  conninfo_ += " options='-c search_path=" + schema_ + "'";
  return {};
}

Result<std::unique_ptr<Store>> PostgresBackend::open() {
  auto store = XTT_TRY(postgres::PostgresStore::open(conninfo_));
  return std::unique_ptr<Store>(std::move(store));
}

Status PostgresBackend::exec_sql(const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo_.c_str());
  std::string message;
  bool good = PQstatus(conn) == CONNECTION_OK;
  if (good) {
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    PGresult* res = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(res);
    good = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    PQclear(res);
  }
  if (!good) {
    message = PQerrorMessage(conn);
  }
  PQfinish(conn);
  XTT_ENSURE(good, ErrorCode::kStorageFailure, "raw SQL failed: " + message);
  return ok();
}

Result<std::int64_t> PostgresBackend::query_int(const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo_.c_str());
  std::string text;
  bool good = PQstatus(conn) == CONNECTION_OK;
  if (good) {
    PGresult* res = PQexec(conn, sql.c_str());
    good = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) >= 1;
    if (good) {
      text = PQgetvalue(res, 0, 0);
    }
    PQclear(res);
  }
  const std::string message = PQerrorMessage(conn);
  PQfinish(conn);
  XTT_ENSURE(good, ErrorCode::kStorageFailure, "raw query returned no row: " + message);
  return static_cast<std::int64_t>(std::stoll(text));
}

std::string PostgresBackend::blob_literal(ByteSpan bytes) const {
  return "'\\x" + to_hex(bytes) + "'::bytea";
}

void announce_skip(const std::string& why) {
  static std::once_flag once;
  std::call_once(once, [&] {
    std::cerr << "\n"
              << "************************************************************\n"
              << "*** SKIPPING the PostgreSQL store tests: " << why << "\n"
              << "************************************************************\n";
  });
}

std::uint64_t SeededRandom::mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Status SeededRandom::fill(std::span<std::uint8_t> out) {
  for (auto& b : out) {
    // splitmix64: a fine spread for test IDs, and reproducible.
    state_ += 0x9E3779B97F4A7C15ull;
    b = static_cast<std::uint8_t>(mix(state_));
  }
  return ok();
}

Device Device::make(int n, int group) {
  Device d;
  d.gid = filled<wire::GroupId>(static_cast<std::uint8_t>(group));
  d.pseudonym = filled<wire::Pseudonym>(static_cast<std::uint8_t>(n));
  d.pseudonym.bytes[0] = 0x04;
  d.pseudonym.bytes[1] = static_cast<std::uint8_t>(n >> 8);
  d.pseudonym.bytes[2] = static_cast<std::uint8_t>(n);
  d.public_key.assign(65, 0);
  d.public_key[0] = 0x04;
  for (std::size_t i = 1; i < d.public_key.size(); ++i) {
    d.public_key[i] = static_cast<std::uint8_t>(n * 31 + static_cast<int>(i));
  }
  d.public_key[1] = static_cast<std::uint8_t>(n >> 8);
  d.public_key[2] = static_cast<std::uint8_t>(n);
  d.secret.assign(kLongtermSecretSize, static_cast<std::uint8_t>(0xA0 + n));
  return d;
}

ProvisionRequest Device::request(const wire::ClientId& requested, UnixTime now) const {
  ProvisionRequest r;
  r.requested_id = requested;
  r.gid = gid;
  r.algorithm = algorithm;
  r.longterm_public_key = public_key;
  r.pseudonym = pseudonym;
  r.longterm_secret = secret;
  r.now = now;
  return r;
}

wire::ClientId client_id_from_hex(std::string_view hex) {
  const Bytes b = xtt::test::unhex(hex);
  wire::ClientId out;
  if (b.size() == out.bytes.size()) {
    std::copy(b.begin(), b.end(), out.bytes.begin());
  } else {
    ADD_FAILURE() << "client id hex must be 16 bytes";
  }
  return out;
}

}  // namespace xtt::store::test
