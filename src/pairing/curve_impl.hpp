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

// The same split in constant time: magnitudes and all-ones masks for the
// negative parts. (decompose_vartime is this plus a bool per sign.)
template <std::size_t Dim>
void decompose_ct(std::array<Limbs, Dim>& mags, std::array<std::uint64_t, Dim>& neg_masks,
                  const Limbs& k, const std::array<std::array<SignedLimbs, Dim>, Dim>& basis,
                  const std::array<SignedLimbs, Dim>& g);

// k * bases[0] with k split as sum k_j lambda^j (bases[j] = lambda^j
// bases[0]), in constant time: each part is made odd (adding 1 when even,
// corrected at the end), recoded into Digits regular signed 4-bit digits
// (Joye-Tunstall: every digit odd, in [-15, 15]), and the Dim multiplications
// are interleaved, so there are 4 (Digits - 1) doublings and Dim additions per
// digit, with masked table reads and masked negations. Parts must be below
// 2^(4 (Digits - 1)).
template <typename C, std::size_t Dim, std::size_t Digits>
typename C::Point mul_ct_endo(const std::array<typename C::Point, Dim>& bases,
                              const std::array<Limbs, Dim>& mags,
                              const std::array<std::uint64_t, Dim>& neg_masks) {
  using Point = typename C::Point;
  constexpr std::size_t kTable = 8;  // P, 3P, ..., 15P
  std::array<std::array<Point, kTable>, Dim> tables;
  std::array<std::array<std::uint64_t, Digits>, Dim> digits;  // two's complement
  std::array<Point, Dim> corrections;
  for (std::size_t j = 0; j < Dim; ++j) {
    const Point base = Point::select(neg_masks[j], neg<C>(bases[j]), bases[j]);
    const Point twice = dbl<C>(base);
    tables[j][0] = base;
    for (std::size_t i = 1; i < kTable; ++i) {
      tables[j][i] = add<C>(tables[j][i - 1], twice);
    }
    // Make the magnitude odd; remember to subtract base when 1 was added.
    Limbs m = mags[j];
    const std::uint64_t even = ct::mask_from_bit((m[0] & 1) ^ 1);
    m[0] |= 1;  // m even, so m + 1 = m | 1
    corrections[j] = Point::select(even, neg<C>(base), Point::identity());
    // m odd: d = (m mod 32) - 16 is odd, and (m - d) / 16 = 2 (m >> 5) + 1.
    for (std::size_t i = 0; i + 1 < Digits; ++i) {
      digits[j][i] = (m[0] & 31) - 16;
      m = {(m[0] >> 5) | (m[1] << 59), (m[1] >> 5) | (m[2] << 59), (m[2] >> 5) | (m[3] << 59),
           m[3] >> 5};
      m = {(m[0] << 1) | 1, (m[1] << 1) | (m[0] >> 63), (m[2] << 1) | (m[1] >> 63),
           (m[3] << 1) | (m[2] >> 63)};
    }
    digits[j][Digits - 1] = m[0];  // odd, below 16 for parts in range
  }
  auto lookup = [&tables](std::size_t j, std::uint64_t d) {
    const std::uint64_t sign = ct::mask_from_bit(d >> 63);
    const std::uint64_t abs = (d ^ sign) - sign;
    const std::uint64_t idx = abs >> 1;  // (abs - 1) / 2 for odd abs
    Point chosen = tables[j][0];
    for (std::uint64_t i = 1; i < kTable; ++i) {
      chosen = Point::select(ct::mask_eq(i, idx), tables[j][i], chosen);
    }
    return Point::select(sign, neg<C>(chosen), chosen);
  };
  Point acc = lookup(0, digits[0][Digits - 1]);
  for (std::size_t j = 1; j < Dim; ++j) {
    acc = add<C>(acc, lookup(j, digits[j][Digits - 1]));
  }
  for (std::size_t i = Digits - 1; i-- > 0;) {
    for (int s = 0; s < 4; ++s) {
      acc = dbl<C>(acc);
    }
    for (std::size_t j = 0; j < Dim; ++j) {
      acc = add<C>(acc, lookup(j, digits[j][i]));
    }
  }
  for (std::size_t j = 0; j < Dim; ++j) {
    acc = add<C>(acc, corrections[j]);
  }
  return acc;
}

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
