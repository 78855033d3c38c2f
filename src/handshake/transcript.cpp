#include "handshake/transcript.hpp"

#include <algorithm>

#include "wire/identity_client_attest.hpp"
#include "wire/identity_server_finished.hpp"
#include "wire/server_init_and_attest.hpp"

namespace xtt::handshake::detail {

namespace {

using wire::SignatureKind;

constexpr std::size_t kSiaHeaderSize = wire::kHandshakeHeaderSize + wire::kDhPublicKeySize;  // 38

template <SignatureKind K>
Bytes encode_identity(const IdentityFields& f) {
  wire::BasicIdentityClientAttestPlaintext<K> p;
  std::copy(f.longterm_pub.begin(), f.longterm_pub.end(), p.client_longterm_pub.bytes.begin());
  p.gid = f.gid;
  p.requested_client_id = f.requested_client_id;
  p.longterm_signature.bytes = f.longterm_signature;
  p.daa_signature = f.daa_signature;
  return p.encode();
}

template <SignatureKind K>
Result<IdentityFields> decode_identity(ByteSpan plaintext) {
  const auto p = XTT_TRY(wire::BasicIdentityClientAttestPlaintext<K>::decode(plaintext));
  IdentityFields f;
  f.longterm_pub.assign(p.client_longterm_pub.bytes.begin(), p.client_longterm_pub.bytes.end());
  f.gid = p.gid;
  f.requested_client_id = p.requested_client_id;
  f.longterm_signature = p.longterm_signature.bytes;
  f.daa_signature = p.daa_signature;
  return f;
}

template <SignatureKind K>
Bytes encode_finished(const wire::ClientId& id, ByteSpan pub) {
  wire::BasicIdentityServerFinishedPlaintext<K> p;
  p.client_id = id;
  std::copy(pub.begin(), pub.end(), p.client_longterm_pub.bytes.begin());
  return p.encode();
}

template <SignatureKind K>
Result<std::pair<wire::ClientId, Bytes>> decode_finished(ByteSpan plaintext) {
  const auto p = XTT_TRY(wire::BasicIdentityServerFinishedPlaintext<K>::decode(plaintext));
  return std::pair<wire::ClientId, Bytes>{
      p.client_id, Bytes(p.client_longterm_pub.bytes.begin(), p.client_longterm_pub.bytes.end())};
}

}  // namespace

ByteSpan Transcript::cookie() const {
  return ByteSpan(sia_aad).subspan(kSiaHeaderSize, wire::kServerCookieSize);
}

ClientSigContext Transcript::sig_context(ByteSpan ca_aad) const {
  return ClientSigContext{inner, cookie(), certificate, server_signature, ca_aad};
}

Result<Transcript> begin_transcript(wire::SuiteSpec suite, ByteSpan client_init) {
  Transcript t;
  t.suite = XTT_TRY(wire::suite_info(suite));
  t.alg = hash_alg_of(t.suite);
  t.client_init.assign(client_init.begin(), client_init.end());
  return t;
}

Result<std::array<std::uint8_t, wire::kServerInitAndAttestAadSize>> make_sia_aad(
    wire::SuiteSpec suite, const wire::DhPublicKey& server_dh_pub,
    const wire::ServerCookie& cookie) {
  wire::ServerInitAndAttest m;
  m.suite = suite;
  m.server_dh_pub = server_dh_pub;
  m.server_cookie = cookie;
  return m.aad();
}

Status derive_handshake_keys(Transcript& t, const DhSecret& z) {
  t.inner = inner_hash(t.alg, t.client_init, ByteSpan(t.sia_aad).first(kSiaHeaderSize));
  t.hkh = handshake_key_hash(t.alg, t.inner, t.cookie());
  t.hs_secret = XTT_TRY(handshake_secret(t.alg, z));
  const HandshakeKeys keys = XTT_TRY(handshake_keys(t.alg, t.hs_secret, t.hkh));
  t.client_hs.emplace(
      XTT_TRY(record::TrafficKey::create(t.suite, keys.client_key.span(), keys.client_iv.span())));
  t.server_hs.emplace(
      XTT_TRY(record::TrafficKey::create(t.suite, keys.server_key.span(), keys.server_iv.span())));
  return ok();
}

Result<Bytes> seal_server_attest(Transcript& t, const ServerCredential& cred, Random* k_rng) {
  XTT_ENSURE(cred.kind == t.suite.signature, ErrorCode::kInternal,
             "server credential of the wrong family");
  t.certificate = cred.certificate;
  const Hash64 sig_hash = server_sig_hash(t.alg, t.client_init, t.sia_aad, t.certificate);
  t.server_signature = XTT_TRY(sign(cred.key, sig_hash, k_rng));
  ByteWriter plain(t.certificate.size() + t.server_signature.size());
  plain.bytes(t.certificate);
  plain.bytes(t.server_signature);
  t.sia_enc = XTT_TRY(t.server_hs->seal(0, t.sia_aad, plain.view()));
  ByteWriter msg(t.sia_aad.size() + t.sia_enc.size());
  msg.bytes(t.sia_aad);
  msg.bytes(t.sia_enc);
  return std::move(msg).take();
}

Status open_server_attest(Transcript& t, ByteSpan sealed) {
  const SecretVector plain = XTT_TRY(t.server_hs->open(0, t.sia_aad, sealed));
  XTT_ENSURE(plain.size() == t.suite.server_attest_plaintext_size, ErrorCode::kBadLength,
             "ServerInitAndAttest plaintext has the wrong size");
  const ByteSpan p = plain.span();
  t.certificate.assign(p.begin(),
                       p.begin() + static_cast<std::ptrdiff_t>(t.suite.server_certificate_size));
  std::copy(p.begin() + static_cast<std::ptrdiff_t>(t.suite.server_certificate_size), p.end(),
            t.server_signature.begin());
  t.sia_enc.assign(sealed.begin(), sealed.end());
  return ok();
}

Bytes IdentityFields::signed_fields() const {
  ByteWriter w(longterm_pub.size() + wire::GroupId::kSize + wire::ClientId::kSize);
  w.bytes(longterm_pub);
  w.bytes(gid.bytes);
  w.bytes(requested_client_id.bytes);
  return std::move(w).take();
}

Bytes encode_identity_fields(SignatureKind kind, const IdentityFields& f) {
  return kind == SignatureKind::kEcdsaP256 ? encode_identity<SignatureKind::kEcdsaP256>(f)
                                           : encode_identity<SignatureKind::kEd25519>(f);
}

Result<IdentityFields> decode_identity_fields(SignatureKind kind, ByteSpan plaintext) {
  return kind == SignatureKind::kEcdsaP256 ? decode_identity<SignatureKind::kEcdsaP256>(plaintext)
                                           : decode_identity<SignatureKind::kEd25519>(plaintext);
}

Bytes encode_identity_finished(SignatureKind kind, const wire::ClientId& id, ByteSpan pub) {
  return kind == SignatureKind::kEcdsaP256 ? encode_finished<SignatureKind::kEcdsaP256>(id, pub)
                                           : encode_finished<SignatureKind::kEd25519>(id, pub);
}

Result<std::pair<wire::ClientId, Bytes>> decode_identity_finished(SignatureKind kind,
                                                                  ByteSpan plaintext) {
  return kind == SignatureKind::kEcdsaP256 ? decode_finished<SignatureKind::kEcdsaP256>(plaintext)
                                           : decode_finished<SignatureKind::kEd25519>(plaintext);
}

Hash64 session_key_hash_of(const Transcript& t, ByteSpan ca1) {
  return session_key_hash(t.alg, t.hkh, t.sia_enc, ca1);
}

Result<Bytes> seal_payload_block(const Transcript& t, const record::SessionKeys& keys, ByteSpan ca1,
                                 const ClientPayload& payload) {
  auto key =
      XTT_TRY(record::TrafficKey::create(t.suite, keys.client_key.span(), keys.client_iv.span()));
  wire::PayloadPlaintext plain;
  plain.payload_type = payload.payload_type;
  plain.payload = payload.data;
  Bytes encoded = plain.encode();
  auto sealed = key.seal(0, ca1, encoded);
  secure_wipe(encoded.data(), encoded.size());
  secure_wipe(plain.payload.data(), plain.payload.size());
  return sealed;
}

Result<wire::PayloadPlaintext> open_payload_block(const Transcript& t,
                                                  const record::SessionKeys& keys, ByteSpan ca1,
                                                  ByteSpan block) {
  auto key =
      XTT_TRY(record::TrafficKey::create(t.suite, keys.client_key.span(), keys.client_iv.span()));
  const SecretVector plain = XTT_TRY(key.open(0, ca1, block));
  return wire::PayloadPlaintext::decode(plain.span());
}

}  // namespace xtt::handshake::detail
