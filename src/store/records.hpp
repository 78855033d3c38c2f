#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/secret.hpp"
#include "wire/types.hpp"

namespace xtt::store {

// Unix seconds. The store never reads a clock: every timestamp is passed in,
// so tests and several nodes agree on what "now" was.
using UnixTime = std::int64_t;

// ECDAA group public key as ecdaa serialises it (§4.2): X, Y in G2.
inline constexpr std::size_t kGroupPublicKeySize = 258;
// A revoked member secret key (a scalar mod the group order).
inline constexpr std::size_t kRevokedSecretKeySize = 32;
// §6.1: the long-term secret, derived once per identity handshake.
inline constexpr std::size_t kLongtermSecretSize = 64;

using GroupPublicKey = std::array<std::uint8_t, kGroupPublicKeySize>;
using RevokedSecretKey = std::array<std::uint8_t, kRevokedSecretKeySize>;
// Key of the multi-node cookie replay cache (§6.6 step 5): the caller packs
// key_id || cookie_nonce (13 bytes) and pads, or hashes, to 16 bytes.
using CookieId = wire::FixedBytes<struct CookieIdTag, 16>;

// One DAA group (§3.10). gid is SHA-256(gpk || basename); the store keeps what
// it is given and does not recompute it (it has no hash), callers do.
struct GroupRecord {
  wire::GroupId gid;
  GroupPublicKey public_key{};
  Bytes basename;
  // Member secret keys known to be leaked (secret-key revocation list).
  std::vector<RevokedSecretKey> revoked_secret_keys;
  // Banned pseudonyms K under this basename (basename revocation list).
  std::vector<wire::Pseudonym> revoked_pseudonyms;
  std::string name;
  UnixTime created_at = 0;

  friend bool operator==(const GroupRecord&, const GroupRecord&) = default;
};

// Public key size for an algorithm: 65 (P-256 uncompressed), 32 (Ed25519).
std::size_t public_key_size(wire::SignatureKind kind);

// A provisioned device (§6.1 "Store"). Move-only because it owns the
// long-term secret; clone() is explicit.
struct IdentityRecord {
  wire::ClientId client_id;
  wire::GroupId gid;
  wire::SignatureKind algorithm = wire::SignatureKind::kEcdsaP256;
  Bytes longterm_public_key;
  wire::Pseudonym pseudonym;
  // Empty until known, then kLongtermSecretSize bytes.
  SecretVector longterm_secret;
  UnixTime created_at = 0;
  UnixTime last_seen = 0;
  bool revoked = false;

  IdentityRecord clone() const;
  // Field-by-field; the secret is compared with ct::equal.
  bool same_as(const IdentityRecord& other) const;
};

// What provision_identity is asked to do. The spans must stay valid for the
// call only.
enum class ConflictPolicy : std::uint8_t {
  // A requested ClientID held by another device fails with kConflict, for
  // applications that require the exact ID.
  kFail,
  // ...or the device gets a fresh random ClientID instead (§6.1 "Otherwise it
  // assigns a different ClientID").
  kAssignFresh,
};

struct ProvisionRequest {
  // All-zero means "assign me one" (§3.10).
  wire::ClientId requested_id;
  wire::GroupId gid;
  wire::SignatureKind algorithm = wire::SignatureKind::kEcdsaP256;
  ByteSpan longterm_public_key;
  wire::Pseudonym pseudonym;
  // Empty or kLongtermSecretSize bytes.
  ByteSpan longterm_secret;
  UnixTime now = 0;
  ConflictPolicy on_conflict = ConflictPolicy::kFail;
};

enum class ProvisionOutcome : std::uint8_t {
  kCreated,        // a new record
  kRetried,        // same group, pseudonym and key as a stored record: that one, refreshed
  kReprovisioned,  // requested ID held by the same group+pseudonym: new key replaces the old
};

struct ProvisionResult {
  IdentityRecord identity;
  ProvisionOutcome outcome = ProvisionOutcome::kCreated;
};

// A session the server holds (§6.1, §6.2). `state` is opaque to the store
// (serialised session keys, for nodes that share sessions) and secret.
struct SessionRecord {
  wire::SessionId session_id;
  wire::ClientId client_id;
  std::uint16_t suite = 0;
  bool confirmed = false;
  UnixTime created_at = 0;
  // The session is valid while now < expires_at.
  UnixTime expires_at = 0;
  SecretVector state;

  SessionRecord clone() const;
  bool same_as(const SessionRecord& other) const;
};

// Size checks every backend applies before writing, so all three reject the
// same inputs with the same codes.
Status validate(const GroupRecord& group);
Status validate(const ProvisionRequest& request);
Status validate_longterm_secret(ByteSpan secret);
Status validate(const SessionRecord& session);

// Packs and unpacks the revocation lists as concatenated fixed-size entries
// (the column format of both SQL backends). Unpacking a length that is not a
// whole number of entries is kCorrupt.
Bytes pack_revoked_secret_keys(const std::vector<RevokedSecretKey>& keys);
Bytes pack_revoked_pseudonyms(const std::vector<wire::Pseudonym>& pseudonyms);
Result<std::vector<RevokedSecretKey>> unpack_revoked_secret_keys(ByteSpan packed);
Result<std::vector<wire::Pseudonym>> unpack_revoked_pseudonyms(ByteSpan packed);

// Checked conversions from stored columns; a wrong length or value is kCorrupt
// (a damaged or hand-edited database), never a crash.
template <typename Fixed>
Result<Fixed> fixed_from_column(ByteSpan column, const char* what) {
  if (column.size() != Fixed::kSize) {
    return make_error(ErrorCode::kCorrupt, std::string("stored ") + what + " has " +
                                               std::to_string(column.size()) + " bytes, expected " +
                                               std::to_string(Fixed::kSize));
  }
  Fixed out;
  std::copy(column.begin(), column.end(), out.bytes.begin());
  return out;
}
Result<wire::SignatureKind> algorithm_from_column(std::int64_t value);
Result<GroupPublicKey> group_key_from_column(ByteSpan column);
// Checks a stored identity the way validate() checks a request.
Status check_stored(const IdentityRecord& identity);

}  // namespace xtt::store
