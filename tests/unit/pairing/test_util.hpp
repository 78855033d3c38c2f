#pragma once

#include <array>
#include <cstdint>
#include <random>

#include "pairing/fp.hpp"
#include "pairing/fp2.hpp"
#include "pairing/scalar.hpp"

namespace xtt::pairing::test {

// Deterministic randomness for property tests (seeded per test).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  std::array<std::uint8_t, 64> bytes64() {
    std::array<std::uint8_t, 64> out{};
    for (auto& b : out) {
      b = static_cast<std::uint8_t>(gen_());
    }
    return out;
  }
  Fp fp() { return Fp::from_bytes_reduce(bytes64()); }
  Fp2 fp2() { return Fp2{fp(), fp()}; }
  Scalar scalar() { return Scalar::from_bytes_reduce(bytes64()); }

 private:
  std::mt19937_64 gen_;
};

// n - 1, the largest scalar.
inline Scalar scalar_n_minus_1() { return -Scalar::one(); }

// Textbook left-to-right double-and-add: the reference for every faster mul.
template <typename Point>
Point reference_mul(const Point& p, const Scalar& k) {
  Point acc = Point::identity();
  for (std::size_t i = 256; i-- > 0;) {
    acc = acc.dbl();
    if (k.bit(i) != 0) {
      acc = acc + p;
    }
  }
  return acc;
}

}  // namespace xtt::pairing::test
