#include "store/postgres/postgres_schema.hpp"

#include <array>
#include <string>

namespace xtt::store::postgres {

namespace {

// Serialises concurrent migrations across nodes (an arbitrary constant: "xtt").
constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(7893108)";

constexpr std::string_view kV1 = R"sql(
CREATE TABLE daa_groups (
  gid bytea PRIMARY KEY CHECK (octet_length(gid) = 32),
  gpk bytea NOT NULL CHECK (octet_length(gpk) = 258),
  basename bytea NOT NULL,
  sk_revocations bytea NOT NULL,
  bsn_revocations bytea NOT NULL,
  name text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE identities (
  client_id bytea PRIMARY KEY CHECK (octet_length(client_id) = 16),
  gid bytea NOT NULL CHECK (octet_length(gid) = 32),
  algorithm smallint NOT NULL,
  longterm_pub bytea NOT NULL,
  pseudonym bytea NOT NULL CHECK (octet_length(pseudonym) = 65),
  longterm_secret bytea NOT NULL CHECK (octet_length(longterm_secret) IN (0, 64)),
  created_at bigint NOT NULL,
  last_seen bigint NOT NULL,
  revoked boolean NOT NULL DEFAULT false
);
CREATE INDEX identities_by_key ON identities (gid, pseudonym, longterm_pub);
)sql";

constexpr std::string_view kV2 = R"sql(
CREATE TABLE sessions (
  session_id bytea PRIMARY KEY CHECK (octet_length(session_id) = 16),
  client_id bytea NOT NULL REFERENCES identities (client_id) ON DELETE CASCADE,
  suite integer NOT NULL,
  confirmed boolean NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  state bytea NOT NULL
);
CREATE INDEX sessions_by_client ON sessions (client_id, created_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE used_cookies (
  cookie_id bytea PRIMARY KEY CHECK (octet_length(cookie_id) = 16),
  expires_at bigint NOT NULL
);
CREATE INDEX used_cookies_by_expiry ON used_cookies (expires_at);
)sql";

constexpr std::array kMigrations = {
    Migration{1, kV1},  // groups and identities
    Migration{2, kV2},  // sessions and the cookie replay cache
};

Result<int> read_version(Connection& conn) {
  auto exists = XTT_TRY(conn.exec_text("SELECT to_regclass('schema_version') IS NOT NULL"));
  XTT_ENSURE(PQntuples(exists.get()) == 1, ErrorCode::kInternal, "to_regclass returned no row");
  if (std::string_view(PQgetvalue(exists.get(), 0, 0)) != "t") {
    return 0;
  }
  auto rows = XTT_TRY(conn.exec_text("SELECT version FROM schema_version"));
  const int n = PQntuples(rows.get());
  XTT_ENSURE(n == 1, ErrorCode::kCorrupt,
             "schema_version holds " + std::to_string(n) + " rows, expected 1");
  const std::string text = PQgetvalue(rows.get(), 0, 0);
  char* end = nullptr;
  const long version = std::strtol(text.c_str(), &end, 10);
  XTT_ENSURE(end != text.c_str() && *end == '\0' && version >= 1 && version <= 1'000'000,
             ErrorCode::kCorrupt, "schema_version holds " + text);
  return static_cast<int>(version);
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latest_schema_version() { return kMigrations.back().version; }

Status migrate(Connection& conn) {
  auto txn = XTT_TRY(Transaction::begin(conn));
  XTT_TRY(conn.exec_text(kLock));
  const int current = XTT_TRY(read_version(conn));
  const int latest = latest_schema_version();
  XTT_ENSURE(current <= latest, ErrorCode::kSchemaMismatch,
             "database schema version " + std::to_string(current) +
                 " is newer than this build supports (" + std::to_string(latest) + ")");
  if (current == latest) {
    return ok();
  }
  if (current == 0) {
    XTT_TRY(conn.exec_text("CREATE TABLE schema_version (version integer NOT NULL)"));
    XTT_TRY(conn.exec_text("INSERT INTO schema_version VALUES (0)"));
  }
  for (const auto& step : kMigrations) {
    if (step.version > current) {
      XTT_TRY(conn.exec_text(step.sql));
    }
  }
  XTT_TRY(conn.exec_text("UPDATE schema_version SET version = " + std::to_string(latest)));
  return txn.commit();
}

}  // namespace xtt::store::postgres
