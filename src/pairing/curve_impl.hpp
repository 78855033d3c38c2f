#pragma once

// Formulas and scalar multiplication shared by G1 (over Fp) and G2 (over Fp2).
// Internal to the pairing layer: include only from its .cpp files.
//
// A curve description C provides:
//   using Point = G1 or G2;  using Field = Fp or Fp2;
//   static Field mul_b3(const Field&);  // times 3b, b the curve constant
//   static Field b();

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/ct.hpp"
#include "pairing/bigint.hpp"
#include "pairing/scalar.hpp"

namespace xtt::pairing::detail {

// Complete addition on y^2 = x^3 + b in homogeneous projective coordinates
// (Renes, Costello, Batina 2016, algorithm 7 with a = 0): correct for every
// pair of inputs, including equal points and the identity, with no branches.
template <typename C>
typename C::Point add(const typename C::Point& p, const typename C::Point& q) {
  using F = typename C::Field;
  const F& x1 = p.x();
  const F& y1 = p.y();
  const F& z1 = p.z();
  const F& x2 = q.x();
  const F& y2 = q.y();
  const F& z2 = q.z();
  F t0 = x1 * x2;
  F t1 = y1 * y2;
  F t2 = z1 * z2;
  F t3 = (x1 + y1) * (x2 + y2);
  F t4 = t0 + t1;
  t3 = t3 - t4;
  t4 = (y1 + z1) * (y2 + z2);
  F x3 = t1 + t2;
  t4 = t4 - x3;
  x3 = (x1 + z1) * (x2 + z2);
  F y3 = t0 + t2;
  y3 = x3 - y3;
  x3 = t0.dbl();
  t0 = x3 + t0;
  t2 = C::mul_b3(t2);
  F z3 = t1 + t2;
  t1 = t1 - t2;
  y3 = C::mul_b3(y3);
  x3 = t4 * y3;
  t2 = t3 * t1;
  x3 = t2 - x3;
  y3 = y3 * t0;
  t1 = t1 * z3;
  y3 = t1 + y3;
  t0 = t0 * t3;
  z3 = z3 * t4;
  z3 = z3 + t0;
  return C::Point::from_projective(x3, y3, z3);
}

// Doubling (RCB algorithm 9, a = 0), complete.
template <typename C>
typename C::Point dbl(const typename C::Point& p) {
  using F = typename C::Field;
  const F& x = p.x();
  const F& y = p.y();
  const F& z = p.z();
  F t0 = y.square();
  F z3 = t0.dbl().dbl().dbl();
  F t1 = y * z;
  F t2 = C::mul_b3(z.square());
  F x3 = t2 * z3;
  F y3 = t0 + t2;
  z3 = t1 * z3;
  t1 = t2.dbl();
  t2 = t1 + t2;
  t0 = t0 - t2;
  y3 = t0 * y3;
  y3 = x3 + y3;
  t1 = x * y;
  x3 = t0 * t1;
  x3 = x3.dbl();
  return C::Point::from_projective(x3, y3, z3);
}

template <typename C>
typename C::Point neg(const typename C::Point& p) {
  return C::Point::from_projective(p.x(), -p.y(), p.z());
}

// Y^2 Z = X^3 + b Z^3; the identity (0:1:0) passes, so callers reject it.
template <typename C>
bool on_curve(const typename C::Point& p) {
  using F = typename C::Field;
  const F lhs = p.y().square() * p.z();
  const F rhs = p.x().square() * p.x() + C::b() * p.z().square() * p.z();
  const std::uint64_t all_zero = p.y().is_zero_mask() & p.z().is_zero_mask();
  return (lhs.eq_mask(rhs) & ~all_zero) != 0;
}

// x1/z1 == x2/z2 and y1/z1 == y2/z2, without inversions; constant time.
template <typename C>
bool equal(const typename C::Point& p, const typename C::Point& q) {
  const std::uint64_t mask =
      (p.x() * q.z()).eq_mask(q.x() * p.z()) & (p.y() * q.z()).eq_mask(q.y() * p.z());
  return mask != 0;
}

// k * p with 4-bit fixed windows: 63 x 4 doublings, 64 complete additions, and
// each table entry read through a mask, so neither the branches nor the memory
// addresses depend on k.
template <typename C>
typename C::Point mul_ct(const typename C::Point& p, const Scalar& k) {
  using Point = typename C::Point;
  std::array<Point, 16> table;
  table[0] = Point::identity();
  table[1] = p;
  for (std::size_t i = 2; i < 16; ++i) {
    table[i] = (i % 2 == 0) ? dbl<C>(table[i / 2]) : add<C>(table[i - 1], p);
  }
  const Limbs& limbs = k.limbs();
  Point acc = Point::identity();
  for (std::size_t w = 64; w-- > 0;) {
    if (w != 63) {
      for (int s = 0; s < 4; ++s) {
        acc = dbl<C>(acc);
      }
    }
    const std::uint64_t digit = (limbs[w / 16] >> (4 * (w % 16))) & 0xf;
    Point chosen = table[0];
    for (std::uint64_t i = 1; i < 16; ++i) {
      chosen = Point::select(ct::mask_eq(i, digit), table[i], chosen);
    }
    acc = add<C>(acc, chosen);
  }
  return acc;
}

// A signed scalar: magnitude and sign, as produced by GLV/GLS splitting.
struct SignedLimbs {
  Limbs mag{};
  bool neg = false;
};

// Width-w NAF of k, least significant digit first: odd digits below 2^(w-1)
// in absolute value, at most one nonzero in any w consecutive. Variable time.
// Returns the number of digits (at most 257).
std::size_t wnaf_vartime(std::array<std::int8_t, 260>& digits, const Limbs& k, int w);

// Splits k into Dim signed parts with sum(parts[j] * lambda^j) = k mod n, by
// Babai rounding against a reduced lattice basis. basis[i][j] and g[i] are
// signed constants from the curve: g[i] ~ 2^256 * (B^-1)[0][i]. Variable time.
template <std::size_t Dim>
void decompose_vartime(std::array<SignedLimbs, Dim>& parts, const Limbs& k,
                       const std::array<std::array<SignedLimbs, Dim>, Dim>& basis,
                       const std::array<SignedLimbs, Dim>& g);

// sum ks[i] * pts[i], interleaving the wNAFs (Straus); variable time.
template <typename C>
typename C::Point straus_vartime(std::span<const typename C::Point> pts,
                                 std::span<const SignedLimbs> ks) {
  using Point = typename C::Point;
  constexpr int kWindow = 5;
  constexpr std::size_t kTable = 1u << (kWindow - 2);  // P, 3P, ..., 15P
  constexpr std::size_t kMax = 8;
  Point acc = Point::identity();
  if (pts.size() > kMax || pts.size() != ks.size()) {
    return acc;  // callers never pass more; an assert-free safe answer
  }
  std::array<std::array<Point, kTable>, kMax> tables;
  std::array<std::array<std::int8_t, 260>, kMax> digits{};
  std::array<std::size_t, kMax> lens{};
  std::size_t top = 0;
  for (std::size_t j = 0; j < pts.size(); ++j) {
    const Point base = ks[j].neg ? neg<C>(pts[j]) : pts[j];
    const Point twice = dbl<C>(base);
    tables[j][0] = base;
    for (std::size_t i = 1; i < kTable; ++i) {
      tables[j][i] = add<C>(tables[j][i - 1], twice);
    }
    lens[j] = wnaf_vartime(digits[j], ks[j].mag, kWindow);
    top = lens[j] > top ? lens[j] : top;
  }
  bool started = false;
  for (std::size_t i = top; i-- > 0;) {
    if (started) {
      acc = dbl<C>(acc);
    }
    for (std::size_t j = 0; j < pts.size(); ++j) {
      if (i >= lens[j]) {
        continue;
      }
      const int d = digits[j][i];
      if (d > 0) {
        acc = add<C>(acc, tables[j][static_cast<std::size_t>(d / 2)]);
        started = true;
      } else if (d < 0) {
        acc = add<C>(acc, neg<C>(tables[j][static_cast<std::size_t>(-d / 2)]));
        started = true;
      }
    }
  }
  return acc;
}

}  // namespace xtt::pairing::detail
