#pragma once

#include <cstdint>
#include <span>

#include "pairing/fp6.hpp"

namespace xtt::pairing {

// Fp12 = Fp6[w] / (w^2 - v): the element c0 + c1 w. As a vector over Fp2 in
// the basis 1, w, ..., w^5 (w^6 = xi): c0 = (w^0, w^2, w^4) and
// c1 = (w^1, w^3, w^5) coefficients.
struct Fp12 {
  Fp6 c0;
  Fp6 c1;

  static constexpr Fp12 one() { return Fp12{Fp6::one(), Fp6()}; }

  Fp12 operator*(const Fp12& o) const;
  Fp12& operator*=(const Fp12& o) { return *this = *this * o; }
  Fp12 square() const;
  // Multiplication by the sparse line a + b v + c v w (a, b, c in Fp2), the
  // shape of every Miller-loop line on this M-type twist.
  Fp12 mul_by_line(const Fp2& a, const Fp2& b, const Fp2& c) const;
  // Conjugation over Fp6: the p^6-power Frobenius, and the inverse of any
  // element of the cyclotomic subgroup.
  Fp12 conj() const { return {c0, -c1}; }
  Fp12 inverse() const;
  // x -> x^(p^k) for k = 1, 2, 3.
  Fp12 frobenius(int k) const;
  // Granger-Scott squaring, valid only in the cyclotomic subgroup (after the
  // easy part of the final exponentiation).
  Fp12 cyclotomic_square() const;
  // this^|u| then conjugated (u < 0): this^u for a cyclotomic element.
  Fp12 cyclotomic_pow_u() const;
  // this^e for a public little-endian exponent (square and multiply).
  Fp12 pow_vartime(std::span<const std::uint64_t> e) const;

  std::uint64_t eq_mask(const Fp12& o) const { return c0.eq_mask(o.c0) & c1.eq_mask(o.c1); }
  bool operator==(const Fp12& o) const { return eq_mask(o) != 0; }
  bool is_one() const { return eq_mask(one()) != 0; }
};

}  // namespace xtt::pairing
