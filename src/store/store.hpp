#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/random.hpp"
#include "base/result.hpp"
#include "store/records.hpp"

namespace xtt::store {

// The durable identity store (docs/store.md). Synchronous and thread-safe: a
// server calls it from its worker threads. Every mutating call has committed
// durably when it returns OK, so a caller may acknowledge (send
// ServerFinished) right after. Errors are in the kStorage group (kNotFound,
// kConflict, kSchemaMismatch, kCorrupt, kStorageFailure) or kInvalidArgument
// for malformed inputs, plus kRevoked from provision_identity.
class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "memory", "sqlite" or "postgres".
  virtual std::string_view backend() const = 0;

  // --- DAA groups -----------------------------------------------------------
  // Inserts or replaces the group with this gid (revocation lists included).
  virtual Status put_group(const GroupRecord& group) = 0;
  virtual Result<std::optional<GroupRecord>> find_group(const wire::GroupId& gid) = 0;
  // Every group, ordered by gid.
  virtual Result<std::vector<GroupRecord>> list_groups() = 0;

  // --- identities -------------------------------------------------------------
  // Atomically grants or assigns a ClientID and writes the identity, committed
  // durably before it returns. The rule (docs/store.md, "Provisioning"):
  //  * A requested ID that is free is granted (kCreated).
  //  * A requested ID held by the same gid and pseudonym is re-provisioned:
  //    same public key -> kRetried, new key -> kReprovisioned; either way the
  //    key, algorithm and long-term secret are replaced and last_seen = now.
  //  * A requested ID held by anyone else is kConflict, or with
  //    ConflictPolicy::kAssignFresh is treated like an all-zero request.
  //  * An all-zero request returns the stored identity with the same gid,
  //    pseudonym and public key (a retry after a lost ServerFinished,
  //    kRetried), else a fresh random ClientID drawn from `rng` that no record
  //    holds (kCreated).
  //  * Any match that is revoked fails with kRevoked.
  virtual Result<ProvisionResult> provision_identity(const ProvisionRequest& request,
                                                     Random& rng) = 0;
  virtual Result<std::optional<IdentityRecord>> find_identity(const wire::ClientId& id) = 0;
  // Ordered by client_id; limit 0 means no limit.
  virtual Result<std::vector<IdentityRecord>> list_identities(std::size_t limit,
                                                              std::size_t offset) = 0;
  // Marks the identity revoked and deletes its sessions. kNotFound if absent.
  virtual Status revoke_identity(const wire::ClientId& id) = 0;
  // last_seen = max(last_seen, now). kNotFound if absent.
  virtual Status touch_identity(const wire::ClientId& id, UnixTime now) = 0;
  // secret: empty or 64 bytes. kNotFound if absent.
  virtual Status set_longterm_secret(const wire::ClientId& id, ByteSpan secret) = 0;

  // --- sessions -----------------------------------------------------------------
  // Inserts; never overwrites (§6.1 session_id collision): an existing
  // session_id is kConflict, an unknown client_id kNotFound.
  virtual Status put_session(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(const wire::SessionId& id) = 0;
  // Every session of one client, oldest first (for the §6.8 per-client cap).
  virtual Result<std::vector<SessionRecord>> list_sessions(const wire::ClientId& client) = 0;
  // true if a session was deleted.
  virtual Result<bool> delete_session(const wire::SessionId& id) = 0;
  // Deletes sessions with expires_at <= now; returns how many.
  virtual Result<std::size_t> delete_expired(UnixTime now) = 0;

  // --- cookie replay cache (§6.6 step 5) ------------------------------------------
  // Atomically tests and inserts: true the first time, false when the id is
  // already recorded (a replay). The entry is kept while now <= expires.
  virtual Result<bool> mark_cookie_used(const CookieId& id, UnixTime expires) = 0;
  // Deletes entries with expires < now; returns how many.
  virtual Result<std::size_t> purge_cookies(UnixTime now) = 0;
};

// Opens a store from a URL:
//   memory:                      in-process, lost on exit (tests, fuzzing)
//   sqlite:/path/to/file.db      embedded (sqlite:///abs/path also accepted)
//   postgres://... postgresql://...   libpq URI, passed on unchanged
//   postgres:host=... dbname=...      libpq keyword/value string
// Opening applies pending schema migrations; a newer schema is kSchemaMismatch.
Result<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace xtt::store
