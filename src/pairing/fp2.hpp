#pragma once

#include <cstdint>

#include "pairing/fp.hpp"

namespace xtt::pairing {

// Fp2 = Fp[i] / (i^2 + 1); the element c0 + c1*i. Constant time unless the
// name ends in _vartime.
struct Fp2 {
  Fp c0;
  Fp c1;

  static constexpr Fp2 zero() { return Fp2{}; }
  static constexpr Fp2 one() { return Fp2{Fp::one(), Fp()}; }

  Fp2 operator+(const Fp2& o) const { return {c0 + o.c0, c1 + o.c1}; }
  Fp2 operator-(const Fp2& o) const { return {c0 - o.c0, c1 - o.c1}; }
  Fp2 operator-() const { return {-c0, -c1}; }
  // Karatsuba: three Fp multiplications.
  Fp2 operator*(const Fp2& o) const {
    const Fp v0 = c0 * o.c0;
    const Fp v1 = c1 * o.c1;
    return {v0 - v1, (c0 + c1) * (o.c0 + o.c1) - v0 - v1};
  }
  Fp2& operator+=(const Fp2& o) { return *this = *this + o; }
  Fp2& operator-=(const Fp2& o) { return *this = *this - o; }
  Fp2& operator*=(const Fp2& o) { return *this = *this * o; }
  // (c0 + c1 i)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 i.
  Fp2 square() const { return {(c0 + c1) * (c0 - c1), (c0 * c1).dbl()}; }
  Fp2 dbl() const { return {c0.dbl(), c1.dbl()}; }
  Fp2 mul_fp(const Fp& s) const { return {c0 * s, c1 * s}; }
  // Multiplication by xi = 1 + i, the non-residue defining Fp6 and the twist.
  Fp2 mul_by_xi() const { return {c0 - c1, c0 + c1}; }
  // The Frobenius map x -> x^p is conjugation.
  Fp2 conj() const { return {c0, -c1}; }
  // c0^2 + c1^2, the norm to Fp.
  Fp norm() const { return c0.square() + c1.square(); }

  Fp2 inverse() const;          // 0 maps to 0
  Fp2 inverse_vartime() const;  // public data only
  // Square root, constant time; returns false (and a meaningless *out) for a
  // non-square.
  bool sqrt(Fp2& out) const;
  bool is_square() const { return norm().is_square(); }
  Fp2 pow(const Limbs& e) const;  // public exponent

  std::uint64_t is_zero_mask() const { return c0.is_zero_mask() & c1.is_zero_mask(); }
  std::uint64_t eq_mask(const Fp2& o) const { return c0.eq_mask(o.c0) & c1.eq_mask(o.c1); }
  bool is_zero() const { return is_zero_mask() != 0; }
  bool is_one() const { return eq_mask(one()) != 0; }
  bool operator==(const Fp2& o) const { return eq_mask(o) != 0; }

  static Fp2 select(std::uint64_t mask, const Fp2& a, const Fp2& b) {
    return {Fp::select(mask, a.c0, b.c0), Fp::select(mask, a.c1, b.c1)};
  }
  void cmov(const Fp2& src, std::uint64_t mask) { *this = select(mask, src, *this); }
};

}  // namespace xtt::pairing
