#include "store/memory_store.hpp"

#include <algorithm>

#include "store/provision.hpp"

namespace xtt::store {

class MemoryStore::Txn final : public ProvisionTxn {
 public:
  explicit Txn(std::map<wire::ClientId, IdentityRecord>& identities) : identities_(identities) {}

  Result<std::optional<IdentityRecord>> find_by_id(const wire::ClientId& id) override {
    auto it = identities_.find(id);
    if (it == identities_.end()) {
      return std::optional<IdentityRecord>();
    }
    return std::optional<IdentityRecord>(it->second.clone());
  }

  Result<std::optional<IdentityRecord>> find_by_key(const wire::GroupId& gid,
                                                    const wire::Pseudonym& pseudonym,
                                                    ByteSpan public_key) override {
    // Ordered map: the first match is the lowest client_id, as in SQL.
    for (const auto& [id, identity] : identities_) {
      if (identity.gid == gid && identity.pseudonym == pseudonym &&
          std::equal(identity.longterm_public_key.begin(), identity.longterm_public_key.end(),
                     public_key.begin(), public_key.end())) {
        return std::optional<IdentityRecord>(identity.clone());
      }
    }
    return std::optional<IdentityRecord>();
  }

  Result<bool> insert(const IdentityRecord& identity) override {
    return identities_.emplace(identity.client_id, identity.clone()).second;
  }

  Status update_key(const IdentityRecord& identity) override {
    auto it = identities_.find(identity.client_id);
    XTT_ENSURE(it != identities_.end(), ErrorCode::kInternal, "updated identity vanished");
    it->second = identity.clone();
    return ok();
  }

 private:
  std::map<wire::ClientId, IdentityRecord>& identities_;
};

Status MemoryStore::put_group(const GroupRecord& group) {
  XTT_TRY(validate(group));
  std::lock_guard lock(mu_);
  groups_[group.gid] = group;
  return ok();
}

Result<std::optional<GroupRecord>> MemoryStore::find_group(const wire::GroupId& gid) {
  std::lock_guard lock(mu_);
  auto it = groups_.find(gid);
  if (it == groups_.end()) {
    return std::optional<GroupRecord>();
  }
  return std::optional<GroupRecord>(it->second);
}

Result<std::vector<GroupRecord>> MemoryStore::list_groups() {
  std::lock_guard lock(mu_);
  std::vector<GroupRecord> out;
  for (const auto& [gid, group] : groups_) {
    out.push_back(group);
  }
  return out;
}

Result<ProvisionResult> MemoryStore::provision_identity(const ProvisionRequest& request,
                                                        Random& rng) {
  std::lock_guard lock(mu_);
  Txn txn(identities_);
  return run_provision(txn, request, rng);
}

Result<std::optional<IdentityRecord>> MemoryStore::find_identity(const wire::ClientId& id) {
  std::lock_guard lock(mu_);
  Txn txn(identities_);
  return txn.find_by_id(id);
}

Result<std::vector<IdentityRecord>> MemoryStore::list_identities(std::size_t limit,
                                                                 std::size_t offset) {
  std::lock_guard lock(mu_);
  std::vector<IdentityRecord> out;
  std::size_t index = 0;
  for (const auto& [id, identity] : identities_) {
    if (limit != 0 && out.size() == limit) {
      break;
    }
    if (index++ >= offset) {
      out.push_back(identity.clone());
    }
  }
  return out;
}

Status MemoryStore::revoke_identity(const wire::ClientId& id) {
  std::lock_guard lock(mu_);
  auto it = identities_.find(id);
  XTT_ENSURE(it != identities_.end(), ErrorCode::kNotFound, "no identity with this ClientID");
  it->second.revoked = true;
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.client_id == id; });
  return ok();
}

Status MemoryStore::touch_identity(const wire::ClientId& id, UnixTime now) {
  std::lock_guard lock(mu_);
  auto it = identities_.find(id);
  XTT_ENSURE(it != identities_.end(), ErrorCode::kNotFound, "no identity with this ClientID");
  it->second.last_seen = std::max(it->second.last_seen, now);
  return ok();
}

Status MemoryStore::set_longterm_secret(const wire::ClientId& id, ByteSpan secret) {
  XTT_TRY(validate_longterm_secret(secret));
  std::lock_guard lock(mu_);
  auto it = identities_.find(id);
  XTT_ENSURE(it != identities_.end(), ErrorCode::kNotFound, "no identity with this ClientID");
  it->second.longterm_secret = SecretVector(secret);
  return ok();
}

Status MemoryStore::put_session(const SessionRecord& session) {
  XTT_TRY(validate(session));
  std::lock_guard lock(mu_);
  XTT_ENSURE(identities_.count(session.client_id) != 0, ErrorCode::kNotFound,
             "session for an unknown ClientID");
  XTT_ENSURE(sessions_.count(session.session_id) == 0, ErrorCode::kConflict,
             "a session with this SessionID exists");
  sessions_.emplace(session.session_id, session.clone());
  return ok();
}

Result<std::optional<SessionRecord>> MemoryStore::find_session(const wire::SessionId& id) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return std::optional<SessionRecord>();
  }
  return std::optional<SessionRecord>(it->second.clone());
}

Result<std::vector<SessionRecord>> MemoryStore::list_sessions(const wire::ClientId& client) {
  std::lock_guard lock(mu_);
  std::vector<SessionRecord> out;
  for (const auto& [id, session] : sessions_) {
    if (session.client_id == client) {
      out.push_back(session.clone());
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.session_id < b.session_id;
  });
  return out;
}

Result<bool> MemoryStore::delete_session(const wire::SessionId& id) {
  std::lock_guard lock(mu_);
  return sessions_.erase(id) != 0;
}

Result<std::size_t> MemoryStore::delete_expired(UnixTime now) {
  std::lock_guard lock(mu_);
  return static_cast<std::size_t>(
      std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires_at <= now; }));
}

Result<bool> MemoryStore::mark_cookie_used(const CookieId& id, UnixTime expires) {
  std::lock_guard lock(mu_);
  return cookies_.emplace(id, expires).second;
}

Result<std::size_t> MemoryStore::purge_cookies(UnixTime now) {
  std::lock_guard lock(mu_);
  return static_cast<std::size_t>(
      std::erase_if(cookies_, [&](const auto& entry) { return entry.second < now; }));
}

}  // namespace xtt::store
