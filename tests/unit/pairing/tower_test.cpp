#include <gtest/gtest.h>

#include "pairing/fp12.hpp"
#include "pairing/fp6.hpp"
#include "pairing/pairing.hpp"
#include "test_util.hpp"

namespace xtt::pairing {
namespace {

Fp6 random_fp6(test::Rng& rng) { return Fp6{rng.fp2(), rng.fp2(), rng.fp2()}; }
Fp12 random_fp12(test::Rng& rng) { return Fp12{random_fp6(rng), random_fp6(rng)}; }

// f^((p^6 - 1)(p^2 + 1)): lands in the cyclotomic subgroup.
Fp12 easy_part(const Fp12& f) {
  const Fp12 t = f.conj() * f.inverse();
  return t.frobenius(2) * t;
}

TEST(Fp6, Axioms) {
  test::Rng rng(30);
  const Fp6 v{Fp2(), Fp2::one(), Fp2()};
  const Fp2 xi{Fp::one(), Fp::one()};
  EXPECT_EQ(v * v * v, (Fp6{xi, Fp2(), Fp2()}));
  for (int i = 0; i < 30; ++i) {
    const Fp6 a = random_fp6(rng);
    const Fp6 b = random_fp6(rng);
    const Fp6 c = random_fp6(rng);
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a.mul_by_v(), a * v);
    EXPECT_EQ(a * a.inverse(), Fp6::one());
    EXPECT_EQ(a.mul_by_01(b.c0, b.c1), a * (Fp6{b.c0, b.c1, Fp2()}));
    EXPECT_EQ(a.mul_by_1(b.c1), a * (Fp6{Fp2(), b.c1, Fp2()}));
  }
}

TEST(Fp12, Axioms) {
  test::Rng rng(31);
  const Fp12 w{Fp6(), Fp6::one()};
  const Fp6 v{Fp2(), Fp2::one(), Fp2()};
  EXPECT_EQ(w * w, (Fp12{v, Fp6()}));
  for (int i = 0; i < 20; ++i) {
    const Fp12 a = random_fp12(rng);
    const Fp12 b = random_fp12(rng);
    const Fp12 c = random_fp12(rng);
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a.square(), a * a);
    EXPECT_TRUE((a * a.inverse()).is_one());
    const Fp2 la = rng.fp2();
    const Fp2 lb = rng.fp2();
    const Fp2 lc = rng.fp2();
    const Fp12 line{Fp6{la, lb, Fp2()}, Fp6{Fp2(), lc, Fp2()}};
    EXPECT_EQ(a.mul_by_line(la, lb, lc), a * line);
  }
}

TEST(Fp12, FrobeniusIsPowerOfP) {
  test::Rng rng(32);
  const Limbs& p = kP;
  const std::array<std::uint64_t, 4> e1 = {p[0], p[1], p[2], p[3]};
  for (int i = 0; i < 3; ++i) {
    const Fp12 a = random_fp12(rng);
    EXPECT_EQ(a.frobenius(1), a.pow_vartime(e1));
    EXPECT_EQ(a.frobenius(2), a.frobenius(1).frobenius(1));
    EXPECT_EQ(a.frobenius(3), a.frobenius(2).frobenius(1));
    EXPECT_EQ(a.frobenius(2).frobenius(2).frobenius(2), a.conj());  // p^6
  }
}

TEST(Fp12, CyclotomicOperations) {
  test::Rng rng(33);
  for (int i = 0; i < 5; ++i) {
    const Fp12 c = easy_part(random_fp12(rng));
    EXPECT_EQ(c.cyclotomic_square(), c.square());
    EXPECT_TRUE((c * c.conj()).is_one());  // unitary
    const std::array<std::uint64_t, 1> u = {0x6882F5C030B0A801};
    EXPECT_EQ(c.cyclotomic_pow_u(), c.pow_vartime(u).conj());
  }
}

TEST(Pairing, FinalExponentiationMatchesNaive) {
  // (p^4 - p^2 + 1) / n, little-endian limbs.
  const std::array<std::uint64_t, 12> hard = {
      0x622df2891d2c770d, 0x9f4876e45c1e5904, 0x135a5781b32231a8, 0x9d796d1bfa6c2d59,
      0x93291fb9ab5232dc, 0x4578b6c95eceec5f, 0xdf8760f048e171c7, 0x97c0b4f730f50b57,
      0xe170f6890377a680, 0xc0a26366e007463a, 0xd4b1d738df9ae4ec, 0xfffffffffff6d267};
  test::Rng rng(34);
  for (int i = 0; i < 2; ++i) {
    const Fp12 f = random_fp12(rng);
    EXPECT_EQ(final_exponentiation(f).value(), easy_part(f).pow_vartime(hard));
  }
}

}  // namespace
}  // namespace xtt::pairing
