#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace xtt::store::sqlite {

struct SqliteOptions {
  // How long a writer waits for another process's write lock.
  int busy_timeout_ms = 5000;
};

// The embedded Store: one SQLite file in WAL mode with synchronous=FULL, so a
// commit is on disk (WAL fsynced) when the call returns.
//
// Concurrency: one connection behind one mutex. Every write ends in an fsync
// and SQLite admits one writer at a time anyway, so a connection per thread
// would buy parallel reads only, at the price of SQLITE_BUSY handling between
// our own threads. Other processes may open the same file: writes take the
// lock with BEGIN IMMEDIATE and wait up to busy_timeout_ms.
class SqliteStore final : public Store {
  struct Key {
    explicit Key() = default;
  };

 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   const SqliteOptions& options = {});

  // Use open(); the key keeps construction private while make_unique works.
  SqliteStore(Key, DbHandle db) : db_(std::move(db)) {}

  std::string_view backend() const override { return "sqlite"; }

  Status put_group(const GroupRecord& group) override;
  Result<std::optional<GroupRecord>> find_group(const wire::GroupId& gid) override;
  Result<std::vector<GroupRecord>> list_groups() override;

  Result<ProvisionResult> provision_identity(const ProvisionRequest& request, Random& rng) override;
  Result<std::optional<IdentityRecord>> find_identity(const wire::ClientId& id) override;
  Result<std::vector<IdentityRecord>> list_identities(std::size_t limit,
                                                      std::size_t offset) override;
  Status revoke_identity(const wire::ClientId& id) override;
  Status touch_identity(const wire::ClientId& id, UnixTime now) override;
  Status set_longterm_secret(const wire::ClientId& id, ByteSpan secret) override;

  Status put_session(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> find_session(const wire::SessionId& id) override;
  Result<std::vector<SessionRecord>> list_sessions(const wire::ClientId& client) override;
  Result<bool> delete_session(const wire::SessionId& id) override;
  Result<std::size_t> delete_expired(UnixTime now) override;

  Result<bool> mark_cookie_used(const CookieId& id, UnixTime expires) override;
  Result<std::size_t> purge_cookies(UnixTime now) override;

  // Statements, prepared once at open.
  enum class Sql : std::size_t {
    kPutGroup,
    kFindGroup,
    kListGroups,
    kFindIdentity,
    kFindIdentityByKey,
    kInsertIdentity,
    kUpdateKey,
    kListIdentities,
    kRevoke,
    kDeleteSessionsOf,
    kTouch,
    kSetSecret,
    kIdentityExists,
    kInsertSession,
    kFindSession,
    kListSessions,
    kDeleteSession,
    kDeleteExpired,
    kMarkCookie,
    kPurgeCookies,
    kCount,
  };

 private:
  class Txn;
  Status prepare_all();
  Statement& stmt(Sql which) { return stmts_[static_cast<std::size_t>(which)]; }
  Result<std::size_t> changes() const;
  Result<std::optional<IdentityRecord>> find_identity_locked(const wire::ClientId& id);
  Status require_identity_locked(const wire::ClientId& id);

  std::mutex mu_;
  DbHandle db_;
  std::array<Statement, static_cast<std::size_t>(Sql::kCount)> stmts_;
};

}  // namespace xtt::store::sqlite
