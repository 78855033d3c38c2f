#include "wire/server_init_and_attest.hpp"

#include "wire/codec.hpp"
#include "wire/header.hpp"

namespace xtt::wire {

Result<std::size_t> ServerInitAndAttest::size_for(SuiteSpec suite) {
  const SuiteInfo info = XTT_TRY(suite_info(suite));
  return info.server_init_and_attest_size;
}

Result<std::size_t> ServerInitAndAttest::ciphertext_size(SuiteSpec suite) {
  const SuiteInfo info = XTT_TRY(suite_info(suite));
  return info.server_attest_plaintext_size + info.tag_size;
}

Result<std::array<std::uint8_t, ServerInitAndAttest::kAadSize>> ServerInitAndAttest::aad() const {
  const std::size_t total = XTT_TRY(size_for(suite));
  ByteWriter out(kAadSize);
  encode_handshake_header(out, MsgType::kServerInitAndAttest, static_cast<std::uint16_t>(total),
                          suite);
  detail::write_fixed(out, server_dh_pub);
  detail::write_fixed(out, server_cookie);
  return detail::first_bytes<kAadSize>(out.view());
}

Result<Bytes> ServerInitAndAttest::encode() const {
  ByteWriter out(kMaxServerHandshakeSize);
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status ServerInitAndAttest::encode(ByteWriter& out) const {
  const std::size_t total = XTT_TRY(size_for(suite));
  XTT_ENSURE(ciphertext.size() == total - kAadSize, ErrorCode::kInvalidArgument,
             "ServerInitAndAttest ciphertext has the wrong size for the suite");
  encode_handshake_header(out, MsgType::kServerInitAndAttest, static_cast<std::uint16_t>(total),
                          suite);
  detail::write_fixed(out, server_dh_pub);
  detail::write_fixed(out, server_cookie);
  out.bytes(ciphertext);
  return ok();
}

Result<ServerInitAndAttest> ServerInitAndAttest::decode(ByteSpan msg) {
  const HandshakeHeader h = XTT_TRY(open_handshake_message(msg, {MsgType::kServerInitAndAttest}));
  const std::size_t total = XTT_TRY(size_for(h.suite));
  XTT_ENSURE(h.length == total, ErrorCode::kBadLength,
             "ServerInitAndAttest length must be " + std::to_string(total) + " for this suite");
  XTT_TRY(check_buffer_size(msg, h.length));
  ByteReader in(msg.subspan(kHandshakeHeaderSize));
  ServerInitAndAttest m;
  m.suite = h.suite;
  XTT_TRY(detail::read_fixed(in, m.server_dh_pub));
  XTT_TRY(detail::read_fixed(in, m.server_cookie));
  const ByteSpan ct = in.rest();
  m.ciphertext.assign(ct.begin(), ct.end());
  return m;
}

template <SignatureKind K>
Bytes BasicServerAttestPlaintext<K>::encode() const {
  ByteWriter out(kSize);
  certificate.encode(out);
  detail::write_fixed(out, server_signature);
  return std::move(out).take();
}

template <SignatureKind K>
Result<BasicServerAttestPlaintext<K>> BasicServerAttestPlaintext<K>::decode(ByteSpan plaintext) {
  XTT_ENSURE(plaintext.size() >= kSize, ErrorCode::kTruncated,
             "ServerAttest plaintext needs " + std::to_string(kSize) + " bytes");
  XTT_ENSURE(plaintext.size() == kSize, ErrorCode::kTrailingBytes,
             "bytes after the ServerAttest plaintext");
  BasicServerAttestPlaintext p;
  p.certificate = XTT_TRY(Certificate::decode(plaintext.first(Certificate::kSize)));
  ByteReader in(plaintext.subspan(Certificate::kSize));
  XTT_TRY(detail::read_fixed(in, p.server_signature));
  return p;
}

template struct BasicServerAttestPlaintext<SignatureKind::kEcdsaP256>;
template struct BasicServerAttestPlaintext<SignatureKind::kEd25519>;

}  // namespace xtt::wire
