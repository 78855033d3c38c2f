#include "store/sqlite/sqlite_schema.hpp"

#include <array>
#include <string>

#include "store/sqlite/sqlite_db.hpp"

namespace xtt::store::sqlite {

namespace {

// Lengths are checked by the database too, so a buggy writer cannot store a
// record the readers would later reject as corrupt.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE daa_groups (
  gid BLOB PRIMARY KEY CHECK (length(gid) = 32),
  gpk BLOB NOT NULL CHECK (length(gpk) = 258),
  basename BLOB NOT NULL,
  sk_revocations BLOB NOT NULL,
  bsn_revocations BLOB NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE identities (
  client_id BLOB PRIMARY KEY CHECK (length(client_id) = 16),
  gid BLOB NOT NULL CHECK (length(gid) = 32),
  algorithm INTEGER NOT NULL,
  longterm_pub BLOB NOT NULL,
  pseudonym BLOB NOT NULL CHECK (length(pseudonym) = 65),
  longterm_secret BLOB NOT NULL CHECK (length(longterm_secret) IN (0, 64)),
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX identities_by_key ON identities (gid, pseudonym, longterm_pub);
)sql";

constexpr std::string_view kV2 = R"sql(
CREATE TABLE sessions (
  session_id BLOB PRIMARY KEY CHECK (length(session_id) = 16),
  client_id BLOB NOT NULL REFERENCES identities (client_id) ON DELETE CASCADE,
  suite INTEGER NOT NULL,
  confirmed INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  state BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_client ON sessions (client_id, created_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE used_cookies (
  cookie_id BLOB PRIMARY KEY CHECK (length(cookie_id) = 16),
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX used_cookies_by_expiry ON used_cookies (expires_at);
)sql";

constexpr std::array kMigrations = {
    Migration{1, kV1},  // groups and identities
    Migration{2, kV2},  // sessions and the cookie replay cache
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latest_schema_version() { return kMigrations.back().version; }

Result<int> schema_version(sqlite3* db) {
  auto exists = XTT_TRY(Statement::prepare(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"));
  XTT_ENSURE(XTT_TRY(exists.step()), ErrorCode::kInternal, "count(*) returned no row");
  if (exists.column_int64(0) == 0) {
    return 0;
  }
  auto query = XTT_TRY(Statement::prepare(db, "SELECT version FROM schema_version"));
  int rows = 0;
  std::int64_t version = 0;
  while (XTT_TRY(query.step())) {
    version = query.column_int64(0);
    ++rows;
  }
  XTT_ENSURE(rows == 1, ErrorCode::kCorrupt,
             "schema_version holds " + std::to_string(rows) + " rows, expected 1");
  XTT_ENSURE(version >= 1 && version <= 1'000'000, ErrorCode::kCorrupt,
             "schema_version holds " + std::to_string(version));
  return static_cast<int>(version);
}

Status migrate(sqlite3* db) {
  auto txn = XTT_TRY(Transaction::begin_immediate(db));
  const int current = XTT_TRY(schema_version(db));
  const int latest = latest_schema_version();
  XTT_ENSURE(current <= latest, ErrorCode::kSchemaMismatch,
             "database schema version " + std::to_string(current) +
                 " is newer than this build supports (" + std::to_string(latest) + ")");
  if (current == latest) {
    return ok();  // the transaction rolls back: nothing was written
  }
  if (current == 0) {
    XTT_TRY(exec(db, "CREATE TABLE schema_version (version INTEGER NOT NULL)"));
    XTT_TRY(exec(db, "INSERT INTO schema_version VALUES (0)"));
  }
  for (const auto& step : kMigrations) {
    if (step.version > current) {
      XTT_TRY(exec(db, step.sql));
    }
  }
  XTT_TRY(exec(db, "UPDATE schema_version SET version = " + std::to_string(latest)));
  return txn.commit();
}

}  // namespace xtt::store::sqlite
