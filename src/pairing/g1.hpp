#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "pairing/fp.hpp"
#include "pairing/scalar.hpp"

namespace xtt::pairing {

// An affine G1 point, or the point at infinity.
struct G1Affine {
  Fp x;
  Fp y;
  bool infinity = true;
};

// A point of G1 = E(Fp): y^2 = x^3 + 3, the whole group (cofactor 1), of
// prime order n. Homogeneous projective coordinates (X:Y:Z) with x = X/Z,
// y = Y/Z; the identity is (0:1:0). Addition uses complete formulas, so every
// operation is constant time and branch free unless its name ends in
// _vartime (those are for public points and scalars only).
class G1 {
 public:
  static constexpr std::size_t kEncodedSize = 65;  // 0x04 || x || y

  G1() = default;  // the identity
  static G1 identity() { return G1(); }
  // P1 = (1, 2).
  static G1 generator();
  // Fails with kBadPoint unless (x, y) is on the curve.
  static Result<G1> from_affine(const Fp& x, const Fp& y);
  // 65 bytes 0x04 || x || y (big-endian): kBadEncoding for a wrong length or
  // prefix or a coordinate >= p, kBadPoint for a point off the curve.
  // Infinity has no encoding and never decodes.
  static Result<G1> decode(ByteSpan in);
  // The identity encodes as 0x04 followed by zeros (which does not decode).
  std::array<std::uint8_t, kEncodedSize> encode() const;
  void encode(std::span<std::uint8_t, kEncodedSize> out) const;

  G1Affine to_affine() const;          // constant time
  G1Affine to_affine_vartime() const;  // public points only

  G1 operator+(const G1& o) const;
  G1 operator-(const G1& o) const { return *this + (-o); }
  G1 operator-() const;
  G1& operator+=(const G1& o) { return *this = *this + o; }
  G1& operator-=(const G1& o) { return *this = *this - o; }
  G1 dbl() const;

  bool is_identity() const { return z_.is_zero(); }
  bool is_on_curve() const;
  // Constant time; compares the affine points.
  bool operator==(const G1& o) const;

  // k * this, constant time in k and in the point: use for secret scalars.
  // GLV split computed without branches, regular signed 4-bit windows,
  // table entries read through masks, complete additions.
  G1 mul(const Scalar& k) const;
  // k * this for public k and point (GLV split and wNAF).
  G1 mul_vartime(const Scalar& k) const;
  // a * p + b * q for public inputs (verification: s*B - c*Pk).
  static G1 mul2_vartime(const Scalar& a, const G1& p, const Scalar& b, const G1& q);
  // phi(x, y) = (beta x, y), which equals lambda * this (the GLV endomorphism).
  G1 endomorphism() const;

  const Fp& x() const { return x_; }
  const Fp& y() const { return y_; }
  const Fp& z() const { return z_; }
  static G1 from_projective(const Fp& x, const Fp& y, const Fp& z) {
    G1 r;
    r.x_ = x;
    r.y_ = y;
    r.z_ = z;
    return r;
  }
  static G1 select(std::uint64_t mask, const G1& a, const G1& b) {
    return from_projective(Fp::select(mask, a.x_, b.x_), Fp::select(mask, a.y_, b.y_),
                           Fp::select(mask, a.z_, b.z_));
  }

 private:
  Fp x_;
  Fp y_ = Fp::one();
  Fp z_;
};

}  // namespace xtt::pairing
