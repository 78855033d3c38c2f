#include "pairing/g2.hpp"

#include "base/secret.hpp"
#include "pairing/curve_impl.hpp"
#include "pairing/params.hpp"

namespace xtt::pairing {
namespace {

struct G2Curve {
  using Point = G2;
  using Field = Fp2;
  // 3b = 9 (1 + i).
  static Fp2 mul_b3(const Fp2& v) {
    const Fp2 t = v.mul_by_xi();
    return t.dbl().dbl().dbl() + t;
  }
  static Fp2 b() { return params::kB2; }
};

G2Affine affine_from(const G2& p, const Fp2& zinv) {
  G2Affine a;
  a.infinity = p.is_identity();
  a.x = p.x() * zinv;
  a.y = p.y() * zinv;
  return a;
}

Result<Fp2> read_fp2(ByteSpan in) {
  const Fp c0 = XTT_TRY(Fp::from_bytes(in.first(32)));
  const Fp c1 = XTT_TRY(Fp::from_bytes(in.subspan(32, 32)));
  return Fp2{c0, c1};
}

}  // namespace

G2 G2::generator() { return from_projective(params::kG2X, params::kG2Y, Fp2::one()); }

Result<G2> G2::from_affine(const Fp2& x, const Fp2& y) {
  const G2 p = from_projective(x, y, Fp2::one());
  XTT_ENSURE(detail::on_curve<G2Curve>(p), ErrorCode::kBadPoint, "G2 point not on the twist");
  return p;
}

Result<G2> G2::decode(ByteSpan in) {
  XTT_ENSURE(in.size() == kEncodedSize, ErrorCode::kBadEncoding, "a G2 point needs 129 bytes");
  XTT_ENSURE(in[0] == 0x04, ErrorCode::kBadEncoding, "G2 point prefix is not 0x04");
  const Fp2 x = XTT_TRY(read_fp2(in.subspan(1, 64)));
  const Fp2 y = XTT_TRY(read_fp2(in.subspan(65, 64)));
  const G2 p = XTT_TRY(from_affine(x, y));
  XTT_ENSURE(p.is_in_group(), ErrorCode::kPointNotInGroup, "G2 point outside the order-n group");
  return p;
}

std::array<std::uint8_t, G2::kEncodedSize> G2::encode() const {
  std::array<std::uint8_t, kEncodedSize> out{};
  encode(out);
  return out;
}

void G2::encode(std::span<std::uint8_t, kEncodedSize> out) const {
  const G2Affine a = to_affine();
  const std::uint64_t inf = z_.is_zero_mask();  // no branch on a secret point
  const Fp2 x = Fp2::select(inf, Fp2(), a.x);
  const Fp2 y = Fp2::select(inf, Fp2(), a.y);
  out[0] = 0x04;
  x.c0.to_bytes(out.subspan<1, 32>());
  x.c1.to_bytes(out.subspan<33, 32>());
  y.c0.to_bytes(out.subspan<65, 32>());
  y.c1.to_bytes(out.subspan<97, 32>());
}

G2Affine G2::to_affine() const { return affine_from(*this, z_.inverse()); }

G2Affine G2::to_affine_vartime() const {
  if (is_identity()) {
    return G2Affine{};
  }
  return affine_from(*this, z_.inverse_vartime());
}

G2 G2::operator+(const G2& o) const { return detail::add<G2Curve>(*this, o); }
G2 G2::operator-() const { return detail::neg<G2Curve>(*this); }
G2 G2::dbl() const { return detail::dbl<G2Curve>(*this); }
bool G2::is_on_curve() const { return detail::on_curve<G2Curve>(*this); }
bool G2::operator==(const G2& o) const { return detail::equal<G2Curve>(*this, o); }

bool G2::is_in_group() const {
  if (!is_on_curve()) {
    return false;
  }
  // Q is in G2 iff [u+1]Q + psi([u]Q) + psi^2([u]Q) = psi^3([2u]Q) (El Housni,
  // Guillevic, Piellard 2022 for BN curves). On G2 psi acts as p mod n and the
  // relation holds; on any other prime-order part of the twist (order l
  // dividing the cofactor 2p - n) psi's eigenvalue is a root of
  // x^2 - t x + p mod l, and the resultant of that with the check polynomial
  // is prime to 2p - n (computed offline), so such a component cannot pass.
  // A 63-bit multiplication instead of one by n.
  const std::array<G2, 1> pts = {*this};
  const std::array<detail::SignedLimbs, 1> ks = {
      detail::SignedLimbs{Limbs{params::kUAbs, 0, 0, 0}, params::kUNegative}};
  const G2 uq = detail::straus_vartime<G2Curve>(pts, ks);
  const G2 uq1 = uq.psi();
  const G2 lhs = uq + *this + uq1 + uq1.psi();
  const G2 rhs = uq1.psi().psi().dbl();
  return lhs == rhs;
}

G2 G2::psi() const {
  return from_projective(x_.conj() * params::kPsiX, y_.conj() * params::kPsiY, z_.conj());
}

G2 G2::mul(const Scalar& k) const {
  std::array<Limbs, 4> mags;
  std::array<std::uint64_t, 4> negs;
  detail::decompose_ct<4>(mags, negs, k.limbs(), params::kGlsBasis, params::kGlsRound);
  const G2 q1 = psi();
  const G2 q2 = q1.psi();
  const std::array<G2, 4> bases = {*this, q1, q2, q2.psi()};
  // Parts are below 2^66 (checked for edge and random scalars in the tests).
  const G2 r = detail::mul_ct_endo<G2Curve, 4, 18>(bases, mags, negs);
  secure_wipe(mags.data(), sizeof(mags));
  secure_wipe(negs.data(), sizeof(negs));
  return r;
}

G2 G2::mul_vartime(const Scalar& k) const {
  std::array<detail::SignedLimbs, 4> parts;
  detail::decompose_vartime<4>(parts, k.limbs(), params::kGlsBasis, params::kGlsRound);
  const G2 q1 = psi();
  const G2 q2 = q1.psi();
  const std::array<G2, 4> pts = {*this, q1, q2, q2.psi()};
  return detail::straus_vartime<G2Curve>(pts, parts);
}

G2 G2::mul2_vartime(const Scalar& a, const G2& p, const Scalar& b, const G2& q) {
  std::array<detail::SignedLimbs, 8> parts;
  std::array<detail::SignedLimbs, 4> quarter;
  std::array<G2, 8> pts;
  const std::array<const Scalar*, 2> ks = {&a, &b};
  const std::array<const G2*, 2> bases = {&p, &q};
  for (std::size_t s = 0; s < 2; ++s) {
    detail::decompose_vartime<4>(quarter, ks[s]->limbs(), params::kGlsBasis, params::kGlsRound);
    G2 cur = *bases[s];
    for (std::size_t j = 0; j < 4; ++j) {
      parts[4 * s + j] = quarter[j];
      pts[4 * s + j] = cur;
      cur = cur.psi();
    }
  }
  return detail::straus_vartime<G2Curve>(pts, parts);
}

}  // namespace xtt::pairing
