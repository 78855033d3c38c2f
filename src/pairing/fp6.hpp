#pragma once

#include <cstdint>

#include "pairing/fp2.hpp"

namespace xtt::pairing {

// Fp6 = Fp2[v] / (v^3 - xi), xi = 1 + i: the element c0 + c1 v + c2 v^2.
struct Fp6 {
  Fp2 c0;
  Fp2 c1;
  Fp2 c2;

  static constexpr Fp6 zero() { return Fp6{}; }
  static constexpr Fp6 one() { return Fp6{Fp2::one(), Fp2(), Fp2()}; }

  Fp6 operator+(const Fp6& o) const { return {c0 + o.c0, c1 + o.c1, c2 + o.c2}; }
  Fp6 operator-(const Fp6& o) const { return {c0 - o.c0, c1 - o.c1, c2 - o.c2}; }
  Fp6 operator-() const { return {-c0, -c1, -c2}; }
  Fp6 operator*(const Fp6& o) const;
  Fp6& operator+=(const Fp6& o) { return *this = *this + o; }
  Fp6& operator-=(const Fp6& o) { return *this = *this - o; }
  Fp6& operator*=(const Fp6& o) { return *this = *this * o; }
  Fp6 square() const;
  Fp6 dbl() const { return {c0.dbl(), c1.dbl(), c2.dbl()}; }
  // Multiplication by v: (c0, c1, c2) -> (xi c2, c0, c1).
  Fp6 mul_by_v() const { return {c2.mul_by_xi(), c0, c1}; }
  // By the sparse b0 + b1 v (5 Fp2 multiplications) and b1 v (3).
  Fp6 mul_by_01(const Fp2& b0, const Fp2& b1) const;
  Fp6 mul_by_1(const Fp2& b1) const;
  Fp6 mul_fp2(const Fp2& s) const { return {c0 * s, c1 * s, c2 * s}; }
  Fp6 inverse() const;  // 0 maps to 0

  std::uint64_t eq_mask(const Fp6& o) const {
    return c0.eq_mask(o.c0) & c1.eq_mask(o.c1) & c2.eq_mask(o.c2);
  }
  bool is_zero() const { return (c0.is_zero_mask() & c1.is_zero_mask() & c2.is_zero_mask()) != 0; }
  bool operator==(const Fp6& o) const { return eq_mask(o) != 0; }
};

}  // namespace xtt::pairing
