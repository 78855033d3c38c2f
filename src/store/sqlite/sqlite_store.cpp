#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <limits>

#include "store/provision.hpp"
#include "store/sqlite/sqlite_schema.hpp"

namespace xtt::store::sqlite {

namespace {

constexpr std::string_view kIdentityColumns =
    "client_id, gid, algorithm, longterm_pub, pseudonym, longterm_secret, created_at, last_seen, "
    "revoked";
constexpr std::string_view kGroupColumns =
    "gid, gpk, basename, sk_revocations, bsn_revocations, name, created_at";
constexpr std::string_view kSessionColumns =
    "session_id, client_id, suite, confirmed, created_at, expires_at, state";

std::string sql_text(SqliteStore::Sql which) {
  using Sql = SqliteStore::Sql;
  const std::string id_cols(kIdentityColumns);
  const std::string group_cols(kGroupColumns);
  const std::string session_cols(kSessionColumns);
  switch (which) {
    case Sql::kPutGroup:
      return "INSERT INTO daa_groups (" + group_cols +
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (gid) DO UPDATE SET "
             "gpk = excluded.gpk, basename = excluded.basename, "
             "sk_revocations = excluded.sk_revocations, bsn_revocations = "
             "excluded.bsn_revocations, "
             "name = excluded.name, created_at = excluded.created_at";
    case Sql::kFindGroup:
      return "SELECT " + group_cols + " FROM daa_groups WHERE gid = ?1";
    case Sql::kListGroups:
      return "SELECT " + group_cols + " FROM daa_groups ORDER BY gid";
    case Sql::kFindIdentity:
      return "SELECT " + id_cols + " FROM identities WHERE client_id = ?1";
    case Sql::kFindIdentityByKey:
      return "SELECT " + id_cols +
             " FROM identities WHERE gid = ?1 AND pseudonym = ?2 AND longterm_pub = ?3 "
             "ORDER BY client_id LIMIT 1";
    case Sql::kInsertIdentity:
      return "INSERT INTO identities (" + id_cols +
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (client_id) DO NOTHING";
    case Sql::kUpdateKey:
      return "UPDATE identities SET algorithm = ?2, longterm_pub = ?3, longterm_secret = ?4, "
             "last_seen = ?5 WHERE client_id = ?1";
    case Sql::kListIdentities:
      return "SELECT " + id_cols + " FROM identities ORDER BY client_id LIMIT ?1 OFFSET ?2";
    case Sql::kRevoke:
      return "UPDATE identities SET revoked = 1 WHERE client_id = ?1";
    case Sql::kDeleteSessionsOf:
      return "DELETE FROM sessions WHERE client_id = ?1";
    case Sql::kTouch:
      return "UPDATE identities SET last_seen = max(last_seen, ?2) WHERE client_id = ?1";
    case Sql::kSetSecret:
      return "UPDATE identities SET longterm_secret = ?2 WHERE client_id = ?1";
    case Sql::kIdentityExists:
      return "SELECT 1 FROM identities WHERE client_id = ?1";
    case Sql::kInsertSession:
      return "INSERT INTO sessions (" + session_cols +
             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (session_id) DO NOTHING";
    case Sql::kFindSession:
      return "SELECT " + session_cols + " FROM sessions WHERE session_id = ?1";
    case Sql::kListSessions:
      return "SELECT " + session_cols +
             " FROM sessions WHERE client_id = ?1 ORDER BY created_at, session_id";
    case Sql::kDeleteSession:
      return "DELETE FROM sessions WHERE session_id = ?1";
    case Sql::kDeleteExpired:
      return "DELETE FROM sessions WHERE expires_at <= ?1";
    case Sql::kMarkCookie:
      return "INSERT INTO used_cookies (cookie_id, expires_at) VALUES (?1, ?2) "
             "ON CONFLICT (cookie_id) DO NOTHING";
    case Sql::kPurgeCookies:
      return "DELETE FROM used_cookies WHERE expires_at < ?1";
    case Sql::kCount:
      break;
  }
  return {};
}

Result<GroupRecord> read_group(const Statement& s) {
  GroupRecord g;
  g.gid = XTT_TRY(fixed_from_column<wire::GroupId>(s.column_blob(0), "gid"));
  g.public_key = XTT_TRY(group_key_from_column(s.column_blob(1)));
  const auto basename = s.column_blob(2);
  g.basename.assign(basename.begin(), basename.end());
  g.revoked_secret_keys = XTT_TRY(unpack_revoked_secret_keys(s.column_blob(3)));
  g.revoked_pseudonyms = XTT_TRY(unpack_revoked_pseudonyms(s.column_blob(4)));
  g.name = s.column_text(5);
  g.created_at = s.column_int64(6);
  return g;
}

Result<IdentityRecord> read_identity(const Statement& s) {
  IdentityRecord r;
  r.client_id = XTT_TRY(fixed_from_column<wire::ClientId>(s.column_blob(0), "client_id"));
  r.gid = XTT_TRY(fixed_from_column<wire::GroupId>(s.column_blob(1), "gid"));
  r.algorithm = XTT_TRY(algorithm_from_column(s.column_int64(2)));
  const auto pub = s.column_blob(3);
  r.longterm_public_key.assign(pub.begin(), pub.end());
  r.pseudonym = XTT_TRY(fixed_from_column<wire::Pseudonym>(s.column_blob(4), "pseudonym"));
  // SQLite's own row buffer cannot be wiped from here; ours is a SecretVector.
  r.longterm_secret = SecretVector(s.column_blob(5));
  r.created_at = s.column_int64(6);
  r.last_seen = s.column_int64(7);
  r.revoked = s.column_int64(8) != 0;
  XTT_TRY(check_stored(r));
  return r;
}

Result<SessionRecord> read_session(const Statement& s) {
  SessionRecord r;
  r.session_id = XTT_TRY(fixed_from_column<wire::SessionId>(s.column_blob(0), "session_id"));
  r.client_id = XTT_TRY(fixed_from_column<wire::ClientId>(s.column_blob(1), "client_id"));
  const std::int64_t suite = s.column_int64(2);
  XTT_ENSURE(suite >= 0 && suite <= 0xffff, ErrorCode::kCorrupt, "stored suite out of range");
  r.suite = static_cast<std::uint16_t>(suite);
  r.confirmed = s.column_int64(3) != 0;
  r.created_at = s.column_int64(4);
  r.expires_at = s.column_int64(5);
  r.state = SecretVector(s.column_blob(6));
  return r;
}

Status bind_identity(Statement& s, const IdentityRecord& r) {
  XTT_TRY(s.bind_blob(1, r.client_id.span()));
  XTT_TRY(s.bind_blob(2, r.gid.span()));
  XTT_TRY(s.bind_int64(3, static_cast<std::int64_t>(r.algorithm)));
  XTT_TRY(s.bind_blob(4, r.longterm_public_key));
  XTT_TRY(s.bind_blob(5, r.pseudonym.span()));
  XTT_TRY(s.bind_secret(6, r.longterm_secret.span()));
  XTT_TRY(s.bind_int64(7, r.created_at));
  XTT_TRY(s.bind_int64(8, r.last_seen));
  XTT_TRY(s.bind_int64(9, r.revoked ? 1 : 0));
  return ok();
}

Result<std::int64_t> to_sql_count(std::size_t n) {
  XTT_ENSURE(n <= static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()),
             ErrorCode::kInvalidArgument, "limit or offset too large");
  return static_cast<std::int64_t>(n);
}

}  // namespace

// Provisioning runs inside BEGIN IMMEDIATE with the store mutex held, so the
// lookups and the insert see one consistent database.
class SqliteStore::Txn final : public ProvisionTxn {
 public:
  explicit Txn(SqliteStore& store) : store_(store) {}

  Result<std::optional<IdentityRecord>> find_by_id(const wire::ClientId& id) override {
    return store_.find_identity_locked(id);
  }

  Result<std::optional<IdentityRecord>> find_by_key(const wire::GroupId& gid,
                                                    const wire::Pseudonym& pseudonym,
                                                    ByteSpan public_key) override {
    Use s(store_.stmt(Sql::kFindIdentityByKey));
    XTT_TRY(s->bind_blob(1, gid.span()));
    XTT_TRY(s->bind_blob(2, pseudonym.span()));
    XTT_TRY(s->bind_blob(3, public_key));
    if (!XTT_TRY(s->step())) {
      return std::optional<IdentityRecord>();
    }
    return std::optional<IdentityRecord>(XTT_TRY(read_identity(*s)));
  }

  Result<bool> insert(const IdentityRecord& identity) override {
    Use s(store_.stmt(Sql::kInsertIdentity));
    XTT_TRY(bind_identity(*s, identity));
    XTT_TRY(s->run());
    return XTT_TRY(store_.changes()) == 1;
  }

  Status update_key(const IdentityRecord& identity) override {
    Use s(store_.stmt(Sql::kUpdateKey));
    XTT_TRY(s->bind_blob(1, identity.client_id.span()));
    XTT_TRY(s->bind_int64(2, static_cast<std::int64_t>(identity.algorithm)));
    XTT_TRY(s->bind_blob(3, identity.longterm_public_key));
    XTT_TRY(s->bind_secret(4, identity.longterm_secret.span()));
    XTT_TRY(s->bind_int64(5, identity.last_seen));
    XTT_TRY(s->run());
    XTT_ENSURE(XTT_TRY(store_.changes()) == 1, ErrorCode::kInternal, "updated identity vanished");
    return ok();
  }

 private:
  SqliteStore& store_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const SqliteOptions& options) {
  XTT_ENSURE(!path.empty(), ErrorCode::kInvalidArgument, "empty SQLite path");
  sqlite3* raw = nullptr;
  // NOMUTEX: our own mutex serialises every use of the connection.
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    return sqlite_error(db.get(), rc, "open " + path);
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), options.busy_timeout_ms);

  // The first statement that reads the file: a non-database file fails here
  // with SQLITE_NOTADB, which becomes kCorrupt.
  auto mode = XTT_TRY(Statement::prepare(db.get(), "PRAGMA journal_mode = WAL"));
  XTT_ENSURE(XTT_TRY(mode.step()), ErrorCode::kStorageFailure, "journal_mode returned no row");
  XTT_ENSURE(mode.column_text(0) == "wal", ErrorCode::kStorageFailure,
             "cannot use WAL on " + path + " (got journal_mode " + mode.column_text(0) + ")");
  mode.reset();
  // FULL: the WAL is fsynced at every commit, so an acknowledged identity
  // survives power loss, not only a process crash.
  XTT_TRY(exec(db.get(), "PRAGMA synchronous = FULL"));
  XTT_TRY(exec(db.get(), "PRAGMA foreign_keys = ON"));
  // Overwrite freed pages, so a replaced long-term secret does not linger.
  XTT_TRY(exec(db.get(), "PRAGMA secure_delete = ON"));
  XTT_TRY(migrate(db.get()));

  auto store = std::make_unique<SqliteStore>(Key{}, std::move(db));
  XTT_TRY(store->prepare_all());
  return store;
}

Status SqliteStore::prepare_all() {
  for (std::size_t i = 0; i < stmts_.size(); ++i) {
    stmts_[i] = XTT_TRY(Statement::prepare(db_.get(), sql_text(static_cast<Sql>(i))));
  }
  return ok();
}

Result<std::size_t> SqliteStore::changes() const {
  const int n = sqlite3_changes(db_.get());
  XTT_ENSURE(n >= 0, ErrorCode::kInternal, "negative change count");
  return static_cast<std::size_t>(n);
}

Status SqliteStore::put_group(const GroupRecord& group) {
  XTT_TRY(validate(group));
  const Bytes sk = pack_revoked_secret_keys(group.revoked_secret_keys);
  const Bytes bsn = pack_revoked_pseudonyms(group.revoked_pseudonyms);
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kPutGroup));
  XTT_TRY(s->bind_blob(1, group.gid.span()));
  XTT_TRY(s->bind_blob(2, group.public_key));
  XTT_TRY(s->bind_blob(3, group.basename));
  XTT_TRY(s->bind_blob(4, sk));
  XTT_TRY(s->bind_blob(5, bsn));
  XTT_TRY(s->bind_text(6, group.name));
  XTT_TRY(s->bind_int64(7, group.created_at));
  return s->run();
}

Result<std::optional<GroupRecord>> SqliteStore::find_group(const wire::GroupId& gid) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kFindGroup));
  XTT_TRY(s->bind_blob(1, gid.span()));
  if (!XTT_TRY(s->step())) {
    return std::optional<GroupRecord>();
  }
  return std::optional<GroupRecord>(XTT_TRY(read_group(*s)));
}

Result<std::vector<GroupRecord>> SqliteStore::list_groups() {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kListGroups));
  std::vector<GroupRecord> out;
  while (XTT_TRY(s->step())) {
    out.push_back(XTT_TRY(read_group(*s)));
  }
  return out;
}

Result<ProvisionResult> SqliteStore::provision_identity(const ProvisionRequest& request,
                                                        Random& rng) {
  XTT_TRY(validate(request));
  std::lock_guard lock(mu_);
  auto txn = XTT_TRY(Transaction::begin_immediate(db_.get()));
  Txn ops(*this);
  auto result = XTT_TRY(run_provision(ops, request, rng));
  XTT_TRY(txn.commit());
  return result;
}

Result<std::optional<IdentityRecord>> SqliteStore::find_identity_locked(const wire::ClientId& id) {
  Use s(stmt(Sql::kFindIdentity));
  XTT_TRY(s->bind_blob(1, id.span()));
  if (!XTT_TRY(s->step())) {
    return std::optional<IdentityRecord>();
  }
  return std::optional<IdentityRecord>(XTT_TRY(read_identity(*s)));
}

Status SqliteStore::require_identity_locked(const wire::ClientId& id) {
  Use s(stmt(Sql::kIdentityExists));
  XTT_TRY(s->bind_blob(1, id.span()));
  XTT_ENSURE(XTT_TRY(s->step()), ErrorCode::kNotFound, "no identity with this ClientID");
  return ok();
}

Result<std::optional<IdentityRecord>> SqliteStore::find_identity(const wire::ClientId& id) {
  std::lock_guard lock(mu_);
  return find_identity_locked(id);
}

Result<std::vector<IdentityRecord>> SqliteStore::list_identities(std::size_t limit,
                                                                 std::size_t offset) {
  const std::int64_t sql_limit = limit == 0 ? -1 : XTT_TRY(to_sql_count(limit));
  const std::int64_t sql_offset = XTT_TRY(to_sql_count(offset));
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kListIdentities));
  XTT_TRY(s->bind_int64(1, sql_limit));
  XTT_TRY(s->bind_int64(2, sql_offset));
  std::vector<IdentityRecord> out;
  while (XTT_TRY(s->step())) {
    out.push_back(XTT_TRY(read_identity(*s)));
  }
  return out;
}

Status SqliteStore::revoke_identity(const wire::ClientId& id) {
  std::lock_guard lock(mu_);
  auto txn = XTT_TRY(Transaction::begin_immediate(db_.get()));
  {
    Use s(stmt(Sql::kRevoke));
    XTT_TRY(s->bind_blob(1, id.span()));
    XTT_TRY(s->run());
    XTT_ENSURE(XTT_TRY(changes()) == 1, ErrorCode::kNotFound, "no identity with this ClientID");
  }
  {
    Use s(stmt(Sql::kDeleteSessionsOf));
    XTT_TRY(s->bind_blob(1, id.span()));
    XTT_TRY(s->run());
  }
  return txn.commit();
}

Status SqliteStore::touch_identity(const wire::ClientId& id, UnixTime now) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kTouch));
  XTT_TRY(s->bind_blob(1, id.span()));
  XTT_TRY(s->bind_int64(2, now));
  XTT_TRY(s->run());
  XTT_ENSURE(XTT_TRY(changes()) == 1, ErrorCode::kNotFound, "no identity with this ClientID");
  return ok();
}

Status SqliteStore::set_longterm_secret(const wire::ClientId& id, ByteSpan secret) {
  XTT_TRY(validate_longterm_secret(secret));
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kSetSecret));
  XTT_TRY(s->bind_blob(1, id.span()));
  XTT_TRY(s->bind_secret(2, secret));
  XTT_TRY(s->run());
  XTT_ENSURE(XTT_TRY(changes()) == 1, ErrorCode::kNotFound, "no identity with this ClientID");
  return ok();
}

Status SqliteStore::put_session(const SessionRecord& session) {
  XTT_TRY(validate(session));
  std::lock_guard lock(mu_);
  auto txn = XTT_TRY(Transaction::begin_immediate(db_.get()));
  XTT_TRY(require_identity_locked(session.client_id));
  {
    Use s(stmt(Sql::kInsertSession));
    XTT_TRY(s->bind_blob(1, session.session_id.span()));
    XTT_TRY(s->bind_blob(2, session.client_id.span()));
    XTT_TRY(s->bind_int64(3, session.suite));
    XTT_TRY(s->bind_int64(4, session.confirmed ? 1 : 0));
    XTT_TRY(s->bind_int64(5, session.created_at));
    XTT_TRY(s->bind_int64(6, session.expires_at));
    XTT_TRY(s->bind_secret(7, session.state.span()));
    XTT_TRY(s->run());
    XTT_ENSURE(XTT_TRY(changes()) == 1, ErrorCode::kConflict,
               "a session with this SessionID exists");
  }
  return txn.commit();
}

Result<std::optional<SessionRecord>> SqliteStore::find_session(const wire::SessionId& id) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kFindSession));
  XTT_TRY(s->bind_blob(1, id.span()));
  if (!XTT_TRY(s->step())) {
    return std::optional<SessionRecord>();
  }
  return std::optional<SessionRecord>(XTT_TRY(read_session(*s)));
}

Result<std::vector<SessionRecord>> SqliteStore::list_sessions(const wire::ClientId& client) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kListSessions));
  XTT_TRY(s->bind_blob(1, client.span()));
  std::vector<SessionRecord> out;
  while (XTT_TRY(s->step())) {
    out.push_back(XTT_TRY(read_session(*s)));
  }
  return out;
}

Result<bool> SqliteStore::delete_session(const wire::SessionId& id) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kDeleteSession));
  XTT_TRY(s->bind_blob(1, id.span()));
  XTT_TRY(s->run());
  return XTT_TRY(changes()) == 1;
}

Result<std::size_t> SqliteStore::delete_expired(UnixTime now) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kDeleteExpired));
  XTT_TRY(s->bind_int64(1, now));
  XTT_TRY(s->run());
  return changes();
}

Result<bool> SqliteStore::mark_cookie_used(const CookieId& id, UnixTime expires) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kMarkCookie));
  XTT_TRY(s->bind_blob(1, id.span()));
  XTT_TRY(s->bind_int64(2, expires));
  XTT_TRY(s->run());
  return XTT_TRY(changes()) == 1;
}

Result<std::size_t> SqliteStore::purge_cookies(UnixTime now) {
  std::lock_guard lock(mu_);
  Use s(stmt(Sql::kPurgeCookies));
  XTT_TRY(s->bind_int64(1, now));
  XTT_TRY(s->run());
  return changes();
}

}  // namespace xtt::store::sqlite
