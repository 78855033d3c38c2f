#pragma once

#include <optional>

#include "base/random.hpp"
#include "base/result.hpp"
#include "store/records.hpp"

namespace xtt::store {

// The row operations provision_identity needs inside one transaction. Each
// backend implements them on its own transaction (memory: under its mutex;
// SQLite: inside BEGIN IMMEDIATE; PostgreSQL: inside one transaction on one
// pooled connection), so the ClientID rule lives in one place.
class ProvisionTxn {
 public:
  virtual ~ProvisionTxn() = default;
  virtual Result<std::optional<IdentityRecord>> find_by_id(const wire::ClientId& id) = 0;
  // The identity with this group, pseudonym and public key, if any (the lowest
  // client_id when, unusually, several match).
  virtual Result<std::optional<IdentityRecord>> find_by_key(const wire::GroupId& gid,
                                                            const wire::Pseudonym& pseudonym,
                                                            ByteSpan public_key) = 0;
  // false when the client_id is already taken, including by a concurrent
  // transaction that committed after find_by_id looked.
  virtual Result<bool> insert(const IdentityRecord& identity) = 0;
  // Overwrites algorithm, public key, secret and last_seen of the row with
  // identity.client_id.
  virtual Status update_key(const IdentityRecord& identity) = 0;
};

// The provisioning rule of Store::provision_identity, on any backend.
Result<ProvisionResult> run_provision(ProvisionTxn& txn, const ProvisionRequest& request,
                                      Random& rng);

// How many ClientIDs are drawn (or how often a request is re-examined after a
// concurrent insert) before giving up with kStorageFailure. With 128-bit IDs a
// second draw already means a broken Random.
inline constexpr int kMaxProvisionAttempts = 16;

}  // namespace xtt::store
