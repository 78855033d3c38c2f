#pragma once

#include <array>
#include <cstdint>

#include "daa/hash.hpp"

// Constant-time G1 scalar multiplication with the GLV endomorphism, for the
// secret scalars of signing and issuing (the pairing layer's G1::mul walks
// all 256 bits; this walks two halves of at most 129 bits at once, about 1.4x
// faster). Same results as G1::mul, bit for bit.
namespace xtt::daa {

// k * p, constant time in k and p.
G1 mul_secret(const G1& p, const Scalar& k);

namespace detail {

// k = k1 + k2 * lambda (mod n) with phi(P) = lambda * P, phi(x, y) =
// (beta x, y) as in G1::endomorphism(). Each part is a magnitude below 2^129
// and an all-ones mask when the part is negative. Constant time.
struct GlvSplit {
  std::array<std::uint64_t, 3> k1{};
  std::uint64_t k1_negative = 0;
  std::array<std::uint64_t, 3> k2{};
  std::uint64_t k2_negative = 0;
};
GlvSplit glv_split(const Scalar& k);

// The eigenvalue lambda of the endomorphism, for tests.
Scalar glv_lambda();

}  // namespace detail
}  // namespace xtt::daa
