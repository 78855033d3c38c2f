#include "store/postgres/postgres_store.hpp"

#include <limits>

#include "store/postgres/postgres_schema.hpp"
#include "store/provision.hpp"

namespace xtt::store::postgres {

namespace {

enum class Sql : std::size_t {
  kPutGroup,
  kFindGroup,
  kListGroups,
  kFindIdentity,
  kLockIdentity,
  kLockIdentityByKey,
  kInsertIdentity,
  kUpdateKey,
  kListIdentities,
  kRevoke,
  kDeleteSessionsOf,
  kTouch,
  kSetSecret,
  kInsertSession,
  kFindSession,
  kListSessions,
  kDeleteSession,
  kDeleteExpired,
  kMarkCookie,
  kPurgeCookies,
  kCount,
};

constexpr std::string_view kIdentityColumns =
    "client_id, gid, algorithm, longterm_pub, pseudonym, longterm_secret, created_at, last_seen, "
    "revoked";
constexpr std::string_view kGroupColumns =
    "gid, gpk, basename, sk_revocations, bsn_revocations, name, created_at";
constexpr std::string_view kSessionColumns =
    "session_id, client_id, suite::int8, confirmed, created_at, expires_at, state";

std::string sql_text(Sql which) {
  const std::string id_cols(kIdentityColumns);
  const std::string group_cols(kGroupColumns);
  const std::string session_cols(kSessionColumns);
  switch (which) {
    case Sql::kPutGroup:
      return "INSERT INTO daa_groups (" + group_cols +
             ") VALUES ($1::bytea, $2::bytea, $3::bytea, $4::bytea, $5::bytea, $6::text, "
             "$7::int8) ON CONFLICT (gid) DO UPDATE SET gpk = EXCLUDED.gpk, "
             "basename = EXCLUDED.basename, sk_revocations = EXCLUDED.sk_revocations, "
             "bsn_revocations = EXCLUDED.bsn_revocations, name = EXCLUDED.name, "
             "created_at = EXCLUDED.created_at";
    case Sql::kFindGroup:
      return "SELECT " + group_cols + " FROM daa_groups WHERE gid = $1::bytea";
    case Sql::kListGroups:
      return "SELECT " + group_cols + " FROM daa_groups ORDER BY gid";
    case Sql::kFindIdentity:
      return "SELECT " + id_cols + " FROM identities WHERE client_id = $1::bytea";
    case Sql::kLockIdentity:
      return "SELECT " + id_cols + " FROM identities WHERE client_id = $1::bytea FOR UPDATE";
    case Sql::kLockIdentityByKey:
      return "SELECT " + id_cols +
             " FROM identities WHERE gid = $1::bytea AND pseudonym = $2::bytea AND "
             "longterm_pub = $3::bytea ORDER BY client_id LIMIT 1 FOR UPDATE";
    case Sql::kInsertIdentity:
      return "INSERT INTO identities (" + id_cols +
             ") VALUES ($1::bytea, $2::bytea, $3::int2, $4::bytea, $5::bytea, $6::bytea, "
             "$7::int8, $8::int8, $9::bool) ON CONFLICT (client_id) DO NOTHING";
    case Sql::kUpdateKey:
      return "UPDATE identities SET algorithm = $2::int2, longterm_pub = $3::bytea, "
             "longterm_secret = $4::bytea, last_seen = $5::int8 WHERE client_id = $1::bytea";
    case Sql::kListIdentities:
      return "SELECT " + id_cols +
             " FROM identities ORDER BY client_id LIMIT $1::int8 OFFSET $2::int8";
    case Sql::kRevoke:
      return "UPDATE identities SET revoked = true WHERE client_id = $1::bytea";
    case Sql::kDeleteSessionsOf:
      return "DELETE FROM sessions WHERE client_id = $1::bytea";
    case Sql::kTouch:
      return "UPDATE identities SET last_seen = GREATEST(last_seen, $2::int8) "
             "WHERE client_id = $1::bytea";
    case Sql::kSetSecret:
      return "UPDATE identities SET longterm_secret = $2::bytea WHERE client_id = $1::bytea";
    case Sql::kInsertSession:
      return "INSERT INTO sessions (session_id, client_id, suite, confirmed, created_at, "
             "expires_at, state) VALUES ($1::bytea, $2::bytea, $3::int8, $4::bool, $5::int8, "
             "$6::int8, $7::bytea) ON CONFLICT (session_id) DO NOTHING";
    case Sql::kFindSession:
      return "SELECT " + session_cols + " FROM sessions WHERE session_id = $1::bytea";
    case Sql::kListSessions:
      return "SELECT " + session_cols +
             " FROM sessions WHERE client_id = $1::bytea ORDER BY created_at, session_id";
    case Sql::kDeleteSession:
      return "DELETE FROM sessions WHERE session_id = $1::bytea";
    case Sql::kDeleteExpired:
      return "DELETE FROM sessions WHERE expires_at <= $1::int8";
    case Sql::kMarkCookie:
      return "INSERT INTO used_cookies (cookie_id, expires_at) VALUES ($1::bytea, $2::int8) "
             "ON CONFLICT (cookie_id) DO NOTHING";
    case Sql::kPurgeCookies:
      return "DELETE FROM used_cookies WHERE expires_at < $1::int8";
    case Sql::kCount:
      break;
  }
  return {};
}

std::vector<std::string> all_sql() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < static_cast<std::size_t>(Sql::kCount); ++i) {
    out.push_back(sql_text(static_cast<Sql>(i)));
  }
  return out;
}

Result<PgResult> run(Connection& conn, Sql which, const Params& params) {
  return conn.exec(static_cast<std::size_t>(which), params);
}

Params one_blob(ByteSpan data) {
  Params p;
  p.bytes(data);
  return p;
}

Result<GroupRecord> read_group(const Row& row) {
  GroupRecord g;
  const ByteSpan gid = XTT_TRY(row.bytes(0));
  const ByteSpan gpk = XTT_TRY(row.bytes(1));
  const ByteSpan basename = XTT_TRY(row.bytes(2));
  const ByteSpan sk = XTT_TRY(row.bytes(3));
  const ByteSpan bsn = XTT_TRY(row.bytes(4));
  g.gid = XTT_TRY(fixed_from_column<wire::GroupId>(gid, "gid"));
  g.public_key = XTT_TRY(group_key_from_column(gpk));
  g.basename.assign(basename.begin(), basename.end());
  g.revoked_secret_keys = XTT_TRY(unpack_revoked_secret_keys(sk));
  g.revoked_pseudonyms = XTT_TRY(unpack_revoked_pseudonyms(bsn));
  g.name = XTT_TRY(row.text(5));
  g.created_at = XTT_TRY(row.int8(6));
  return g;
}

Result<IdentityRecord> read_identity(const Row& row) {
  IdentityRecord r;
  const ByteSpan secret = XTT_TRY(row.bytes(5));
  r.longterm_secret = SecretVector(secret);
  row.wipe(5);
  const ByteSpan id = XTT_TRY(row.bytes(0));
  const ByteSpan gid = XTT_TRY(row.bytes(1));
  const std::int16_t algorithm = XTT_TRY(row.int2(2));
  const ByteSpan pub = XTT_TRY(row.bytes(3));
  const ByteSpan pseudonym = XTT_TRY(row.bytes(4));
  r.client_id = XTT_TRY(fixed_from_column<wire::ClientId>(id, "client_id"));
  r.gid = XTT_TRY(fixed_from_column<wire::GroupId>(gid, "gid"));
  r.algorithm = XTT_TRY(algorithm_from_column(algorithm));
  r.longterm_public_key.assign(pub.begin(), pub.end());
  r.pseudonym = XTT_TRY(fixed_from_column<wire::Pseudonym>(pseudonym, "pseudonym"));
  r.created_at = XTT_TRY(row.int8(6));
  r.last_seen = XTT_TRY(row.int8(7));
  r.revoked = XTT_TRY(row.boolean(8));
  XTT_TRY(check_stored(r));
  return r;
}

Result<SessionRecord> read_session(const Row& row) {
  SessionRecord r;
  const ByteSpan state = XTT_TRY(row.bytes(6));
  r.state = SecretVector(state);
  row.wipe(6);
  const ByteSpan session_id = XTT_TRY(row.bytes(0));
  const ByteSpan client_id = XTT_TRY(row.bytes(1));
  r.session_id = XTT_TRY(fixed_from_column<wire::SessionId>(session_id, "session_id"));
  r.client_id = XTT_TRY(fixed_from_column<wire::ClientId>(client_id, "client_id"));
  const std::int64_t suite = XTT_TRY(row.int8(2));
  XTT_ENSURE(suite >= 0 && suite <= 0xffff, ErrorCode::kCorrupt, "stored suite out of range");
  r.suite = static_cast<std::uint16_t>(suite);
  r.confirmed = XTT_TRY(row.boolean(3));
  r.created_at = XTT_TRY(row.int8(4));
  r.expires_at = XTT_TRY(row.int8(5));
  return r;
}

// Reads every row with `read`, wiping secrets even when a later row fails.
template <typename T, typename Reader>
Result<std::vector<T>> read_all(const PgResult& res, Reader read) {
  std::vector<T> out;
  const int n = PQntuples(res.get());
  Status failed = ok();
  for (int i = 0; i < n; ++i) {
    auto item = read(Row(res.get(), i));
    if (!item) {
      if (failed) {
        failed = std::move(item).error();
      }
      continue;
    }
    out.push_back(std::move(item).value());
  }
  if (!failed) {
    return std::move(failed).error();
  }
  return out;
}

template <typename T, typename Reader>
Result<std::optional<T>> read_optional(const PgResult& res, Reader read) {
  auto all = XTT_TRY(read_all<T>(res, read));
  if (all.empty()) {
    return std::optional<T>();
  }
  return std::optional<T>(std::move(all.front()));
}

Result<std::int64_t> to_sql_count(std::size_t n) {
  XTT_ENSURE(n <= static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()),
             ErrorCode::kInvalidArgument, "limit or offset too large");
  return static_cast<std::int64_t>(n);
}

}  // namespace

class PostgresStore::Txn final : public ProvisionTxn {
 public:
  explicit Txn(Connection& conn) : conn_(conn) {}

  Result<std::optional<IdentityRecord>> find_by_id(const wire::ClientId& id) override {
    auto res = XTT_TRY(run(conn_, Sql::kLockIdentity, one_blob(id.span())));
    return read_optional<IdentityRecord>(res, read_identity);
  }

  Result<std::optional<IdentityRecord>> find_by_key(const wire::GroupId& gid,
                                                    const wire::Pseudonym& pseudonym,
                                                    ByteSpan public_key) override {
    Params p;
    p.bytes(gid.span());
    p.bytes(pseudonym.span());
    p.bytes(public_key);
    auto res = XTT_TRY(run(conn_, Sql::kLockIdentityByKey, p));
    return read_optional<IdentityRecord>(res, read_identity);
  }

  Result<bool> insert(const IdentityRecord& r) override {
    Params p;
    p.bytes(r.client_id.span());
    p.bytes(r.gid.span());
    p.int2(static_cast<std::int16_t>(r.algorithm));
    p.bytes(r.longterm_public_key);
    p.bytes(r.pseudonym.span());
    p.secret(r.longterm_secret.span());
    p.int8(r.created_at);
    p.int8(r.last_seen);
    p.boolean(r.revoked);
    auto res = XTT_TRY(run(conn_, Sql::kInsertIdentity, p));
    return affected_rows(res.get()) == 1;
  }

  Status update_key(const IdentityRecord& r) override {
    Params p;
    p.bytes(r.client_id.span());
    p.int2(static_cast<std::int16_t>(r.algorithm));
    p.bytes(r.longterm_public_key);
    p.secret(r.longterm_secret.span());
    p.int8(r.last_seen);
    auto res = XTT_TRY(run(conn_, Sql::kUpdateKey, p));
    XTT_ENSURE(affected_rows(res.get()) == 1, ErrorCode::kInternal, "updated identity vanished");
    return ok();
  }

 private:
  Connection& conn_;
};

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& conninfo,
                                                           const PostgresOptions& options) {
  {
    // Migrate on a connection of its own, before statements that need the
    // tables are prepared.
    auto conn = XTT_TRY(Connection::connect(conninfo));
    XTT_TRY(migrate(*conn));
  }
  auto pool = XTT_TRY(Pool::create(conninfo, options.pool_size, all_sql()));
  return std::make_unique<PostgresStore>(Key{}, std::move(pool));
}

Status PostgresStore::put_group(const GroupRecord& group) {
  XTT_TRY(validate(group));
  Params p;
  p.bytes(group.gid.span());
  p.bytes(group.public_key);
  p.bytes(group.basename);
  p.bytes(pack_revoked_secret_keys(group.revoked_secret_keys));
  p.bytes(pack_revoked_pseudonyms(group.revoked_pseudonyms));
  p.text(group.name);
  p.int8(group.created_at);
  auto conn = XTT_TRY(pool_->acquire());
  XTT_TRY(run(*conn, Sql::kPutGroup, p));
  return ok();
}

Result<std::optional<GroupRecord>> PostgresStore::find_group(const wire::GroupId& gid) {
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kFindGroup, one_blob(gid.span())));
  return read_optional<GroupRecord>(res, read_group);
}

Result<std::vector<GroupRecord>> PostgresStore::list_groups() {
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kListGroups, Params()));
  return read_all<GroupRecord>(res, read_group);
}

Result<ProvisionResult> PostgresStore::provision_identity(const ProvisionRequest& request,
                                                          Random& rng) {
  XTT_TRY(validate(request));
  auto conn = XTT_TRY(pool_->acquire());
  auto txn = XTT_TRY(Transaction::begin(*conn));
  Txn ops(*conn);
  auto result = XTT_TRY(run_provision(ops, request, rng));
  XTT_TRY(txn.commit());
  return result;
}

Result<std::optional<IdentityRecord>> PostgresStore::find_identity(const wire::ClientId& id) {
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kFindIdentity, one_blob(id.span())));
  return read_optional<IdentityRecord>(res, read_identity);
}

Result<std::vector<IdentityRecord>> PostgresStore::list_identities(std::size_t limit,
                                                                   std::size_t offset) {
  const std::int64_t sql_limit =
      limit == 0 ? std::numeric_limits<std::int64_t>::max() : XTT_TRY(to_sql_count(limit));
  const std::int64_t sql_offset = XTT_TRY(to_sql_count(offset));
  Params p;
  p.int8(sql_limit);
  p.int8(sql_offset);
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kListIdentities, p));
  return read_all<IdentityRecord>(res, read_identity);
}

Status PostgresStore::revoke_identity(const wire::ClientId& id) {
  auto conn = XTT_TRY(pool_->acquire());
  auto txn = XTT_TRY(Transaction::begin(*conn));
  auto res = XTT_TRY(run(*conn, Sql::kRevoke, one_blob(id.span())));
  XTT_ENSURE(affected_rows(res.get()) == 1, ErrorCode::kNotFound, "no identity with this ClientID");
  XTT_TRY(run(*conn, Sql::kDeleteSessionsOf, one_blob(id.span())));
  return txn.commit();
}

Status PostgresStore::touch_identity(const wire::ClientId& id, UnixTime now) {
  Params p;
  p.bytes(id.span());
  p.int8(now);
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kTouch, p));
  XTT_ENSURE(affected_rows(res.get()) == 1, ErrorCode::kNotFound, "no identity with this ClientID");
  return ok();
}

Status PostgresStore::set_longterm_secret(const wire::ClientId& id, ByteSpan secret) {
  XTT_TRY(validate_longterm_secret(secret));
  Params p;
  p.bytes(id.span());
  p.secret(secret);
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kSetSecret, p));
  XTT_ENSURE(affected_rows(res.get()) == 1, ErrorCode::kNotFound, "no identity with this ClientID");
  return ok();
}

Status PostgresStore::put_session(const SessionRecord& s) {
  XTT_TRY(validate(s));
  Params p;
  p.bytes(s.session_id.span());
  p.bytes(s.client_id.span());
  p.int8(s.suite);
  p.boolean(s.confirmed);
  p.int8(s.created_at);
  p.int8(s.expires_at);
  p.secret(s.state.span());
  auto conn = XTT_TRY(pool_->acquire());
  // An unknown client_id violates the foreign key: kNotFound (pg_error).
  auto res = XTT_TRY(run(*conn, Sql::kInsertSession, p));
  XTT_ENSURE(affected_rows(res.get()) == 1, ErrorCode::kConflict,
             "a session with this SessionID exists");
  return ok();
}

Result<std::optional<SessionRecord>> PostgresStore::find_session(const wire::SessionId& id) {
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kFindSession, one_blob(id.span())));
  return read_optional<SessionRecord>(res, read_session);
}

Result<std::vector<SessionRecord>> PostgresStore::list_sessions(const wire::ClientId& client) {
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kListSessions, one_blob(client.span())));
  return read_all<SessionRecord>(res, read_session);
}

Result<bool> PostgresStore::delete_session(const wire::SessionId& id) {
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kDeleteSession, one_blob(id.span())));
  return affected_rows(res.get()) == 1;
}

Result<std::size_t> PostgresStore::delete_expired(UnixTime now) {
  Params p;
  p.int8(now);
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kDeleteExpired, p));
  return affected_rows(res.get());
}

Result<bool> PostgresStore::mark_cookie_used(const CookieId& id, UnixTime expires) {
  Params p;
  p.bytes(id.span());
  p.int8(expires);
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kMarkCookie, p));
  return affected_rows(res.get()) == 1;
}

Result<std::size_t> PostgresStore::purge_cookies(UnixTime now) {
  Params p;
  p.int8(now);
  auto conn = XTT_TRY(pool_->acquire());
  auto res = XTT_TRY(run(*conn, Sql::kPurgeCookies, p));
  return affected_rows(res.get());
}

}  // namespace xtt::store::postgres
