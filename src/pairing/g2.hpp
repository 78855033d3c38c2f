#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "pairing/fp2.hpp"
#include "pairing/scalar.hpp"

namespace xtt::pairing {

// An affine point on the twist, or the point at infinity.
struct G2Affine {
  Fp2 x;
  Fp2 y;
  bool infinity = true;
};

// A point on the M-type sextic twist E'(Fp2): y^2 = x^3 + 3(1 + i). G2 is its
// subgroup of order n; the twist has a large cofactor, so decode() checks
// membership. Homogeneous projective coordinates and complete formulas as in
// G1; constant time unless the name ends in _vartime.
class G2 {
 public:
  static constexpr std::size_t kEncodedSize = 129;  // 0x04 || x.a || x.b || y.a || y.b

  G2() = default;  // the identity
  static G2 identity() { return G2(); }
  // The generator P2 of the spec (section 4.1).
  static G2 generator();
  // Fails with kBadPoint unless (x, y) is on the twist. Does NOT check the
  // subgroup: call is_in_group() (decode() does).
  static Result<G2> from_affine(const Fp2& x, const Fp2& y);
  // 129 bytes: kBadEncoding for a wrong length or prefix or a coordinate >= p,
  // kBadPoint off the twist, kPointNotInGroup outside the order-n subgroup.
  static Result<G2> decode(ByteSpan in);
  // The identity encodes as 0x04 followed by zeros (which does not decode).
  std::array<std::uint8_t, kEncodedSize> encode() const;
  void encode(std::span<std::uint8_t, kEncodedSize> out) const;

  G2Affine to_affine() const;          // constant time
  G2Affine to_affine_vartime() const;  // public points only

  G2 operator+(const G2& o) const;
  G2 operator-(const G2& o) const { return *this + (-o); }
  G2 operator-() const;
  G2& operator+=(const G2& o) { return *this = *this + o; }
  G2& operator-=(const G2& o) { return *this = *this - o; }
  G2 dbl() const;

  bool is_identity() const { return z_.is_zero(); }
  bool is_on_curve() const;
  // Membership in the order-n subgroup (variable time; points are public).
  bool is_in_group() const;
  bool operator==(const G2& o) const;

  // k * this, constant time (GLS split with psi, regular signed windows,
  // masked table lookups). Only meaningful for points of G2.
  G2 mul(const Scalar& k) const;
  // k * this for public k and point (GLS split with psi, and wNAF). Only
  // meaningful for points of G2.
  G2 mul_vartime(const Scalar& k) const;
  // a * p + b * q for public inputs in G2.
  static G2 mul2_vartime(const Scalar& a, const G2& p, const Scalar& b, const G2& q);
  // The untwist-Frobenius-twist endomorphism psi; on G2 it is multiplication by
  // p mod n.
  G2 psi() const;

  const Fp2& x() const { return x_; }
  const Fp2& y() const { return y_; }
  const Fp2& z() const { return z_; }
  static G2 from_projective(const Fp2& x, const Fp2& y, const Fp2& z) {
    G2 r;
    r.x_ = x;
    r.y_ = y;
    r.z_ = z;
    return r;
  }
  static G2 select(std::uint64_t mask, const G2& a, const G2& b) {
    return from_projective(Fp2::select(mask, a.x_, b.x_), Fp2::select(mask, a.y_, b.y_),
                           Fp2::select(mask, a.z_, b.z_));
  }

 private:
  Fp2 x_;
  Fp2 y_ = Fp2::one();
  Fp2 z_;
};

}  // namespace xtt::pairing
