#include "wire/identity_client_attest.hpp"

#include "wire/client_attest_layout.hpp"
#include "wire/codec.hpp"

namespace xtt::wire {

namespace {

const detail::ClientAttestKind& kKind = detail::kIdentityClientAttestKind;

detail::ClientAttestParts parts_of(const IdentityClientAttest& m) {
  return {m.type, m.suite, m.server_cookie, m.ciphertext, m.payload_block};
}

}  // namespace

Result<std::size_t> IdentityClientAttest::first_part_size(SuiteSpec suite) {
  return detail::first_part_size(kKind, suite);
}

Result<std::size_t> IdentityClientAttest::ciphertext_size(SuiteSpec suite) {
  const std::size_t ca1 = XTT_TRY(first_part_size(suite));
  return ca1 - kAadSize;
}

Result<std::uint16_t> IdentityClientAttest::total_length() const {
  return detail::client_attest_total(kKind, type, suite, payload_block.size());
}

Result<std::array<std::uint8_t, IdentityClientAttest::kAadSize>> IdentityClientAttest::aad() const {
  return detail::client_attest_aad(kKind, type, suite, server_cookie, payload_block.size());
}

Result<Bytes> IdentityClientAttest::ca1() const {
  ByteWriter out(kMaxClientHandshakeSize);
  XTT_TRY(detail::encode_client_attest(kKind, out, parts_of(*this), false));
  return std::move(out).take();
}

Result<Bytes> IdentityClientAttest::encode() const {
  ByteWriter out(kMaxClientHandshakeSize + payload_block.size());
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status IdentityClientAttest::encode(ByteWriter& out) const {
  return detail::encode_client_attest(kKind, out, parts_of(*this), true);
}

Result<IdentityClientAttest> IdentityClientAttest::decode(ByteSpan msg) {
  const detail::ClientAttestParts p = XTT_TRY(detail::decode_client_attest(kKind, msg));
  IdentityClientAttest m;
  m.type = p.type;
  m.suite = p.suite;
  m.server_cookie = p.server_cookie;
  m.ciphertext.assign(p.ciphertext.begin(), p.ciphertext.end());
  m.payload_block.assign(p.payload_block.begin(), p.payload_block.end());
  return m;
}

template <SignatureKind K>
Bytes BasicIdentityClientAttestPlaintext<K>::encode() const {
  ByteWriter out(kSize);
  detail::write_fixed(out, client_longterm_pub);
  detail::write_fixed(out, gid);
  detail::write_fixed(out, requested_client_id);
  detail::write_fixed(out, longterm_signature);
  detail::write_fixed(out, daa_signature);
  return std::move(out).take();
}

template <SignatureKind K>
Result<BasicIdentityClientAttestPlaintext<K>> BasicIdentityClientAttestPlaintext<K>::decode(
    ByteSpan plaintext) {
  ByteReader in(plaintext);
  BasicIdentityClientAttestPlaintext p;
  XTT_TRY(detail::read_fixed(in, p.client_longterm_pub));
  XTT_TRY(detail::read_fixed(in, p.gid));
  XTT_TRY(detail::read_fixed(in, p.requested_client_id));
  XTT_TRY(detail::read_fixed(in, p.longterm_signature));
  XTT_TRY(detail::read_fixed(in, p.daa_signature));
  XTT_TRY(in.expect_end());
  return p;
}

template struct BasicIdentityClientAttestPlaintext<SignatureKind::kEcdsaP256>;
template struct BasicIdentityClientAttestPlaintext<SignatureKind::kEd25519>;

}  // namespace xtt::wire
