#include "wire/identity_server_finished.hpp"

#include "wire/codec.hpp"
#include "wire/server_finished_layout.hpp"

namespace xtt::wire {

namespace {

const detail::ServerFinishedKind& kKind = detail::kIdentityServerFinishedKind;

}  // namespace

Result<std::size_t> IdentityServerFinished::size_for(SuiteSpec suite) {
  return detail::server_finished_size(kKind, suite);
}

Result<std::size_t> IdentityServerFinished::ciphertext_size(SuiteSpec suite) {
  const std::size_t total = XTT_TRY(size_for(suite));
  return total - kAadSize;
}

Result<std::array<std::uint8_t, IdentityServerFinished::kAadSize>> IdentityServerFinished::aad()
    const {
  return detail::server_finished_aad(kKind, suite);
}

Result<Bytes> IdentityServerFinished::encode() const {
  ByteWriter out(kEcdsaIdentityServerFinishedSize);
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status IdentityServerFinished::encode(ByteWriter& out) const {
  return detail::encode_server_finished(kKind, out, {suite, ciphertext});
}

Result<IdentityServerFinished> IdentityServerFinished::decode(ByteSpan msg) {
  const detail::ServerFinishedParts p = XTT_TRY(detail::decode_server_finished(kKind, msg));
  IdentityServerFinished m;
  m.suite = p.suite;
  m.ciphertext.assign(p.ciphertext.begin(), p.ciphertext.end());
  return m;
}

template <SignatureKind K>
Bytes BasicIdentityServerFinishedPlaintext<K>::encode() const {
  ByteWriter out(kSize);
  detail::write_fixed(out, client_id);
  detail::write_fixed(out, client_longterm_pub);
  return std::move(out).take();
}

template <SignatureKind K>
Result<BasicIdentityServerFinishedPlaintext<K>> BasicIdentityServerFinishedPlaintext<K>::decode(
    ByteSpan plaintext) {
  ByteReader in(plaintext);
  BasicIdentityServerFinishedPlaintext p;
  XTT_TRY(detail::read_fixed(in, p.client_id));
  XTT_TRY(detail::read_fixed(in, p.client_longterm_pub));
  XTT_TRY(in.expect_end());
  return p;
}

template struct BasicIdentityServerFinishedPlaintext<SignatureKind::kEcdsaP256>;
template struct BasicIdentityServerFinishedPlaintext<SignatureKind::kEd25519>;

}  // namespace xtt::wire
