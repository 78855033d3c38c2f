#include <algorithm>

#include "base/ct.hpp"
#include "daa/signature.hpp"
#include "daa/verify.hpp"
#include "handshake/server_engine.hpp"
#include "wire/identity_server_finished.hpp"
#include "wire/session_client_attest.hpp"
#include "wire/session_server_finished.hpp"

// The server's message-3 checks after the first AEAD part opened, and the
// pauses: identity handshakes (group lookup, then ClientID assignment and
// storage) and session handshakes (ClientID lookup, then session
// registration). Checks run cheapest first (§6.8).
namespace xtt::handshake {

namespace {

using wire::MsgType;
using wire::SignatureKind;

bool is_identity_type(MsgType t) {
  return t == MsgType::kIdentityClientAttest || t == MsgType::kIdentityClientAttestPayload ||
         t == MsgType::kIdentityClientAttestPayloadNoResponse;
}

// A fixed key for the dummy verification that hides which ClientIDs exist
// (§6.2 step 4).
const SigningKey& dummy_key(SignatureKind kind) {
  static const std::array<std::uint8_t, 32> kSeed = {
      0x58, 0x54, 0x54, 0x20, 0x64, 0x75, 0x6d, 0x6d, 0x79, 0x20, 0x6b,
      0x65, 0x79, 0x20, 0x66, 0x6f, 0x72, 0x20, 0x74, 0x69, 0x6d, 0x69,
      0x6e, 0x67, 0x20, 0x65, 0x71, 0x75, 0x61, 0x6c, 0x69, 0x74};
  static const SigningKey kEcdsa =
      SigningKey::from_private(SignatureKind::kEcdsaP256, kSeed).value();
  static const SigningKey kEd = SigningKey::from_private(SignatureKind::kEd25519, kSeed).value();
  return kind == SignatureKind::kEcdsaP256 ? kEcdsa : kEd;
}

template <SignatureKind K>
Result<std::pair<wire::ClientId, SignatureBytes>> decode_session_plaintext(ByteSpan plaintext) {
  const auto p = XTT_TRY(wire::BasicSessionClientAttestPlaintext<K>::decode(plaintext));
  return std::pair<wire::ClientId, SignatureBytes>{p.client_id, p.longterm_signature.bytes};
}

}  // namespace

Result<ServerOutput> ServerHandshake::continue_attest(Attest attest) {
  attest_ = std::move(attest);
  const SignatureKind kind = transcript_.suite.signature;
  result_.suite = transcript_.suite.spec;
  result_.signature_kind = kind;
  if (is_identity_type(attest_.type)) {
    identity_ = XTT_TRY(detail::decode_identity_fields(kind, attest_.plaintext.span()));
    XTT_ENSURE(attest_.type != MsgType::kIdentityClientAttestPayloadNoResponse ||
                   identity_->requested_client_id.is_zero(),
               ErrorCode::kIdentityRejected, "a one-shot 0x15 must request no ClientID");
    group_lookup_.gid = identity_->gid;
    group_lookup_.requested_client_id = identity_->requested_client_id;
    group_lookup_.pseudonym = wire::pseudonym_of(identity_->daa_signature);
    state_ = ServerState::kAwaitGroup;
    return output();
  }
  const auto [client_id, sig] =
      kind == SignatureKind::kEcdsaP256
          ? XTT_TRY(decode_session_plaintext<SignatureKind::kEcdsaP256>(attest_.plaintext.span()))
          : XTT_TRY(decode_session_plaintext<SignatureKind::kEd25519>(attest_.plaintext.span()));
  session_client_ = client_id;
  session_signature_ = sig;
  client_lookup_.client_id = client_id;
  state_ = ServerState::kAwaitClient;
  return output();
}

Result<ServerOutput> ServerHandshake::resume_group(std::optional<GroupInfo> group) {
  if (state_ != ServerState::kAwaitGroup) {
    return fail(make_error(ErrorCode::kBadState, "resume_group() outside the group pause"));
  }
  if (!group) {
    return fail(make_error(ErrorCode::kUnknownGroup, "the GID names no known group"));
  }
  return finish(continue_group(*group));
}

Result<ServerOutput> ServerHandshake::continue_group(const GroupInfo& group) {
  XTT_ENSURE(group.key != nullptr, ErrorCode::kInvalidArgument, "the group has no key");
  const detail::Transcript& t = transcript_;
  const detail::IdentityFields& f = *identity_;
  const wire::Pseudonym pseudonym = group_lookup_.pseudonym;
  // Cheapest first: a point comparison, one ECDSA/Ed25519 verify, then the
  // pairings.
  for (const auto& revoked : group.revoked.pseudonyms) {
    XTT_ENSURE(!std::equal(revoked.begin(), revoked.end(), pseudonym.bytes.begin()),
               ErrorCode::kRevoked, "the DAA pseudonym is revoked");
  }
  const ByteSpan ca_aad = ByteSpan(attest_.ca1).first(wire::kClientAttestAadSize);
  const ClientSigContext ctx = t.sig_context(ca_aad);
  const Bytes signed_fields = f.signed_fields();
  const Hash64 lt_hash = XTT_TRY(client_longterm_hash(t.suite, ctx, signed_fields));
  auto lt_ok = verify_signature(t.suite.signature, f.longterm_pub, lt_hash, f.longterm_signature);
  XTT_ENSURE(lt_ok.has_value(), ErrorCode::kBadSignature,
             "the long-term signature does not verify: " + lt_ok.error().detail);
  const Hash64 daa_msg =
      XTT_TRY(client_daa_message(t.suite, ctx, signed_fields, f.longterm_signature));
  auto daa_sig = daa::Signature::decode(f.daa_signature.bytes);
  XTT_ENSURE(daa_sig.has_value(), ErrorCode::kBadSignature,
             "the DAA signature does not decode: " + daa_sig.error().detail);
  XTT_TRY(daa::verify(*daa_sig, *group.key, daa_msg, group.basename, group.revoked));

  const Hash64 skh = detail::session_key_hash_of(t, attest_.ca1);
  record::SessionKeys keys = XTT_TRY(session_keys(t.suite, t.hs_secret, skh));
  XTT_TRY(accept_payload(keys));
  result_.client_longterm_pub = f.longterm_pub;
  result_.gid = f.gid;
  result_.pseudonym = pseudonym;
  if (attest_.type == MsgType::kIdentityClientAttestPayloadNoResponse) {
    result_.kind = HandshakeKind::kIdentityOneShot;
    state_ = ServerState::kDone;
    return output();
  }
  result_.kind = HandshakeKind::kIdentity;
  LongtermSecret lts = XTT_TRY(longterm_secret(t.alg, t.hs_secret, skh));
  provision_.requested_client_id = f.requested_client_id;
  provision_.gid = f.gid;
  provision_.pseudonym = pseudonym;
  provision_.signature_kind = t.suite.signature;
  provision_.client_longterm_pub = f.longterm_pub;
  provision_.longterm_secret = lts.clone();
  provision_.session_id = keys.session_id;
  result_.longterm_secret = std::move(lts);
  keys_ = std::move(keys);
  state_ = ServerState::kAwaitProvision;
  return output();
}

Result<ServerOutput> ServerHandshake::resume_provision(Result<wire::ClientId> decision) {
  if (state_ != ServerState::kAwaitProvision) {
    return fail(make_error(ErrorCode::kBadState, "resume_provision() outside its pause"));
  }
  if (!decision) {
    return fail(std::move(decision).error());
  }
  return finish(continue_provision(*decision));
}

Result<ServerOutput> ServerHandshake::continue_provision(const wire::ClientId& id) {
  XTT_ENSURE(!id.is_zero(), ErrorCode::kInvalidArgument, "the all-zero ClientID is no identity");
  detail::Transcript& t = transcript_;
  wire::IdentityServerFinished sf;
  sf.suite = t.suite.spec;
  const auto aad = XTT_TRY(sf.aad());
  const Bytes plain =
      detail::encode_identity_finished(t.suite.signature, id, identity_->longterm_pub);
  sf.ciphertext = XTT_TRY(t.server_hs->seal(1, aad, plain));
  Bytes msg = XTT_TRY(sf.encode());
  result_.client_id = id;
  result_.session = std::move(keys_);
  keys_.reset();
  // Keys from an identity handshake depend only on Z and the transcript, and
  // the ClientAttest AEAD proved Z (§6.2).
  result_.session_confirmed = true;
  provision_.longterm_secret.wipe();
  state_ = ServerState::kDone;
  return output(std::move(msg));
}

Result<ServerOutput> ServerHandshake::resume_client(std::optional<ClientRecord> record) {
  if (state_ != ServerState::kAwaitClient) {
    return fail(make_error(ErrorCode::kBadState, "resume_client() outside its pause"));
  }
  return finish(continue_client(record));
}

Result<ServerOutput> ServerHandshake::continue_client(const std::optional<ClientRecord>& record) {
  detail::Transcript& t = transcript_;
  const ByteSpan ca_aad = ByteSpan(attest_.ca1).first(wire::kClientAttestAadSize);
  const Hash64 sess_hash =
      session_longterm_hash(t.alg, t.sig_context(ca_aad), session_client_->bytes);
  if (!record) {
    // Cost the same as a real check, so timing does not reveal which
    // ClientIDs exist.
    const SigningKey& dummy = dummy_key(t.suite.signature);
    (void)verify_signature(t.suite.signature, dummy.public_key, sess_hash, session_signature_);
    return make_error(ErrorCode::kUnknownClient, "the ClientID is not provisioned");
  }
  XTT_ENSURE(!record->revoked, ErrorCode::kRevoked, "the ClientID is revoked");
  XTT_ENSURE(record->signature_kind == t.suite.signature, ErrorCode::kSuiteNotAllowed,
             "the suite's signature family differs from the stored key's");
  auto sig_ok =
      verify_signature(t.suite.signature, record->longterm_pub, sess_hash, session_signature_);
  XTT_ENSURE(sig_ok.has_value(), ErrorCode::kBadSignature,
             "the session signature does not verify: " + sig_ok.error().detail);

  const SessionSecret k_s = XTT_TRY(session_secret(t.alg, record->longterm_secret, t.hs_secret));
  const Hash64 skh = detail::session_key_hash_of(t, attest_.ca1);
  record::SessionKeys keys = XTT_TRY(session_keys(t.suite, k_s, skh));
  XTT_TRY(accept_payload(keys));
  result_.client_id = *session_client_;
  result_.client_longterm_pub = record->longterm_pub;
  if (attest_.type == MsgType::kSessionClientAttestPayloadNoResponse) {
    result_.kind = HandshakeKind::kSessionOneShot;
    state_ = ServerState::kDone;
    return output();
  }
  result_.kind = HandshakeKind::kSession;
  register_.session_id = keys.session_id;
  register_.client_id = *session_client_;
  register_.confirmed = attest_.type == MsgType::kSessionClientAttestPayload;
  keys_ = std::move(keys);
  state_ = ServerState::kAwaitRegister;
  return output();
}

Result<ServerOutput> ServerHandshake::resume_register(Status decision) {
  if (state_ != ServerState::kAwaitRegister) {
    return fail(make_error(ErrorCode::kBadState, "resume_register() outside its pause"));
  }
  if (!decision) {
    return fail(std::move(decision).error());
  }
  return finish(continue_register());
}

Result<ServerOutput> ServerHandshake::continue_register() {
  detail::Transcript& t = transcript_;
  wire::SessionServerFinishedPlaintext plain;
  plain.client_id = register_.client_id;
  plain.session_id = register_.session_id;
  wire::SessionServerFinished sf;
  sf.suite = t.suite.spec;
  const auto aad = XTT_TRY(sf.aad());
  sf.ciphertext = XTT_TRY(t.server_hs->seal(1, aad, plain.encode()));
  Bytes msg = XTT_TRY(sf.encode());
  result_.session = std::move(keys_);
  keys_.reset();
  result_.session_confirmed = register_.confirmed;
  state_ = ServerState::kDone;
  return output(std::move(msg));
}

// §6.3: the block opens under the client session key, seq 0, AD = CA1. An
// empty payload is like a keepalive (nothing delivered); an unknown type
// authenticates and is counted, not delivered (§6.0 point 2).
Status ServerHandshake::accept_payload(const record::SessionKeys& keys) {
  if (attest_.payload_block.empty()) {
    return ok();
  }
  wire::PayloadPlaintext p =
      XTT_TRY(detail::open_payload_block(transcript_, keys, attest_.ca1, attest_.payload_block));
  if (p.payload.empty()) {
    return ok();
  }
  if (wire::is_known_payload_type(p.payload_type)) {
    result_.payload = PayloadEvent{p.payload_type, SecretVector(ByteSpan(p.payload))};
  } else {
    ++result_.discarded_payloads;
  }
  secure_wipe(p.payload.data(), p.payload.size());
  return ok();
}

}  // namespace xtt::handshake
