#include "wire/server_certificate.hpp"

#include <algorithm>

#include "wire/codec.hpp"

namespace xtt::wire {

template <SignatureKind K>
Bytes BasicServerCertificate<K>::encode() const {
  ByteWriter out(kSize);
  encode(out);
  return std::move(out).take();
}

template <SignatureKind K>
void BasicServerCertificate<K>::encode(ByteWriter& out) const {
  out.bytes(reserved);
  detail::write_fixed(out, root_id);
  detail::write_fixed(out, server_pub);
  detail::write_fixed(out, root_signature);
}

template <SignatureKind K>
Result<BasicServerCertificate<K>> BasicServerCertificate<K>::decode(ByteSpan data) {
  ByteReader in(data);
  BasicServerCertificate c;
  XTT_TRY(in.read_into(c.reserved));
  XTT_TRY(detail::read_fixed(in, c.root_id));
  XTT_TRY(detail::read_fixed(in, c.server_pub));
  XTT_TRY(detail::read_fixed(in, c.root_signature));
  XTT_TRY(in.expect_end());
  return c;
}

template <SignatureKind K>
auto BasicServerCertificate<K>::signed_part() const -> std::array<std::uint8_t, kSignedSize> {
  std::array<std::uint8_t, kSignedSize> out{};
  auto it = std::copy(reserved.begin(), reserved.end(), out.begin());
  it = std::copy(root_id.bytes.begin(), root_id.bytes.end(), it);
  std::copy(server_pub.bytes.begin(), server_pub.bytes.end(), it);
  return out;
}

template <SignatureKind K>
Result<std::optional<Date>> BasicServerCertificate<K>::expiry() const {
  return parse_expiry(expiry_field());
}

template struct BasicServerCertificate<SignatureKind::kEcdsaP256>;
template struct BasicServerCertificate<SignatureKind::kEd25519>;

Result<std::array<std::uint8_t, kCertificateReservedSize>> make_certificate_reserved(
    std::span<const std::uint8_t, kLegacyServerIdSize> legacy_server_id,
    const std::optional<Date>& expiry) {
  const auto date = XTT_TRY(encode_expiry(expiry));
  std::array<std::uint8_t, kCertificateReservedSize> out{};
  std::copy(legacy_server_id.begin(), legacy_server_id.end(), out.begin());
  std::copy(date.begin(), date.end(), out.begin() + kLegacyServerIdSize);
  return out;
}

}  // namespace xtt::wire
