#pragma once

#include <memory>
#include <string>

#include "store/postgres/pg_pool.hpp"
#include "store/store.hpp"

namespace xtt::store::postgres {

struct PostgresOptions {
  // Connections kept open; worker threads beyond this wait for one.
  std::size_t pool_size = 4;
};

// The shared Store for several server nodes: PostgreSQL through libpq, a
// small connection pool, prepared statements with binary parameters and
// results. Each connection sets synchronous_commit on, so a COMMIT has reached
// the server's disk when a call returns. ClientID uniqueness comes from the
// primary key: INSERT ... ON CONFLICT DO NOTHING in READ COMMITTED, with the
// provisioning lookups taking row locks (FOR UPDATE).
class PostgresStore final : public Store {
  struct Key {
    explicit Key() = default;
  };

 public:
  // conninfo: a libpq URI (postgres://...) or keyword/value string.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& conninfo,
                                                     const PostgresOptions& options = {});
  PostgresStore(Key, std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

  std::string_view backend() const override { return "postgres"; }

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

 private:
  class Txn;
  std::unique_ptr<Pool> pool_;
};

}  // namespace xtt::store::postgres
