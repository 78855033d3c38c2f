#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace xtt::ct {

// Constant-time helpers: the running time depends on lengths only, never on
// the contents. Masks are all-ones (true) or all-zeros (false).

// Equal contents; the lengths are public and a mismatch returns false at once.
bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

// All bytes zero.
bool is_zero(std::span<const std::uint8_t> a);

// Hides a value from the optimiser so mask arithmetic is not turned back into
// branches (the "value barrier" of BoringSSL and blst).
inline std::uint64_t barrier(std::uint64_t v) {
  __asm__("" : "+r"(v));
  return v;
}

// All ones if v == 0.
inline std::uint64_t mask_is_zero(std::uint64_t v) {
  v = barrier(v);
  return static_cast<std::uint64_t>(0) - ((~v & (v - 1)) >> 63);
}
// All ones if bit is 1 (bit must be 0 or 1).
inline std::uint64_t mask_from_bit(std::uint64_t bit) {
  return static_cast<std::uint64_t>(0) - barrier(bit);
}
// mask ? a : b
inline std::uint64_t select(std::uint64_t mask, std::uint64_t a, std::uint64_t b) {
  return (a & mask) | (b & ~mask);
}
// All ones if a == b.
inline std::uint64_t mask_eq(std::uint64_t a, std::uint64_t b) { return mask_is_zero(a ^ b); }

// dst = mask ? src : dst, word by word.
inline void cmov(std::span<std::uint64_t> dst, std::span<const std::uint64_t> src,
                 std::uint64_t mask) {
  for (std::size_t i = 0; i < dst.size(); ++i) {
    dst[i] = select(mask, src[i], dst[i]);
  }
}

}  // namespace xtt::ct
