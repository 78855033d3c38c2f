#include "pairing/g1.hpp"

#include "base/secret.hpp"
#include "pairing/curve_impl.hpp"
#include "pairing/params.hpp"

namespace xtt::pairing {
namespace {

struct G1Curve {
  using Point = G1;
  using Field = Fp;
  static Fp mul_b3(const Fp& v) { return v.dbl().dbl().dbl() + v; }  // 3b = 9
  static Fp b() { return params::kB; }
};

G1Affine affine_from(const G1& p, const Fp& zinv) {
  G1Affine a;
  a.infinity = p.is_identity();
  a.x = p.x() * zinv;
  a.y = p.y() * zinv;
  return a;
}

}  // namespace

G1 G1::generator() { return from_projective(Fp::one(), Fp::one().dbl(), Fp::one()); }

Result<G1> G1::from_affine(const Fp& x, const Fp& y) {
  const G1 p = from_projective(x, y, Fp::one());
  XTT_ENSURE(detail::on_curve<G1Curve>(p), ErrorCode::kBadPoint, "G1 point not on the curve");
  return p;
}

Result<G1> G1::decode(ByteSpan in) {
  XTT_ENSURE(in.size() == kEncodedSize, ErrorCode::kBadEncoding, "a G1 point needs 65 bytes");
  XTT_ENSURE(in[0] == 0x04, ErrorCode::kBadEncoding, "G1 point prefix is not 0x04");
  const Fp x = XTT_TRY(Fp::from_bytes(in.subspan(1, 32)));
  const Fp y = XTT_TRY(Fp::from_bytes(in.subspan(33, 32)));
  // Infinity has no affine form; (0, 0) and friends fail the curve equation.
  return from_affine(x, y);
}

std::array<std::uint8_t, G1::kEncodedSize> G1::encode() const {
  std::array<std::uint8_t, kEncodedSize> out{};
  encode(out);
  return out;
}

void G1::encode(std::span<std::uint8_t, kEncodedSize> out) const {
  const G1Affine a = to_affine();
  out[0] = 0x04;
  // The mask comes from z directly: no branch on a possibly secret point.
  const std::uint64_t inf = z_.is_zero_mask();
  const Fp x = Fp::select(inf, Fp(), a.x);
  const Fp y = Fp::select(inf, Fp(), a.y);
  x.to_bytes(out.subspan<1, 32>());
  y.to_bytes(out.subspan<33, 32>());
}

G1Affine G1::to_affine() const { return affine_from(*this, z_.inverse()); }

G1Affine G1::to_affine_vartime() const {
  if (is_identity()) {
    return G1Affine{};
  }
  return affine_from(*this, z_.inverse_vartime());
}

G1 G1::operator+(const G1& o) const { return detail::add<G1Curve>(*this, o); }
G1 G1::operator-() const { return detail::neg<G1Curve>(*this); }
G1 G1::dbl() const { return detail::dbl<G1Curve>(*this); }
bool G1::is_on_curve() const { return detail::on_curve<G1Curve>(*this); }
bool G1::operator==(const G1& o) const { return detail::equal<G1Curve>(*this, o); }

G1 G1::mul(const Scalar& k) const {
  std::array<Limbs, 2> mags;
  std::array<std::uint64_t, 2> negs;
  detail::decompose_ct<2>(mags, negs, k.limbs(), params::kGlvBasis, params::kGlvRound);
  const std::array<G1, 2> bases = {*this, endomorphism()};
  // Parts are below 2^129 (checked for edge and random scalars in the tests).
  const G1 r = detail::mul_ct_endo<G1Curve, 2, 34>(bases, mags, negs);
  secure_wipe(mags.data(), sizeof(mags));
  secure_wipe(negs.data(), sizeof(negs));
  return r;
}

G1 G1::endomorphism() const { return from_projective(x_ * params::kBeta, y_, z_); }

G1 G1::mul_vartime(const Scalar& k) const {
  std::array<detail::SignedLimbs, 2> parts;
  detail::decompose_vartime<2>(parts, k.limbs(), params::kGlvBasis, params::kGlvRound);
  const std::array<G1, 2> pts = {*this, endomorphism()};
  return detail::straus_vartime<G1Curve>(pts, parts);
}

G1 G1::mul2_vartime(const Scalar& a, const G1& p, const Scalar& b, const G1& q) {
  std::array<detail::SignedLimbs, 4> parts;
  std::array<detail::SignedLimbs, 2> half;
  detail::decompose_vartime<2>(half, a.limbs(), params::kGlvBasis, params::kGlvRound);
  parts[0] = half[0];
  parts[1] = half[1];
  detail::decompose_vartime<2>(half, b.limbs(), params::kGlvBasis, params::kGlvRound);
  parts[2] = half[0];
  parts[3] = half[1];
  const std::array<G1, 4> pts = {p, p.endomorphism(), q, q.endomorphism()};
  return detail::straus_vartime<G1Curve>(pts, parts);
}

}  // namespace xtt::pairing
