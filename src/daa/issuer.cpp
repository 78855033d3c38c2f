#include "daa/issuer.hpp"

#include <algorithm>

#include "base/ct.hpp"
#include "daa/codec.hpp"
#include "daa/ct_hooks.hpp"

namespace xtt::daa {
namespace {

// c = Hn(Ux || Uy || P2 || X || Y) mod n.
ScalarBytes issuer_challenge(const G2Bytes& ux, const G2Bytes& uy, const GroupPublicKey& gpk) {
  const auto& xy = gpk.encode();
  return hash_to_scalar({ux, uy, encoded_p2(), xy}).to_bytes();
}

}  // namespace

IssuerSecretKey::IssuerSecretKey(IssuerSecretKey&& o) noexcept : x_(o.x_), y_(o.y_) {
  o.x_.wipe();
  o.y_.wipe();
}

IssuerSecretKey& IssuerSecretKey::operator=(IssuerSecretKey&& o) noexcept {
  if (this != &o) {
    x_ = o.x_;
    y_ = o.y_;
    o.x_.wipe();
    o.y_.wipe();
  }
  return *this;
}

IssuerSecretKey::~IssuerSecretKey() {
  x_.wipe();
  y_.wipe();
}

Result<IssuerSecretKey> IssuerSecretKey::decode(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "issuer secret key"));
  Scalar x = XTT_TRY(detail::read_scalar(in, 0, "issuer secret key x"));
  Scalar y = XTT_TRY(detail::read_scalar(in, kScalarSize, "issuer secret key y"));
  IssuerSecretKey key(x, y);
  x.wipe();
  y.wipe();
  XTT_ENSURE(!key.x_.is_zero() && !key.y_.is_zero(), ErrorCode::kBadScalar,
             "issuer secret key: zero scalar");
  return key;
}

SecretBytes<IssuerSecretKey::kSize> IssuerSecretKey::encode() const {
  SecretBytes<kSize> out;
  x_.to_bytes(out.span().subspan<0, kScalarSize>());
  y_.to_bytes(out.span().subspan<kScalarSize, kScalarSize>());
  return out;
}

GroupPublicKey::GroupPublicKey(const G2& x, const G2& y) : x_(x), y_(y) {
  const G2Bytes xb = encode_public(x);
  const G2Bytes yb = encode_public(y);
  std::copy(xb.begin(), xb.end(), encoded_.begin());
  std::copy(yb.begin(), yb.end(), encoded_.begin() + kG2Size);
}

Result<GroupPublicKey> GroupPublicKey::decode(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "group public key"));
  const G2 x = XTT_TRY(detail::read_g2(in, 0, "group public key X"));
  const G2 y = XTT_TRY(detail::read_g2(in, kG2Size, "group public key Y"));
  GroupPublicKey gpk(x, y);
  // Decoded points are affine already; keep the exact input bytes.
  std::copy(in.begin(), in.end(), gpk.encoded_.begin());
  return gpk;
}

Result<IssuerPublicKey> IssuerPublicKey::decode(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "issuer public key"));
  GroupPublicKey gpk = XTT_TRY(GroupPublicKey::decode(in.first(GroupPublicKey::kSize)));
  constexpr std::size_t kAt = GroupPublicKey::kSize;
  const ScalarBytes c = detail::read_raw32(in, kAt);
  const Scalar sx = XTT_TRY(detail::read_scalar(in, kAt + kScalarSize, "issuer public key sx"));
  const Scalar sy = XTT_TRY(detail::read_scalar(in, kAt + 2 * kScalarSize, "issuer public key sy"));
  IssuerPublicKey ipk(std::move(gpk), c, sx, sy);
  XTT_TRY(ipk.verify_proof());
  return ipk;
}

std::array<std::uint8_t, IssuerPublicKey::kSize> IssuerPublicKey::encode() const {
  std::array<std::uint8_t, kSize> out{};
  const auto& g = gpk_.encode();
  std::copy(g.begin(), g.end(), out.begin());
  auto rest = std::span(out).subspan(GroupPublicKey::kSize);
  std::copy(c_.begin(), c_.end(), rest.begin());
  sx_.to_bytes(rest.subspan<kScalarSize, kScalarSize>());
  sy_.to_bytes(rest.subspan<2 * kScalarSize, kScalarSize>());
  return out;
}

Status IssuerPublicKey::verify_proof() const {
  XTT_ENSURE(detail::below_order(c_), ErrorCode::kBadProof, "issuer proof challenge not below n");
  const Scalar c = Scalar::from_bytes_reduce(c_);
  const G2 p2 = G2::generator();
  // Ux = sx*P2 - c*X, Uy = sy*P2 - c*Y.
  const G2 ux = G2::mul2_vartime(sx_, p2, -c, gpk_.x());
  const G2 uy = G2::mul2_vartime(sy_, p2, -c, gpk_.y());
  const ScalarBytes expected = issuer_challenge(encode_public(ux), encode_public(uy), gpk_);
  XTT_ENSURE(ct::equal(expected, c_), ErrorCode::kBadProof, "issuer public key proof fails");
  return ok();
}

Result<IssuerKeyPair> issuer_keygen(Random& rng) {
  // ecdaa draws the whole secret key before the proof nonces.
  Scalar x = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_x(x);
  Scalar y = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_y(y);
  Scalar rx = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_rx(rx);
  Scalar ry = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_ry(ry);
  const G2 p2 = G2::generator();
  // X, Y, Ux, Uy, sx and sy are the public outputs.
  G2 big_x = p2.mul(x);
  G2 big_y = p2.mul(y);
  G2 ux = p2.mul(rx);
  G2 uy = p2.mul(ry);
  detail::declassify(big_x);
  detail::declassify(big_y);
  detail::declassify(ux);
  detail::declassify(uy);
  GroupPublicKey gpk(big_x, big_y);
  const ScalarBytes c_bytes = issuer_challenge(encode_public(ux), encode_public(uy), gpk);
  const Scalar c = Scalar::from_bytes_reduce(c_bytes);
  Scalar sx = rx + c * x;
  Scalar sy = ry + c * y;
  detail::declassify(sx);
  detail::declassify(sy);
  IssuerPublicKey ipk(std::move(gpk), c_bytes, sx, sy);
  return IssuerKeyPair{IssuerSecretKey(x, y), std::move(ipk)};
}

}  // namespace xtt::daa
