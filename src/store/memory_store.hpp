#pragma once

#include <map>
#include <mutex>

#include "store/store.hpp"

namespace xtt::store {

// An in-process Store behind one mutex, for tests and fuzzing. It follows the
// same rules and returns the same codes as the SQL backends (the shared test
// suite checks that), but nothing survives the process.
class MemoryStore final : public Store {
 public:
  MemoryStore() = default;

  std::string_view backend() const override { return "memory"; }

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

  std::mutex mu_;
  std::map<wire::GroupId, GroupRecord> groups_;
  std::map<wire::ClientId, IdentityRecord> identities_;
  std::map<wire::SessionId, SessionRecord> sessions_;
  std::map<CookieId, UnixTime> cookies_;
};

}  // namespace xtt::store
