#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>

#if defined(__x86_64__) && !defined(XTT_PAIRING_PORTABLE)
#include <x86intrin.h>
#endif

#include "base/bytes.hpp"
#include "base/ct.hpp"
#include "base/result.hpp"

namespace xtt::pairing {

// 256-bit values as four little-endian 64-bit limbs (limb 0 is least
// significant). Used by Fp (mod p) and Scalar (mod n).
using Limbs = std::array<std::uint64_t, 4>;

namespace detail {

using U128 = unsigned __int128;

// a + b + carry; carry in and out is 0 or 1. On x86-64 the intrinsics give
// plain adc/sbb chains, where the __int128 form costs extra moves.
inline std::uint64_t adc(std::uint64_t a, std::uint64_t b, std::uint64_t& carry) {
#if defined(__x86_64__) && !defined(XTT_PAIRING_PORTABLE)
  unsigned long long out;
  carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &out);
  return out;
#else
  const U128 t = static_cast<U128>(a) + b + carry;
  carry = static_cast<std::uint64_t>(t >> 64);
  return static_cast<std::uint64_t>(t);
#endif
}
// a - b - borrow; borrow in and out is 0 or 1.
inline std::uint64_t sbb(std::uint64_t a, std::uint64_t b, std::uint64_t& borrow) {
#if defined(__x86_64__) && !defined(XTT_PAIRING_PORTABLE)
  unsigned long long out;
  borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &out);
  return out;
#else
  const U128 t = static_cast<U128>(a) - b - borrow;
  borrow = static_cast<std::uint64_t>(t >> 64) & 1;
  return static_cast<std::uint64_t>(t);
#endif
}
// a + b * c + carry, the carry being a full limb.
inline std::uint64_t mac(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& carry) {
  const U128 t = static_cast<U128>(b) * c + a + carry;
  carry = static_cast<std::uint64_t>(t >> 64);
  return static_cast<std::uint64_t>(t);
}

// r = a + b mod m, for a, b < m; the final subtraction is masked, so the
// time does not depend on the values. m may use all 256 bits.
inline void mod_add_portable(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& m) {
  std::uint64_t carry = 0;
  Limbs s;
  for (std::size_t i = 0; i < 4; ++i) {
    s[i] = adc(a[i], b[i], carry);
  }
  std::uint64_t borrow = 0;
  Limbs d;
  for (std::size_t i = 0; i < 4; ++i) {
    d[i] = sbb(s[i], m[i], borrow);
  }
  // s >= m exactly when the sum carried out or the subtraction did not borrow.
  const std::uint64_t use_d = ct::mask_from_bit(carry | (borrow ^ 1));
  for (std::size_t i = 0; i < 4; ++i) {
    r[i] = ct::select(use_d, d[i], s[i]);
  }
}

// r = a - b mod m, for a, b < m.
inline void mod_sub_portable(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& m) {
  std::uint64_t borrow = 0;
  Limbs d;
  for (std::size_t i = 0; i < 4; ++i) {
    d[i] = sbb(a[i], b[i], borrow);
  }
  const std::uint64_t mask = ct::mask_from_bit(borrow);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    r[i] = adc(d[i], m[i] & mask, carry);
  }
}

// Montgomery reduction of a 512-bit t < m * 2^256: returns t / 2^256 mod m,
// fully reduced. inv = -m^-1 mod 2^64.
inline void mont_reduce(Limbs& r, const std::array<std::uint64_t, 8>& t_in, const Limbs& m,
                        std::uint64_t inv) {
  std::array<std::uint64_t, 8> t = t_in;
  std::uint64_t top = 0;  // the carry out of limb 7, at most 1
  for (std::size_t i = 0; i < 4; ++i) {
    const std::uint64_t k = t[i] * inv;
    std::uint64_t c = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      t[i + j] = mac(t[i + j], k, m[j], c);
    }
    // Propagate the row's carry into the upper limbs.
    std::uint64_t cc = 0;
    t[i + 4] = adc(t[i + 4], c, cc);
    for (std::size_t j = i + 5; j < 8; ++j) {
      t[j] = adc(t[j], 0, cc);
    }
    top += cc;
  }
  // The result t[4..7] + top*2^256 is below 2m.
  std::uint64_t borrow = 0;
  Limbs d;
  for (std::size_t i = 0; i < 4; ++i) {
    d[i] = sbb(t[i + 4], m[i], borrow);
  }
  const std::uint64_t use_d = ct::mask_from_bit((top | (borrow ^ 1)) & 1);
  for (std::size_t i = 0; i < 4; ++i) {
    r[i] = ct::select(use_d, d[i], t[i + 4]);
  }
}

// The full 512-bit product a * b.
inline void mul_wide(std::array<std::uint64_t, 8>& t, const Limbs& a, const Limbs& b) {
  t.fill(0);
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint64_t c = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      t[i + j] = mac(t[i + j], a[j], b[i], c);
    }
    t[i + 4] = c;
  }
}

// One CIOS row: t += a * bi, then one Montgomery reduction step (t += k*m,
// t >>= 64). Written out limb by limb, so the compiler keeps everything in
// registers instead of spilling loop arrays.
#define XTT_MONT_ROW(bi)              \
  do {                                \
    std::uint64_t c = 0;              \
    t0 = mac(t0, a0, (bi), c);        \
    t1 = mac(t1, a1, (bi), c);        \
    t2 = mac(t2, a2, (bi), c);        \
    t3 = mac(t3, a3, (bi), c);        \
    std::uint64_t cc = 0;             \
    t4 = adc(t4, c, cc);              \
    const std::uint64_t t5 = cc;      \
    const std::uint64_t k = t0 * inv; \
    c = 0;                            \
    (void)mac(t0, k, m0, c);          \
    t0 = mac(t1, k, m1, c);           \
    t1 = mac(t2, k, m2, c);           \
    t2 = mac(t3, k, m3, c);           \
    cc = 0;                           \
    t3 = adc(t4, c, cc);              \
    t4 = t5 + cc;                     \
  } while (0)

// r = a * b / 2^256 mod m (CIOS, the interleaved form of mul_wide then
// mont_reduce). Requires a * b < m * 2^256, e.g. a < 2^256 and b < m.
inline void mont_mul(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& m, std::uint64_t inv) {
  const std::uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  const std::uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  const std::uint64_t m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3];
  std::uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
  XTT_MONT_ROW(b0);
  XTT_MONT_ROW(b1);
  XTT_MONT_ROW(b2);
  XTT_MONT_ROW(b3);
  std::uint64_t borrow = 0;
  const std::uint64_t d0 = sbb(t0, m0, borrow);
  const std::uint64_t d1 = sbb(t1, m1, borrow);
  const std::uint64_t d2 = sbb(t2, m2, borrow);
  const std::uint64_t d3 = sbb(t3, m3, borrow);
  const std::uint64_t use_d = ct::mask_from_bit((t4 | (borrow ^ 1)) & 1);
  r[0] = ct::select(use_d, d0, t0);
  r[1] = ct::select(use_d, d1, t1);
  r[2] = ct::select(use_d, d2, t2);
  r[3] = ct::select(use_d, d3, t3);
}
#undef XTT_MONT_ROW

// Final step shared by both forms: t (t4 the carry bit) is below 2m.
inline void mont_final_sub(Limbs& r, std::uint64_t t0, std::uint64_t t1, std::uint64_t t2,
                           std::uint64_t t3, std::uint64_t t4, const Limbs& m) {
  std::uint64_t borrow = 0;
  const std::uint64_t d0 = sbb(t0, m[0], borrow);
  const std::uint64_t d1 = sbb(t1, m[1], borrow);
  const std::uint64_t d2 = sbb(t2, m[2], borrow);
  const std::uint64_t d3 = sbb(t3, m[3], borrow);
  const std::uint64_t use_d = ct::mask_from_bit((t4 | (borrow ^ 1)) & 1);
  r[0] = ct::select(use_d, d0, t0);
  r[1] = ct::select(use_d, d1, t1);
  r[2] = ct::select(use_d, d2, t2);
  r[3] = ct::select(use_d, d3, t3);
}

}  // namespace detail

// A raw unsigned 256-bit integer, for comparisons on values that are not
// field elements (e.g. checking that a received ECDAA c is below n before it
// is reduced). Comparisons are constant time.
class Uint256 {
 public:
  constexpr Uint256() = default;
  constexpr explicit Uint256(const Limbs& limbs) : v_(limbs) {}

  // Exactly 32 big-endian bytes; kBadLength otherwise.
  static Result<Uint256> from_bytes(ByteSpan in);
  static Uint256 from_bytes(std::span<const std::uint8_t, 32> in);
  std::array<std::uint8_t, 32> to_bytes() const;

  const Limbs& limbs() const { return v_; }
  // Bit i (0 = least significant), as 0 or 1.
  std::uint64_t bit(std::size_t i) const { return (v_[i / 64] >> (i % 64)) & 1; }
  // Index of the highest set bit plus one (0 for zero). Variable time.
  std::size_t bit_length_vartime() const;

  // All ones if *this < other.
  std::uint64_t lt_mask(const Uint256& other) const;
  bool operator==(const Uint256& other) const;
  bool operator<(const Uint256& other) const { return lt_mask(other) != 0; }

 private:
  Limbs v_{};
};

// Big-endian 32 bytes <-> limbs.
Limbs limbs_from_be(std::span<const std::uint8_t, 32> in);
void limbs_to_be(const Limbs& v, std::span<std::uint8_t, 32> out);

}  // namespace xtt::pairing
