#pragma once

// The field arithmetic used by Fp and Scalar: modular add/sub and the
// Montgomery multiplication for a modulus fixed at compile time, in x86-64
// assembly where available and in portable C++ (bigint.hpp) otherwise or with
// -DXTT_PAIRING_PORTABLE.

#include <cstdint>

#include "pairing/bigint.hpp"

#if defined(__x86_64__) && !defined(XTT_PAIRING_PORTABLE)
#include "pairing/arith_x86_64.hpp"
#else
namespace xtt::pairing::detail {

inline void mod_add(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& m) {
  mod_add_portable(r, a, b, m);
}
inline void mod_sub(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& m) {
  mod_sub_portable(r, a, b, m);
}

inline constexpr bool kMontAsm = false;
inline bool g_mont_use_adx = false;  // unused without the assembly
template <const Limbs& M, std::uint64_t Inv>
inline void mont_mul_fixed(Limbs& r, const Limbs& a, const Limbs& b) {
  mont_mul(r, a, b, M, Inv);
}
}  // namespace xtt::pairing::detail
#endif
