#include "store/provision.hpp"

#include <algorithm>
#include <string>

namespace xtt::store {

namespace {

IdentityRecord new_record(const ProvisionRequest& request, const wire::ClientId& id) {
  IdentityRecord out;
  out.client_id = id;
  out.gid = request.gid;
  out.algorithm = request.algorithm;
  out.longterm_public_key.assign(request.longterm_public_key.begin(),
                                 request.longterm_public_key.end());
  out.pseudonym = request.pseudonym;
  out.longterm_secret = SecretVector(request.longterm_secret);
  out.created_at = request.now;
  out.last_seen = request.now;
  out.revoked = false;
  return out;
}

// The device already holds this record (same DAA member under the same
// basename): it gets it back with this handshake's key and secret, because the
// ServerFinished it will receive carries those (§6.1 re-provisioning).
Result<ProvisionResult> refresh(ProvisionTxn& txn, IdentityRecord existing,
                                const ProvisionRequest& request) {
  XTT_ENSURE(!existing.revoked, ErrorCode::kRevoked, "the identity for this device is revoked");
  const bool same_key =
      existing.algorithm == request.algorithm &&
      std::equal(existing.longterm_public_key.begin(), existing.longterm_public_key.end(),
                 request.longterm_public_key.begin(), request.longterm_public_key.end());
  existing.algorithm = request.algorithm;
  existing.longterm_public_key.assign(request.longterm_public_key.begin(),
                                      request.longterm_public_key.end());
  existing.longterm_secret = SecretVector(request.longterm_secret);
  existing.last_seen = std::max(existing.last_seen, request.now);
  XTT_TRY(txn.update_key(existing));
  return ProvisionResult{std::move(existing),
                         same_key ? ProvisionOutcome::kRetried : ProvisionOutcome::kReprovisioned};
}

Result<ProvisionResult> assign_fresh(ProvisionTxn& txn, const ProvisionRequest& request,
                                     Random& rng) {
  auto by_key =
      XTT_TRY(txn.find_by_key(request.gid, request.pseudonym, request.longterm_public_key));
  if (by_key) {
    return refresh(txn, std::move(*by_key), request);
  }
  for (int attempt = 0; attempt < kMaxProvisionAttempts; ++attempt) {
    wire::ClientId id;
    XTT_TRY(rng.fill(id.span()));
    if (id.is_zero()) {
      continue;  // the null identity means "assign me one", never an ID
    }
    auto record = new_record(request, id);
    if (XTT_TRY(txn.insert(record))) {
      return ProvisionResult{std::move(record), ProvisionOutcome::kCreated};
    }
  }
  return make_error(ErrorCode::kStorageFailure, "no free ClientID after " +
                                                    std::to_string(kMaxProvisionAttempts) +
                                                    " random draws (is the random source broken?)");
}

}  // namespace

Result<ProvisionResult> run_provision(ProvisionTxn& txn, const ProvisionRequest& request,
                                      Random& rng) {
  XTT_TRY(validate(request));
  if (request.requested_id.is_zero()) {
    return assign_fresh(txn, request, rng);
  }
  for (int attempt = 0; attempt < kMaxProvisionAttempts; ++attempt) {
    auto existing = XTT_TRY(txn.find_by_id(request.requested_id));
    if (!existing) {
      auto record = new_record(request, request.requested_id);
      if (XTT_TRY(txn.insert(record))) {
        return ProvisionResult{std::move(record), ProvisionOutcome::kCreated};
      }
      continue;  // taken by a concurrent commit: look at the new holder
    }
    if (existing->gid == request.gid && existing->pseudonym == request.pseudonym) {
      return refresh(txn, std::move(*existing), request);
    }
    if (request.on_conflict == ConflictPolicy::kAssignFresh) {
      return assign_fresh(txn, request, rng);
    }
    return make_error(ErrorCode::kConflict, "requested ClientID belongs to another group member");
  }
  return make_error(ErrorCode::kStorageFailure,
                    "requested ClientID kept changing hands under concurrent provisioning");
}

}  // namespace xtt::store
