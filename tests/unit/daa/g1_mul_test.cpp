#include "daa/g1_mul.hpp"

#include <gtest/gtest.h>

#include "daa_test_util.hpp"
#include "test_support.hpp"

namespace xtt::daa {
namespace {

Scalar from_hex(std::string_view h) { return Scalar::from_bytes(xtt::test::unhex(h)).value(); }

Scalar signed_part(const std::array<std::uint64_t, 3>& mag, std::uint64_t negative) {
  EXPECT_LE(mag[2], 1u);  // below 2^129
  const Scalar s = Scalar::from_limbs({mag[0], mag[1], mag[2], 0});
  return negative != 0 ? -s : s;
}

std::vector<Scalar> edge_scalars() {
  const Scalar n_minus_1 =
      from_hex("fffffffffffcf0cd46e5f25eee71a49e0cdc65fb1299921af62d536cd10b500c");
  const Scalar lambda = detail::glv_lambda();
  return {Scalar::zero(),
          Scalar::one(),
          Scalar::from_u64(2),
          Scalar::from_u64(15),
          Scalar::from_u64(16),
          n_minus_1,
          n_minus_1 - Scalar::one(),
          lambda,
          -lambda,
          lambda + Scalar::one(),
          from_hex("7ffffffffffe7866a372f92f7738d24f066e32fd894cc90d7b16a9b66885a806"),
          from_hex("0000000000000000000000000000000100000000000000000000000000000000"),
          from_hex("0000000000000000000000000000000200000000000000000000000000000000"),
          from_hex("8000000000000000000000000000000000000000000000000000000000000000"),
          from_hex("00000000000000000000000000000000ffffffffffffffffffffffffffffffff")};
}

TEST(DaaG1Mul, LambdaIsTheEndomorphismEigenvalue) {
  const G1 g = G1::generator();
  EXPECT_EQ(g.endomorphism(), g.mul(detail::glv_lambda()));
  const Scalar l = detail::glv_lambda();
  EXPECT_TRUE((l * l + l + Scalar::one()).is_zero());
}

TEST(DaaG1Mul, SplitRecombinesWithSmallParts) {
  const Scalar lambda = detail::glv_lambda();
  std::vector<Scalar> ks = edge_scalars();
  test::CounterRandom rng(31);
  for (int i = 0; i < 2000; ++i) {
    ks.push_back(random_scalar(rng).value());
  }
  for (const Scalar& k : ks) {
    const detail::GlvSplit s = detail::glv_split(k);
    const Scalar k1 = signed_part(s.k1, s.k1_negative);
    const Scalar k2 = signed_part(s.k2, s.k2_negative);
    EXPECT_EQ(k1 + k2 * lambda, k);
  }
}

TEST(DaaG1Mul, MatchesTheGenericMultiplication) {
  test::CounterRandom rng(32);
  const G1 p = G1::generator().mul(random_scalar(rng).value());
  for (const Scalar& k : edge_scalars()) {
    EXPECT_EQ(mul_secret(p, k), p.mul(k));
    EXPECT_EQ(mul_secret(G1::generator(), k), G1::generator().mul(k));
  }
  for (int i = 0; i < 50; ++i) {
    const Scalar k = random_scalar(rng).value();
    const G1 q = G1::generator().mul(random_scalar(rng).value());
    EXPECT_EQ(mul_secret(q, k), q.mul_vartime(k));
  }
  EXPECT_TRUE(mul_secret(G1::identity(), Scalar::from_u64(7)).is_identity());
  EXPECT_TRUE(mul_secret(p, Scalar::zero()).is_identity());
}

}  // namespace
}  // namespace xtt::daa
