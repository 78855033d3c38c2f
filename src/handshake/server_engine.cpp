#include "handshake/server_engine.hpp"

#include <algorithm>

#include "base/ct.hpp"
#include "crypto/x25519.hpp"
#include "handshake/client_engine.hpp"
#include "wire/client_init.hpp"
#include "wire/identity_client_attest.hpp"
#include "wire/session_client_attest.hpp"

// ClientInit, message 2 and the front half of message 3 (up to the opened
// first AEAD part); the attestation checks and the pauses are in
// server_attest.cpp.
namespace xtt::handshake {

namespace {

using wire::MsgType;

constexpr std::initializer_list<MsgType> kAttestTypes = {
    MsgType::kIdentityClientAttest,
    MsgType::kIdentityClientAttestPayload,
    MsgType::kIdentityClientAttestPayloadNoResponse,
    MsgType::kSessionClientAttestNoPayload,
    MsgType::kSessionClientAttestPayload,
    MsgType::kSessionClientAttestPayloadNoResponse,
};

bool is_attest_type(std::uint8_t raw) {
  return std::any_of(kAttestTypes.begin(), kAttestTypes.end(),
                     [raw](MsgType t) { return static_cast<std::uint8_t>(t) == raw; });
}

bool is_identity_type(MsgType t) {
  return t == MsgType::kIdentityClientAttest || t == MsgType::kIdentityClientAttestPayload ||
         t == MsgType::kIdentityClientAttestPayloadNoResponse;
}

// Message 3 split into what every kind shares.
struct AttestParts {
  MsgType type = MsgType::kIdentityClientAttest;
  wire::SuiteSpec suite{};
  wire::ServerCookie cookie;
  Bytes ciphertext;
  Bytes payload_block;
  ByteSpan ca1;
  ByteSpan aad;  // [0..136)
};

Result<AttestParts> decode_attest(ByteSpan message) {
  AttestParts p;
  if (is_identity_type(static_cast<MsgType>(message[0]))) {
    auto m = XTT_TRY(wire::IdentityClientAttest::decode(message));
    p.type = m.type;
    p.suite = m.suite;
    p.cookie = m.server_cookie;
    p.ciphertext = std::move(m.ciphertext);
    p.payload_block = std::move(m.payload_block);
  } else {
    auto m = XTT_TRY(wire::SessionClientAttest::decode(message));
    p.type = m.type;
    p.suite = m.suite;
    p.cookie = m.server_cookie;
    p.ciphertext = std::move(m.ciphertext);
    p.payload_block = std::move(m.payload_block);
  }
  p.ca1 = message.first(message.size() - p.payload_block.size());
  p.aad = message.first(wire::kClientAttestAadSize);
  return p;
}

}  // namespace

ServerHandshake::ServerHandshake(std::shared_ptr<const ServerConfig> config, Random& rng,
                                 std::optional<ClientAddress> client_addr)
    : config_(std::move(config)), rng_(&rng), client_addr_(client_addr) {}

const GroupLookup* ServerHandshake::group_lookup() const {
  return state_ == ServerState::kAwaitGroup ? &group_lookup_ : nullptr;
}
const ProvisionIdentity* ServerHandshake::provision_identity() const {
  return state_ == ServerState::kAwaitProvision ? &provision_ : nullptr;
}
const ClientLookup* ServerHandshake::client_lookup() const {
  return state_ == ServerState::kAwaitClient ? &client_lookup_ : nullptr;
}
const RegisterSession* ServerHandshake::register_session() const {
  return state_ == ServerState::kAwaitRegister ? &register_ : nullptr;
}

Result<ServerOutput> ServerHandshake::refuse(Error reason) {
  switch (state_) {
    case ServerState::kAwaitGroup:
    case ServerState::kAwaitProvision:
    case ServerState::kAwaitClient:
    case ServerState::kAwaitRegister:
      return fail(std::move(reason));
    default:
      return fail(make_error(ErrorCode::kBadState, "refuse() outside a pause"));
  }
}

Error ServerHandshake::fail(Error error) {
  const bool already_failed = state_ == ServerState::kFailed;
  state_ = ServerState::kFailed;
  // Silent after the peer's own Error, and for a duplicate message 3, which
  // §6.6 step 5 drops without a word.
  if (!already_failed && error.code != ErrorCode::kPeerError &&
      error.code != ErrorCode::kReplayedCookie) {
    error_message_ = error_message_bytes();
  }
  keys_.reset();
  return error;
}

Result<ServerOutput> ServerHandshake::finish(Result<ServerOutput> out) {
  if (!out) {
    return fail(std::move(out).error());
  }
  return out;
}

Status ServerHandshake::check_suite(wire::SuiteSpec suite) const {
  const wire::SuiteInfo info = XTT_TRY(wire::suite_info(suite));
  const auto& allowed = config_->suites;
  XTT_ENSURE(std::find(allowed.begin(), allowed.end(), suite) != allowed.end(),
             ErrorCode::kSuiteNotAllowed, "the server does not accept this suite");
  XTT_ENSURE(!info.is_null() || config_->allow_null_suites, ErrorCode::kSuiteNotAllowed,
             "integrity-only suites are refused unless enabled (§6.5)");
  return ok();
}

Result<std::size_t> ServerHandshake::credential_for(const wire::SuiteInfo& suite) const {
  const auto& creds = config_->credentials;
  for (std::size_t i = 0; i < creds.size() && i < 256; ++i) {
    if (creds[i].kind == suite.signature) {
      return i;
    }
  }
  return make_error(ErrorCode::kSuiteNotAllowed,
                    "no server certificate of the suite's signature family");
}

Result<ServerOutput> ServerHandshake::receive(ByteSpan message, std::uint64_t now) {
  switch (state_) {
    case ServerState::kAwaitClientInit:
      // A stateless server accepts a message 3 in a fresh engine: another
      // node may have issued the cookie (§6.6).
      if (config_->cookie_mode == CookieMode::kStateless && !message.empty() &&
          is_attest_type(message[0])) {
        return finish(on_client_attest(message, now));
      }
      return finish(on_client_init(message, now));
    case ServerState::kAwaitClientAttest:
      return finish(on_client_attest(message, now));
    case ServerState::kFailed:
      return make_error(ErrorCode::kBadState, "the handshake has failed");
    case ServerState::kDone:
      // A finished handshake stays finished; the record layer owns the
      // connection from here.
      return make_error(ErrorCode::kBadState, "the handshake is over");
    default:
      return fail(make_error(ErrorCode::kBadState, "the engine waits for a resume_*() call"));
  }
}

Result<ServerOutput> ServerHandshake::on_client_init(ByteSpan message, std::uint64_t now) {
  XTT_TRY(screen_message(message, {MsgType::kClientInit}));
  const auto ci = XTT_TRY(wire::ClientInit::decode(message));
  XTT_TRY(check_suite(ci.suite));
  transcript_ = XTT_TRY(detail::begin_transcript(ci.suite, message));
  detail::Transcript& t = transcript_;
  const std::size_t index = XTT_TRY(credential_for(t.suite));
  const ServerCredential& cred = config_->credentials[index];

  Bytes sent;
  if (config_->cookie_mode == CookieMode::kStateful) {
    const auto dh = XTT_TRY(crypto::x25519::generate(*rng_));
    XTT_TRY(rng_->fill(cookie_.bytes));
    t.sia_aad = XTT_TRY(detail::make_sia_aad(ci.suite, wire::DhPublicKey{dh.public_key}, cookie_));
    const auto z = XTT_TRY(crypto::x25519::derive(dh, ci.client_dh_pub.bytes));
    XTT_TRY(detail::derive_handshake_keys(t, z));
    Random* k_rng = t.suite.signature == wire::SignatureKind::kEcdsaP256 ? rng_ : nullptr;
    sent = XTT_TRY(detail::seal_server_attest(t, cred, k_rng));
  } else {
    XTT_ENSURE(config_->keyring && config_->replay_cache, ErrorCode::kInvalidArgument,
               "stateless mode needs a cookie keyring and a replay cache");
    CookieContents contents;
    contents.ts = now;
    contents.client_nonce = ci.client_nonce;
    contents.client_dh_pub = ci.client_dh_pub;
    contents.cert_index = static_cast<std::uint8_t>(index);
    const auto addr = config_->bind_client_address ? client_addr_ : std::nullopt;
    const IssuedCookie issued =
        XTT_TRY(issue_cookie(*config_->keyring, *rng_, wire::kVersion, ci.suite, addr, contents));
    const auto dh = XTT_TRY(crypto::x25519::keypair(issued.server_dh_secret.span()));
    t.sia_aad =
        XTT_TRY(detail::make_sia_aad(ci.suite, wire::DhPublicKey{dh.public_key}, issued.cookie));
    const auto z = XTT_TRY(crypto::x25519::derive(dh, ci.client_dh_pub.bytes));
    XTT_TRY(detail::derive_handshake_keys(t, z));
    sent = XTT_TRY(detail::seal_server_attest(t, cred, nullptr));
    // Nothing is kept: message 3 is processed from the cookie alone.
    transcript_ = detail::Transcript{};
  }
  state_ = ServerState::kAwaitClientAttest;
  return output(std::move(sent));
}

Result<ServerOutput> ServerHandshake::on_client_attest(ByteSpan message, std::uint64_t now) {
  XTT_TRY(screen_message(message, kAttestTypes));
  Attest attest = config_->cookie_mode == CookieMode::kStateful
                      ? XTT_TRY(open_attest_stateful(message))
                      : XTT_TRY(open_attest_stateless(message, now));
  return continue_attest(std::move(attest));
}

Result<ServerHandshake::Attest> ServerHandshake::open_attest_stateful(ByteSpan message) {
  const AttestParts p = XTT_TRY(decode_attest(message));
  detail::Transcript& t = transcript_;
  XTT_ENSURE(p.suite == t.suite.spec, ErrorCode::kUnknownSuite,
             "message 3 names another suite than the ClientInit");
  XTT_ENSURE(ct::equal(p.cookie.bytes, cookie_.bytes), ErrorCode::kBadCookie,
             "the echoed cookie is not the one sent");
  Attest a;
  a.type = p.type;
  a.plaintext = XTT_TRY(t.client_hs->open(0, p.aad, p.ciphertext));
  a.ca1.assign(p.ca1.begin(), p.ca1.end());
  a.payload_block = p.payload_block;
  return a;
}

// §6.6 steps 1-8. Steps 1-5 are symmetric only, and the replay cache is
// consulted before any public-key operation.
Result<ServerHandshake::Attest> ServerHandshake::open_attest_stateless(ByteSpan message,
                                                                       std::uint64_t now) {
  XTT_ENSURE(config_->keyring && config_->replay_cache, ErrorCode::kInvalidArgument,
             "stateless mode needs a cookie keyring and a replay cache");
  const AttestParts p = XTT_TRY(decode_attest(message));
  XTT_TRY(check_suite(p.suite));
  const auto addr = config_->bind_client_address ? client_addr_ : std::nullopt;
  const OpenedCookie opened =
      XTT_TRY(open_cookie(*config_->keyring, now, wire::kVersion, p.suite, addr, p.cookie));
  XTT_TRY(config_->replay_cache->test_and_insert(
      opened.key_id, opened.nonce, replay_entry_expiry(*config_->keyring, opened.contents.ts),
      now));

  const auto dh = XTT_TRY(crypto::x25519::keypair(opened.server_dh_secret.span()));
  const auto z = XTT_TRY(crypto::x25519::derive(dh, opened.contents.client_dh_pub.bytes));
  wire::ClientInit ci;
  ci.suite = p.suite;
  ci.client_nonce = opened.contents.client_nonce;
  ci.client_dh_pub = opened.contents.client_dh_pub;
  const Bytes ci_bytes = XTT_TRY(ci.encode());
  transcript_ = XTT_TRY(detail::begin_transcript(p.suite, ci_bytes));
  detail::Transcript& t = transcript_;
  t.sia_aad = XTT_TRY(detail::make_sia_aad(p.suite, wire::DhPublicKey{dh.public_key}, p.cookie));
  XTT_TRY(detail::derive_handshake_keys(t, z));

  Attest a;
  a.type = p.type;
  a.plaintext = XTT_TRY(t.client_hs->open(0, p.aad, p.ciphertext));
  a.ca1.assign(p.ca1.begin(), p.ca1.end());
  a.payload_block = p.payload_block;

  // Step 8: only a peer that knows Z gets the signature recomputed; AEAD is
  // deterministic, so this reproduces SIA_enc for SessionKeyHash.
  const std::size_t index = opened.contents.cert_index;
  const auto& creds = config_->credentials;
  XTT_ENSURE(index < creds.size() && creds[index].kind == t.suite.signature, ErrorCode::kBadCookie,
             "the cookie names no usable server certificate");
  XTT_TRY(detail::seal_server_attest(t, creds[index], nullptr));
  return a;
}

}  // namespace xtt::handshake
