#include "wire/session_client_attest.hpp"

#include "wire/client_attest_layout.hpp"
#include "wire/codec.hpp"

namespace xtt::wire {

namespace {

const detail::ClientAttestKind& kKind = detail::kSessionClientAttestKind;

detail::ClientAttestParts parts_of(const SessionClientAttest& m) {
  return {m.type, m.suite, m.server_cookie, m.ciphertext, m.payload_block};
}

}  // namespace

Result<std::uint16_t> SessionClientAttest::total_length() const {
  return detail::client_attest_total(kKind, type, suite, payload_block.size());
}

Result<std::array<std::uint8_t, SessionClientAttest::kAadSize>> SessionClientAttest::aad() const {
  return detail::client_attest_aad(kKind, type, suite, server_cookie, payload_block.size());
}

Result<Bytes> SessionClientAttest::ca1() const {
  ByteWriter out(kFirstPartSize);
  XTT_TRY(detail::encode_client_attest(kKind, out, parts_of(*this), false));
  return std::move(out).take();
}

Result<Bytes> SessionClientAttest::encode() const {
  ByteWriter out(kFirstPartSize + payload_block.size());
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status SessionClientAttest::encode(ByteWriter& out) const {
  return detail::encode_client_attest(kKind, out, parts_of(*this), true);
}

Result<SessionClientAttest> SessionClientAttest::decode(ByteSpan msg) {
  const detail::ClientAttestParts p = XTT_TRY(detail::decode_client_attest(kKind, msg));
  SessionClientAttest m;
  m.type = p.type;
  m.suite = p.suite;
  m.server_cookie = p.server_cookie;
  m.ciphertext.assign(p.ciphertext.begin(), p.ciphertext.end());
  m.payload_block.assign(p.payload_block.begin(), p.payload_block.end());
  return m;
}

template <SignatureKind K>
Bytes BasicSessionClientAttestPlaintext<K>::encode() const {
  ByteWriter out(kSize);
  detail::write_fixed(out, client_id);
  detail::write_fixed(out, longterm_signature);
  return std::move(out).take();
}

template <SignatureKind K>
Result<BasicSessionClientAttestPlaintext<K>> BasicSessionClientAttestPlaintext<K>::decode(
    ByteSpan plaintext) {
  ByteReader in(plaintext);
  BasicSessionClientAttestPlaintext p;
  XTT_TRY(detail::read_fixed(in, p.client_id));
  XTT_TRY(detail::read_fixed(in, p.longterm_signature));
  XTT_TRY(in.expect_end());
  return p;
}

template struct BasicSessionClientAttestPlaintext<SignatureKind::kEcdsaP256>;
template struct BasicSessionClientAttestPlaintext<SignatureKind::kEd25519>;

}  // namespace xtt::wire
