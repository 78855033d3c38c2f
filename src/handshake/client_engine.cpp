#include "handshake/client_engine.hpp"

#include <string>

#include "base/ct.hpp"
#include "daa/sign.hpp"
#include "wire/client_init.hpp"
#include "wire/error_msg.hpp"
#include "wire/header.hpp"
#include "wire/identity_client_attest.hpp"
#include "wire/identity_server_finished.hpp"
#include "wire/server_init_and_attest.hpp"
#include "wire/session_client_attest.hpp"
#include "wire/session_server_finished.hpp"

namespace xtt::handshake {

namespace {

using wire::MsgType;
using wire::SignatureKind;

Status check_roots(const std::vector<TrustedRoot>& roots, const wire::SuiteInfo& suite) {
  XTT_ENSURE(!roots.empty(), ErrorCode::kInvalidArgument, "no trusted root configured");
  for (const TrustedRoot& r : roots) {
    XTT_ENSURE(r.kind == suite.signature, ErrorCode::kInvalidArgument,
               "a trusted root of another signature family than the suite's");
  }
  return ok();
}

Status check_payload(const std::optional<ClientPayload>& payload, std::size_t ca1) {
  if (payload) {
    XTT_ENSURE(ca1 + detail::payload_block_size(payload->data.size()) <= wire::kMaxMessageLength,
               ErrorCode::kInvalidArgument, "the payload does not fit one message");
  }
  return ok();
}

MsgType attest_type(const std::optional<ClientPayload>& payload, MsgType plain, MsgType with,
                    MsgType one_shot) {
  if (!payload) {
    return plain;
  }
  return payload->one_shot ? one_shot : with;
}

}  // namespace

Bytes error_message_bytes() { return wire::ErrorMsg{}.encode(); }

Status screen_message(ByteSpan message, std::initializer_list<MsgType> expected) {
  XTT_ENSURE(message.empty() || message[0] != static_cast<std::uint8_t>(MsgType::kError),
             ErrorCode::kPeerError, "the peer sent an Error message");
  const wire::CommonHeader h = XTT_TRY(wire::decode_common_header(message));
  for (MsgType t : expected) {
    if (t == h.type) {
      return ok();
    }
  }
  return make_error(ErrorCode::kUnexpectedMessage,
                    std::string("unexpected ") + std::string(wire::name_of(h.type)));
}

Result<ClientHandshake> ClientHandshake::identity(IdentityClientConfig config, Random& rng) {
  ClientHandshake c;
  c.kind_ = config.payload && config.payload->one_shot ? HandshakeKind::kIdentityOneShot
                                                       : HandshakeKind::kIdentity;
  c.suite_ = XTT_TRY(wire::suite_info(config.suite));
  XTT_TRY(check_roots(config.roots, c.suite_));
  XTT_TRY(check_payload(config.payload, c.suite_.identity_client_attest_size));
  XTT_ENSURE(config.daa.secret_key && config.daa.credential, ErrorCode::kInvalidArgument,
             "DAA member key and credential are required");
  XTT_ENSURE(!config.daa.basename.empty(), ErrorCode::kInvalidArgument,
             "XTT signs under the group's basename, which cannot be empty");
  XTT_ENSURE(c.kind_ != HandshakeKind::kIdentityOneShot || config.requested_client_id.is_zero(),
             ErrorCode::kInvalidArgument, "a one-shot 0x15 must request the all-zero ClientID");
  c.rng_ = &rng;
  c.identity_.emplace(std::move(config));
  return c;
}

Result<ClientHandshake> ClientHandshake::session(SessionClientConfig config, Random& rng) {
  ClientHandshake c;
  c.kind_ = config.payload && config.payload->one_shot ? HandshakeKind::kSessionOneShot
                                                       : HandshakeKind::kSession;
  c.suite_ = XTT_TRY(wire::suite_info(config.suite));
  XTT_TRY(check_roots(config.roots, c.suite_));
  XTT_TRY(check_payload(config.payload, c.suite_.session_client_attest_size));
  XTT_ENSURE(config.longterm_key.kind == c.suite_.signature, ErrorCode::kInvalidArgument,
             "the long-term key is not of the suite's signature family");
  c.longterm_key_ = config.longterm_key.clone();
  c.rng_ = &rng;
  c.session_.emplace(std::move(config));
  return c;
}

Error ClientHandshake::fail(Error error) {
  state_ = ClientState::kFailed;
  if (error.code != ErrorCode::kPeerError) {
    error_message_ = error_message_bytes();
  }
  return error;
}

Result<Bytes> ClientHandshake::start() {
  if (state_ != ClientState::kStart) {
    return fail(make_error(ErrorCode::kBadState, "start() called twice"));
  }
  auto built = [&]() -> Result<Bytes> {
    dh_.emplace(XTT_TRY(crypto::x25519::generate(*rng_)));
    if (identity_) {
      longterm_key_ = XTT_TRY(SigningKey::generate(suite_.signature, *rng_));
    }
    wire::ClientInit ci;
    ci.suite = suite_.spec;
    XTT_TRY(rng_->fill(ci.client_nonce.bytes));
    ci.client_dh_pub.bytes = dh_->public_key;
    const Bytes encoded = XTT_TRY(ci.encode());
    transcript_ = XTT_TRY(detail::begin_transcript(suite_.spec, encoded));
    return encoded;
  }();
  if (!built) {
    return fail(std::move(built).error());
  }
  state_ = ClientState::kAwaitServerAttest;
  return built;
}

Result<ClientOutput> ClientHandshake::receive(ByteSpan message, std::uint64_t now) {
  Result<ClientOutput> out = make_error(ErrorCode::kBadState, "the handshake is over");
  switch (state_) {
    case ClientState::kStart:
      out = make_error(ErrorCode::kBadState, "start() first");
      break;
    case ClientState::kAwaitServerAttest:
      out = on_server_attest(message, now);
      break;
    case ClientState::kAwaitServerFinished:
      out = identity_ ? on_identity_finished(message) : on_session_finished(message);
      break;
    case ClientState::kDone:
    case ClientState::kFailed:
      // Terminal: nothing more is sent, and the first failure's message stays.
      return make_error(ErrorCode::kBadState, "the handshake is over");
  }
  if (!out) {
    return fail(std::move(out).error());
  }
  return out;
}

Result<ClientOutput> ClientHandshake::on_server_attest(ByteSpan message, std::uint64_t now) {
  XTT_TRY(screen_message(message, {MsgType::kServerInitAndAttest}));
  const auto sia = XTT_TRY(wire::ServerInitAndAttest::decode(message));
  XTT_ENSURE(sia.suite == suite_.spec, ErrorCode::kUnknownSuite,
             "ServerInitAndAttest names another suite than the ClientInit");
  const auto z = XTT_TRY(crypto::x25519::derive(*dh_, sia.server_dh_pub.bytes));
  detail::Transcript& t = transcript_;
  t.sia_aad = XTT_TRY(sia.aad());
  XTT_TRY(detail::derive_handshake_keys(t, z));
  XTT_TRY(detail::open_server_attest(t, sia.ciphertext));

  const auto& roots = identity_ ? identity_->roots : session_->roots;
  const CheckedCertificate cert =
      XTT_TRY(check_server_certificate(suite_.signature, roots, t.certificate, now));
  const Hash64 sig_hash = server_sig_hash(t.alg, t.client_init, t.sia_aad, t.certificate);
  auto verified =
      verify_signature(suite_.signature, cert.server_public_key, sig_hash, t.server_signature);
  XTT_ENSURE(verified.has_value(), ErrorCode::kBadSignature,
             "the server signature does not verify");
  result_.root_id = cert.root_id;
  result_.suite = suite_.spec;
  result_.kind = kind_;

  ClientOutput out;
  out.send = identity_ ? XTT_TRY(build_identity_attest()) : XTT_TRY(build_session_attest());
  const bool one_shot =
      kind_ == HandshakeKind::kIdentityOneShot || kind_ == HandshakeKind::kSessionOneShot;
  state_ = one_shot ? ClientState::kDone : ClientState::kAwaitServerFinished;
  out.state = state_;
  return out;
}

Result<Bytes> ClientHandshake::build_identity_attest() {
  const IdentityClientConfig& cfg = *identity_;
  detail::Transcript& t = transcript_;
  wire::IdentityClientAttest msg;
  msg.type = attest_type(cfg.payload, MsgType::kIdentityClientAttest,
                         MsgType::kIdentityClientAttestPayload,
                         MsgType::kIdentityClientAttestPayloadNoResponse);
  msg.suite = suite_.spec;
  msg.server_cookie = wire::ServerCookie::from(t.cookie().first<wire::kServerCookieSize>());
  // The AAD holds the total length, so the block is sized before it exists.
  if (cfg.payload) {
    msg.payload_block.assign(detail::payload_block_size(cfg.payload->data.size()), 0);
  }
  const auto ca_aad = XTT_TRY(msg.aad());
  const ClientSigContext ctx = t.sig_context(ca_aad);

  detail::IdentityFields f;
  f.longterm_pub = longterm_key_.public_key;
  f.gid = cfg.daa.gid;
  f.requested_client_id = cfg.requested_client_id;
  const Bytes signed_fields = f.signed_fields();
  const Hash64 lt_hash = XTT_TRY(client_longterm_hash(suite_, ctx, signed_fields));
  Random* k_rng = suite_.signature == SignatureKind::kEcdsaP256 ? rng_ : nullptr;
  f.longterm_signature = XTT_TRY(sign(longterm_key_, lt_hash, k_rng));
  const Hash64 daa_msg =
      XTT_TRY(client_daa_message(suite_, ctx, signed_fields, f.longterm_signature));
  const daa::Signature daa_sig = XTT_TRY(
      daa::sign(daa_msg, cfg.daa.basename, *cfg.daa.secret_key, *cfg.daa.credential, *rng_));
  XTT_ENSURE(daa_sig.size() == wire::DaaSignature::kSize, ErrorCode::kInternal,
             "the DAA signature lacks its pseudonym");
  std::copy(daa_sig.encode().begin(), daa_sig.encode().end(), f.daa_signature.bytes.begin());

  const Bytes plain = detail::encode_identity_fields(suite_.signature, f);
  msg.ciphertext = XTT_TRY(t.client_hs->seal(0, ca_aad, plain));
  const Bytes ca1 = XTT_TRY(msg.ca1());
  const Hash64 skh = detail::session_key_hash_of(t, ca1);
  record::SessionKeys keys = XTT_TRY(session_keys(suite_, t.hs_secret, skh));
  if (cfg.payload) {
    msg.payload_block = XTT_TRY(detail::seal_payload_block(t, keys, ca1, *cfg.payload));
  }
  result_.pseudonym = wire::pseudonym_of(f.daa_signature);
  result_.longterm_key = longterm_key_.clone();
  if (kind_ == HandshakeKind::kIdentity) {
    result_.longterm_secret = XTT_TRY(longterm_secret(t.alg, t.hs_secret, skh));
    result_.session = std::move(keys);
  }
  return msg.encode();
}

Result<Bytes> ClientHandshake::build_session_attest() {
  const SessionClientConfig& cfg = *session_;
  detail::Transcript& t = transcript_;
  wire::SessionClientAttest msg;
  msg.type = attest_type(cfg.payload, MsgType::kSessionClientAttestNoPayload,
                         MsgType::kSessionClientAttestPayload,
                         MsgType::kSessionClientAttestPayloadNoResponse);
  msg.suite = suite_.spec;
  msg.server_cookie = wire::ServerCookie::from(t.cookie().first<wire::kServerCookieSize>());
  if (cfg.payload) {
    msg.payload_block.assign(detail::payload_block_size(cfg.payload->data.size()), 0);
  }
  const auto ca_aad = XTT_TRY(msg.aad());
  const Hash64 sess_hash = session_longterm_hash(t.alg, t.sig_context(ca_aad), cfg.client_id.bytes);
  Random* k_rng = suite_.signature == SignatureKind::kEcdsaP256 ? rng_ : nullptr;
  const SignatureBytes sig = XTT_TRY(sign(longterm_key_, sess_hash, k_rng));
  ByteWriter plain(wire::ClientId::kSize + sig.size());
  plain.bytes(cfg.client_id.bytes);
  plain.bytes(sig);
  msg.ciphertext = XTT_TRY(t.client_hs->seal(0, ca_aad, plain.view()));

  const Bytes ca1 = XTT_TRY(msg.ca1());
  const Hash64 skh = detail::session_key_hash_of(t, ca1);
  const SessionSecret k_s = XTT_TRY(session_secret(t.alg, cfg.longterm_secret, t.hs_secret));
  record::SessionKeys keys = XTT_TRY(session_keys(suite_, k_s, skh));
  if (cfg.payload) {
    msg.payload_block = XTT_TRY(detail::seal_payload_block(t, keys, ca1, *cfg.payload));
  }
  result_.client_id = cfg.client_id;
  if (kind_ == HandshakeKind::kSession) {
    result_.session = std::move(keys);
  }
  return msg.encode();
}

Result<ClientOutput> ClientHandshake::on_identity_finished(ByteSpan message) {
  XTT_TRY(screen_message(message, {MsgType::kIdentityServerFinished}));
  const auto sf = XTT_TRY(wire::IdentityServerFinished::decode(message));
  XTT_ENSURE(sf.suite == suite_.spec, ErrorCode::kUnknownSuite,
             "Identity_ServerFinished names another suite");
  const auto aad = XTT_TRY(sf.aad());
  const SecretVector plain = XTT_TRY(transcript_.server_hs->open(1, aad, sf.ciphertext));
  const auto [client_id, echoed_pub] =
      XTT_TRY(detail::decode_identity_finished(suite_.signature, plain.span()));
  const wire::ClientId& requested = identity_->requested_client_id;
  XTT_ENSURE(requested.is_zero() || ct::equal(client_id.bytes, requested.bytes),
             ErrorCode::kBadFinish, "the server assigned another ClientID than requested");
  XTT_ENSURE(ct::equal(echoed_pub, longterm_key_.public_key), ErrorCode::kBadFinish,
             "the server echoed another long-term key");
  result_.client_id = client_id;
  state_ = ClientState::kDone;
  return ClientOutput{{}, state_};
}

Result<ClientOutput> ClientHandshake::on_session_finished(ByteSpan message) {
  XTT_TRY(screen_message(message, {MsgType::kSessionServerFinished}));
  const auto sf = XTT_TRY(wire::SessionServerFinished::decode(message));
  XTT_ENSURE(sf.suite == suite_.spec, ErrorCode::kUnknownSuite,
             "Session_ServerFinished names another suite");
  const auto aad = XTT_TRY(sf.aad());
  const SecretVector plain = XTT_TRY(transcript_.server_hs->open(1, aad, sf.ciphertext));
  const auto p = XTT_TRY(wire::SessionServerFinishedPlaintext::decode(plain.span()));
  XTT_ENSURE(ct::equal(p.client_id.bytes, session_->client_id.bytes), ErrorCode::kBadFinish,
             "Session_ServerFinished echoes another ClientID");
  XTT_ENSURE(ct::equal(p.session_id.bytes, result_.session->session_id.bytes),
             ErrorCode::kBadFinish, "Session_ServerFinished carries another session_id");
  state_ = ClientState::kDone;
  return ClientOutput{{}, state_};
}

}  // namespace xtt::handshake
