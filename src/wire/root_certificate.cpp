#include "wire/root_certificate.hpp"

#include "wire/codec.hpp"

namespace xtt::wire {

template <SignatureKind K>
Bytes BasicRootCertificate<K>::encode() const {
  ByteWriter out(kSize);
  encode(out);
  return std::move(out).take();
}

template <SignatureKind K>
void BasicRootCertificate<K>::encode(ByteWriter& out) const {
  detail::write_fixed(out, root_id);
  detail::write_fixed(out, root_pub);
}

template <SignatureKind K>
Result<BasicRootCertificate<K>> BasicRootCertificate<K>::decode(ByteSpan data) {
  ByteReader in(data);
  BasicRootCertificate c;
  XTT_TRY(detail::read_fixed(in, c.root_id));
  XTT_TRY(detail::read_fixed(in, c.root_pub));
  XTT_TRY(in.expect_end());
  return c;
}

template struct BasicRootCertificate<SignatureKind::kEcdsaP256>;
template struct BasicRootCertificate<SignatureKind::kEd25519>;

}  // namespace xtt::wire
