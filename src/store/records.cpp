#include "store/records.hpp"

#include <string>

#include "base/ct.hpp"

namespace xtt::store {

std::size_t public_key_size(wire::SignatureKind kind) {
  switch (kind) {
    case wire::SignatureKind::kEcdsaP256:
      return wire::EcdsaPublicKey::kSize;
    case wire::SignatureKind::kEd25519:
      return wire::Ed25519PublicKey::kSize;
  }
  return 0;
}

IdentityRecord IdentityRecord::clone() const {
  IdentityRecord out;
  out.client_id = client_id;
  out.gid = gid;
  out.algorithm = algorithm;
  out.longterm_public_key = longterm_public_key;
  out.pseudonym = pseudonym;
  out.longterm_secret = longterm_secret.clone();
  out.created_at = created_at;
  out.last_seen = last_seen;
  out.revoked = revoked;
  return out;
}

bool IdentityRecord::same_as(const IdentityRecord& other) const {
  return client_id == other.client_id && gid == other.gid && algorithm == other.algorithm &&
         longterm_public_key == other.longterm_public_key && pseudonym == other.pseudonym &&
         ct::equal(longterm_secret.span(), other.longterm_secret.span()) &&
         created_at == other.created_at && last_seen == other.last_seen && revoked == other.revoked;
}

SessionRecord SessionRecord::clone() const {
  SessionRecord out;
  out.session_id = session_id;
  out.client_id = client_id;
  out.suite = suite;
  out.confirmed = confirmed;
  out.created_at = created_at;
  out.expires_at = expires_at;
  out.state = state.clone();
  return out;
}

bool SessionRecord::same_as(const SessionRecord& other) const {
  return session_id == other.session_id && client_id == other.client_id && suite == other.suite &&
         confirmed == other.confirmed && created_at == other.created_at &&
         expires_at == other.expires_at && ct::equal(state.span(), other.state.span());
}

namespace {

// Keeps one row and one request in reasonable bounds: a basename is a short
// label and a session blob holds a few keys, so megabytes mean a bug or abuse.
constexpr std::size_t kMaxBasename = 1024;
constexpr std::size_t kMaxSessionState = 4096;
constexpr std::size_t kMaxRevocationEntries = 1 << 20;

bool known_algorithm(wire::SignatureKind kind) { return public_key_size(kind) != 0; }

}  // namespace

Status validate(const GroupRecord& group) {
  XTT_ENSURE(group.basename.size() <= kMaxBasename, ErrorCode::kInvalidArgument,
             "basename longer than 1024 bytes");
  XTT_ENSURE(group.revoked_secret_keys.size() <= kMaxRevocationEntries &&
                 group.revoked_pseudonyms.size() <= kMaxRevocationEntries,
             ErrorCode::kInvalidArgument, "revocation list too long");
  return ok();
}

Status validate_longterm_secret(ByteSpan secret) {
  XTT_ENSURE(secret.empty() || secret.size() == kLongtermSecretSize, ErrorCode::kInvalidArgument,
             "long-term secret must be empty or 64 bytes, got " + std::to_string(secret.size()));
  return ok();
}

Status validate(const ProvisionRequest& request) {
  XTT_ENSURE(known_algorithm(request.algorithm), ErrorCode::kInvalidArgument,
             "unknown signature algorithm");
  const std::size_t want = public_key_size(request.algorithm);
  XTT_ENSURE(request.longterm_public_key.size() == want, ErrorCode::kInvalidArgument,
             "long-term public key must be " + std::to_string(want) + " bytes, got " +
                 std::to_string(request.longterm_public_key.size()));
  XTT_TRY(validate_longterm_secret(request.longterm_secret));
  return ok();
}

Status validate(const SessionRecord& session) {
  XTT_ENSURE(session.state.size() <= kMaxSessionState, ErrorCode::kInvalidArgument,
             "session state longer than 4096 bytes");
  XTT_ENSURE(session.expires_at >= session.created_at, ErrorCode::kInvalidArgument,
             "session expires before it is created");
  return ok();
}

Bytes pack_revoked_secret_keys(const std::vector<RevokedSecretKey>& keys) {
  Bytes out;
  out.reserve(keys.size() * kRevokedSecretKeySize);
  for (const auto& k : keys) {
    out.insert(out.end(), k.begin(), k.end());
  }
  return out;
}

Bytes pack_revoked_pseudonyms(const std::vector<wire::Pseudonym>& pseudonyms) {
  Bytes out;
  out.reserve(pseudonyms.size() * wire::Pseudonym::kSize);
  for (const auto& p : pseudonyms) {
    out.insert(out.end(), p.bytes.begin(), p.bytes.end());
  }
  return out;
}

Result<std::vector<RevokedSecretKey>> unpack_revoked_secret_keys(ByteSpan packed) {
  XTT_ENSURE(packed.size() % kRevokedSecretKeySize == 0, ErrorCode::kCorrupt,
             "stored secret-key revocation list is not a multiple of 32 bytes");
  std::vector<RevokedSecretKey> out(packed.size() / kRevokedSecretKeySize);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto entry = packed.subspan(i * kRevokedSecretKeySize, kRevokedSecretKeySize);
    std::copy(entry.begin(), entry.end(), out[i].begin());
  }
  return out;
}

Result<std::vector<wire::Pseudonym>> unpack_revoked_pseudonyms(ByteSpan packed) {
  constexpr std::size_t kSize = wire::Pseudonym::kSize;
  XTT_ENSURE(packed.size() % kSize == 0, ErrorCode::kCorrupt,
             "stored pseudonym revocation list is not a multiple of 65 bytes");
  std::vector<wire::Pseudonym> out(packed.size() / kSize);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto entry = packed.subspan(i * kSize, kSize);
    std::copy(entry.begin(), entry.end(), out[i].bytes.begin());
  }
  return out;
}

Result<wire::SignatureKind> algorithm_from_column(std::int64_t value) {
  XTT_ENSURE(value >= 0 && value <= 0xff, ErrorCode::kCorrupt, "stored algorithm out of range");
  const auto kind = static_cast<wire::SignatureKind>(value);
  XTT_ENSURE(known_algorithm(kind), ErrorCode::kCorrupt,
             "stored algorithm " + std::to_string(value) + " is unknown");
  return kind;
}

Result<GroupPublicKey> group_key_from_column(ByteSpan column) {
  XTT_ENSURE(column.size() == kGroupPublicKeySize, ErrorCode::kCorrupt,
             "stored group public key has " + std::to_string(column.size()) + " bytes");
  GroupPublicKey out{};
  std::copy(column.begin(), column.end(), out.begin());
  return out;
}

Status check_stored(const IdentityRecord& identity) {
  XTT_ENSURE(identity.longterm_public_key.size() == public_key_size(identity.algorithm),
             ErrorCode::kCorrupt, "stored long-term public key has the wrong size");
  XTT_ENSURE(
      identity.longterm_secret.empty() || identity.longterm_secret.size() == kLongtermSecretSize,
      ErrorCode::kCorrupt, "stored long-term secret has the wrong size");
  return ok();
}

}  // namespace xtt::store
