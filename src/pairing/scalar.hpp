#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "pairing/bigint.hpp"

namespace xtt::pairing {

// The order n of G1, G2 and GT on FP256BN.
inline constexpr Limbs kN = {0xf62d536cd10b500d, 0x0cdc65fb1299921a, 0x46e5f25eee71a49e,
                             0xfffffffffffcf0cd};
inline constexpr std::uint64_t kNInv = 0x09826627c9c6813b;  // -n^-1 mod 2^64

// An integer mod n, stored canonically (< n, little-endian limbs, not in
// Montgomery form). Arithmetic is constant time; the value may be secret.
// Trivially copyable so points can be multiplied by it without allocation;
// call wipe() on secret temporaries.
class Scalar {
 public:
  static constexpr std::size_t kBytes = 32;

  constexpr Scalar() = default;  // zero

  static constexpr Scalar zero() { return Scalar(); }
  static Scalar one() { return from_u64(1); }
  static Scalar from_u64(std::uint64_t v);
  // Exactly 32 big-endian bytes: kBadLength for another size, kBadScalar for a
  // value >= n.
  static Result<Scalar> from_bytes(ByteSpan in);
  // Up to 64 big-endian bytes (a hash, or a 512-bit random value), reduced
  // mod n. Constant time in the contents.
  static Scalar from_bytes_reduce(ByteSpan in);
  // Little-endian limbs already below n (e.g. constants); no check beyond an
  // assert in debug builds.
  static Scalar from_limbs(const Limbs& v);

  std::array<std::uint8_t, 32> to_bytes() const;
  void to_bytes(std::span<std::uint8_t, 32> out) const;
  const Limbs& limbs() const { return v_; }
  // Bit i of the canonical value, 0 or 1, for i < 256.
  std::uint64_t bit(std::size_t i) const { return (v_[i / 64] >> (i % 64)) & 1; }

  Scalar operator+(const Scalar& o) const;
  Scalar operator-(const Scalar& o) const;
  Scalar operator-() const;
  Scalar operator*(const Scalar& o) const;
  Scalar& operator+=(const Scalar& o) { return *this = *this + o; }
  Scalar& operator-=(const Scalar& o) { return *this = *this - o; }
  Scalar& operator*=(const Scalar& o) { return *this = *this * o; }
  // Inverse by Fermat; 0 maps to 0.
  Scalar inverse() const;

  bool is_zero() const;
  bool operator==(const Scalar& o) const;
  static Scalar select(std::uint64_t mask, const Scalar& a, const Scalar& b);

  // Overwrites the value with zeros in a way the compiler keeps.
  void wipe();

 private:
  Limbs v_{};
};

}  // namespace xtt::pairing
