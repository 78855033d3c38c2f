#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "pairing/arith.hpp"

namespace xtt::pairing {

// The FP256BN (TCG BN_P256) base field modulus p, and Montgomery constants.
inline constexpr Limbs kP = {0xd3292ddbaed33013, 0x0cdc65fb12980a82, 0x46e5f25eee71a49f,
                             0xfffffffffffcf0cd};
inline constexpr std::uint64_t kPInv = 0xad6c964e0537e5e5;  // -p^-1 mod 2^64
inline constexpr Limbs kPR = {0x2cd6d224512ccfed, 0xf3239a04ed67f57d, 0xb91a0da1118e5b60,
                              0x0000000000030f32};  // 2^256 mod p
inline constexpr Limbs kPR2 = {0xfac8c6101092b98f, 0xdb90d49cd7f91154, 0x4f325fc732bf3141,
                               0x4de578ea0e56a005};  // 2^512 mod p

// An element of Fp, kept in Montgomery form (value * 2^256 mod p), always
// fully reduced. Every operation is constant time unless its name ends in
// _vartime.
class Fp {
 public:
  static constexpr std::size_t kBytes = 32;

  constexpr Fp() = default;  // zero

  static constexpr Fp zero() { return Fp(); }
  static constexpr Fp one() { return from_mont(kPR); }
  static Fp from_u64(std::uint64_t v);
  // From a canonical integer (< p), little-endian limbs.
  static Fp from_canonical(const Limbs& v);
  // Raw Montgomery form, for constants computed offline.
  static constexpr Fp from_mont(const Limbs& m) {
    Fp r;
    r.v_ = m;
    return r;
  }

  // Exactly 32 big-endian bytes holding a value < p; otherwise kBadEncoding.
  static Result<Fp> from_bytes(ByteSpan in);
  // Up to 64 big-endian bytes, reduced mod p.
  static Fp from_bytes_reduce(ByteSpan in);
  std::array<std::uint8_t, 32> to_bytes() const;
  void to_bytes(std::span<std::uint8_t, 32> out) const;
  Limbs to_canonical() const;
  const Limbs& mont() const { return v_; }

  Fp operator+(const Fp& o) const {
    Fp r;
    detail::mod_add(r.v_, v_, o.v_, kP);
    return r;
  }
  Fp operator-(const Fp& o) const {
    Fp r;
    detail::mod_sub(r.v_, v_, o.v_, kP);
    return r;
  }
  Fp operator-() const { return Fp() - *this; }
  Fp operator*(const Fp& o) const {
    Fp r;
    detail::mont_mul_fixed<kP, kPInv>(r.v_, v_, o.v_);
    return r;
  }
  Fp& operator+=(const Fp& o) { return *this = *this + o; }
  Fp& operator-=(const Fp& o) { return *this = *this - o; }
  Fp& operator*=(const Fp& o) { return *this = *this * o; }
  Fp square() const { return *this * *this; }
  Fp dbl() const { return *this + *this; }
  // this / 2.
  Fp half() const;

  // Multiplicative inverse by Fermat (a^(p-2)); 0 maps to 0.
  Fp inverse() const;
  // The same value, faster, with timing that depends on the value: for public
  // data only.
  Fp inverse_vartime() const;
  // this^e for a public exponent e (the time depends on e, not on this).
  Fp pow(const Limbs& e) const;
  // A square root a^((p+1)/4) (p = 3 mod 4). Sets *out and returns true when
  // this is a square; on false *out holds a meaningless value. Constant time.
  bool sqrt(Fp& out) const;
  // Legendre symbol: 1 for a nonzero square, -1 for a non-square, 0 for zero.
  int legendre() const;
  bool is_square() const { return legendre() >= 0; }

  // All-ones masks, for branch-free code.
  std::uint64_t is_zero_mask() const;
  std::uint64_t eq_mask(const Fp& o) const;
  bool is_zero() const { return is_zero_mask() != 0; }
  bool is_one() const { return eq_mask(one()) != 0; }
  bool operator==(const Fp& o) const { return eq_mask(o) != 0; }
  // Parity of the canonical value.
  bool is_odd() const { return (to_canonical()[0] & 1) != 0; }

  // mask ? a : b.
  static Fp select(std::uint64_t mask, const Fp& a, const Fp& b) {
    Fp r;
    for (std::size_t i = 0; i < 4; ++i) {
      r.v_[i] = ct::select(mask, a.v_[i], b.v_[i]);
    }
    return r;
  }
  // this = mask ? src : this.
  void cmov(const Fp& src, std::uint64_t mask) { *this = select(mask, src, *this); }

 private:
  Limbs v_{};
};

}  // namespace xtt::pairing
