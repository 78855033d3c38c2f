#include "pairing/fp.hpp"

#include <gtest/gtest.h>

#include "pairing/fp2.hpp"
#include "pairing/scalar.hpp"
#include "test_support.hpp"
#include "test_util.hpp"

namespace xtt::pairing {
namespace {

using xtt::test::unhex;

Fp fp_hex(std::string_view hex) { return Fp::from_bytes(unhex(hex)).value(); }
std::array<std::uint8_t, 32> arr(std::string_view hex) {
  std::array<std::uint8_t, 32> out{};
  const Bytes b = unhex(hex);
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

constexpr std::string_view kA = "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef";
constexpr std::string_view kB = "fedcba0987654321fedcba0987654321fedcba0987654321fedcba0987654321";
constexpr std::string_view kPHex =
    "fffffffffffcf0cd46e5f25eee71a49f0cdc65fb12980a82d3292ddbaed33013";
constexpr std::string_view kNHex =
    "fffffffffffcf0cd46e5f25eee71a49e0cdc65fb1299921af62d536cd10b500d";

TEST(Fp, KnownAnswers) {
  const Fp a = fp_hex(kA);
  const Fp b = fp_hex(kB);
  EXPECT_EQ((a * b).to_bytes(),
            arr("8c91e2ae5c6179829c3d48a65f17665d1714f1ca8eb254c73cc238a40da69113"));
  EXPECT_EQ((a + b).to_bytes(),
            arr("1111108218142043ca2b1e23299f6c720434aa870579068e3de7e2a6693de0fd"));
  EXPECT_EQ(a.inverse().to_bytes(),
            arr("537d79170edfc730a289193490d131fe74315062437dcb84d4c454a89715ed95"));
  const Bytes ff(64, 0xff);
  EXPECT_EQ(Fp::from_bytes_reduce(ff).to_bytes(),
            arr("4de578ea0e56a0054f325fc732bf3141db90d49cd7f91154fac8c6101092b98e"));
  EXPECT_TRUE(Fp::from_bytes_reduce(unhex(kPHex)).is_zero());
  EXPECT_EQ(Fp::from_u64(7).to_bytes()[31], 7);
}

TEST(Fp, DecodeRejectsNonCanonical) {
  EXPECT_EQ(Fp::from_bytes(unhex(kPHex)).error().code, ErrorCode::kBadEncoding);
  EXPECT_EQ(Fp::from_bytes(Bytes(32, 0xff)).error().code, ErrorCode::kBadEncoding);
  EXPECT_EQ(Fp::from_bytes(Bytes(31, 0)).error().code, ErrorCode::kBadEncoding);
  EXPECT_EQ(Fp::from_bytes(Bytes(33, 0)).error().code, ErrorCode::kBadEncoding);
  Bytes p_minus_1 = unhex(kPHex);
  p_minus_1[31] -= 1;
  const Fp m = Fp::from_bytes(p_minus_1).value();
  EXPECT_EQ(m + Fp::one(), Fp::zero());
  const auto m_bytes = m.to_bytes();
  EXPECT_EQ(Bytes(m_bytes.begin(), m_bytes.end()), p_minus_1);
}

TEST(Fp, FieldAxioms) {
  test::Rng rng(1);
  for (int i = 0; i < 200; ++i) {
    const Fp a = rng.fp();
    const Fp b = rng.fp();
    const Fp c = rng.fp();
    EXPECT_EQ(a + b, b + a);
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a - b + b, a);
    EXPECT_EQ(a + (-a), Fp::zero());
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a.dbl(), a + a);
    EXPECT_EQ(a.half().dbl(), a);
    EXPECT_EQ(a * Fp::one(), a);
    const Fp back = Fp::from_bytes(a.to_bytes()).value();
    EXPECT_EQ(back, a);
  }
}

TEST(Fp, InverseAndRoots) {
  test::Rng rng(2);
  EXPECT_TRUE(Fp::zero().inverse().is_zero());
  EXPECT_TRUE(Fp::zero().inverse_vartime().is_zero());
  EXPECT_EQ(Fp::one().inverse(), Fp::one());
  EXPECT_EQ((-Fp::one()).legendre(), -1);  // p = 3 mod 4
  EXPECT_EQ(Fp::zero().legendre(), 0);
  int squares = 0;
  for (int i = 0; i < 100; ++i) {
    const Fp a = rng.fp();
    EXPECT_EQ(a * a.inverse(), Fp::one());
    EXPECT_EQ(a.inverse_vartime(), a.inverse());
    Fp r;
    ASSERT_TRUE(a.square().sqrt(r));
    EXPECT_TRUE(r == a || r == -a);
    EXPECT_EQ(a.square().legendre(), 1);
    const bool sq = a.sqrt(r);
    EXPECT_EQ(sq, a.is_square());
    EXPECT_EQ(sq, !(-a).is_square());
    squares += sq ? 1 : 0;
  }
  EXPECT_GT(squares, 30);
  EXPECT_LT(squares, 70);
}

// The assembly paths (x86-64) against the portable C++ on random and edge
// operands, for both moduli.
TEST(Fp, BackendsAgree) {
  test::Rng rng(5);
  std::vector<Limbs> values = {Limbs{0, 0, 0, 0}, Limbs{1, 0, 0, 0}, kP, kN};
  values[2][0] -= 1;  // p - 1
  values[3][0] -= 1;  // n - 1
  for (int i = 0; i < 300; ++i) {
    values.push_back(rng.fp().mont());
  }
  const bool saved = detail::g_mont_use_adx;
  for (std::size_t i = 0; i + 1 < values.size(); ++i) {
    const Limbs& a = values[i];
    const Limbs& b = values[i + 1];
    Limbs want;
    Limbs got;
    detail::mont_mul(want, a, b, kP, kPInv);
    for (bool adx : {false, true}) {
      detail::g_mont_use_adx = adx && saved;
      detail::mont_mul_fixed<kP, kPInv>(got, a, b);
      EXPECT_EQ(got, want);
    }
    detail::mod_add_portable(want, a, b, kP);
    detail::mod_add(got, a, b, kP);
    EXPECT_EQ(got, want);
    detail::mod_sub_portable(want, a, b, kP);
    detail::mod_sub(got, a, b, kP);
    EXPECT_EQ(got, want);
    // Scalars use the same code with n.
    const Limbs an = Scalar::from_bytes_reduce(Fp::from_mont(a).to_bytes()).limbs();
    const Limbs bn = Scalar::from_bytes_reduce(Fp::from_mont(b).to_bytes()).limbs();
    detail::mont_mul(want, an, bn, kN, kNInv);
    for (bool adx : {false, true}) {
      detail::g_mont_use_adx = adx && saved;
      detail::mont_mul_fixed<kN, kNInv>(got, an, bn);
      EXPECT_EQ(got, want);
    }
  }
  detail::g_mont_use_adx = saved;
}

TEST(Fp, SelectAndMasks) {
  const Fp a = Fp::from_u64(5);
  const Fp b = Fp::from_u64(9);
  EXPECT_EQ(Fp::select(~std::uint64_t{0}, a, b), a);
  EXPECT_EQ(Fp::select(0, a, b), b);
  Fp c = a;
  c.cmov(b, 0);
  EXPECT_EQ(c, a);
  c.cmov(b, ~std::uint64_t{0});
  EXPECT_EQ(c, b);
  EXPECT_EQ(a.eq_mask(a), ~std::uint64_t{0});
  EXPECT_EQ(a.eq_mask(b), 0u);
  EXPECT_TRUE(Fp::from_u64(3).is_odd());
  EXPECT_FALSE(Fp::from_u64(4).is_odd());
}

TEST(Fp2, AxiomsInverseSqrt) {
  test::Rng rng(3);
  const Fp2 i{Fp::zero(), Fp::one()};
  EXPECT_EQ(i * i, -Fp2::one());
  const Fp2 xi{Fp::one(), Fp::one()};
  int squares = 0;
  for (int k = 0; k < 100; ++k) {
    const Fp2 a = rng.fp2();
    const Fp2 b = rng.fp2();
    const Fp2 c = rng.fp2();
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a.mul_by_xi(), a * xi);
    EXPECT_EQ(a * a.inverse(), Fp2::one());
    EXPECT_EQ(a.inverse_vartime(), a.inverse());
    EXPECT_EQ((a * b).conj(), a.conj() * b.conj());
    Fp2 r;
    ASSERT_TRUE(a.square().sqrt(r));
    EXPECT_TRUE(r == a || r == -a);
    const bool sq = a.sqrt(r);
    EXPECT_EQ(sq, a.is_square());
    if (sq) {
      EXPECT_EQ(r.square(), a);
    }
    squares += sq ? 1 : 0;
  }
  EXPECT_GT(squares, 30);
  EXPECT_LT(squares, 70);
  // The degenerate branches: purely real and purely imaginary roots.
  Fp2 r;
  const Fp2 minus_four{-Fp::from_u64(4), Fp::zero()};
  ASSERT_TRUE(minus_four.sqrt(r));
  EXPECT_EQ(r.square(), minus_four);
  const Fp2 nine{Fp::from_u64(9), Fp::zero()};
  ASSERT_TRUE(nine.sqrt(r));
  EXPECT_EQ(r.square(), nine);
  EXPECT_FALSE(xi.is_square());  // xi must be a non-residue for the tower
  EXPECT_FALSE(xi.sqrt(r));
}

TEST(Scalar, KnownAnswersAndRange) {
  const Scalar a = Scalar::from_bytes(unhex(kA)).value();
  const Scalar b = Scalar::from_bytes(unhex(kB)).value();
  EXPECT_EQ((a * b).to_bytes(),
            arr("85ad219bb72e971b5cdeeb98d24fe43ec96595827d1f313c8e0f431b7ac1330b"));
  EXPECT_EQ(Scalar::from_bytes_reduce(Bytes(64, 0xff)).to_bytes(),
            arr("2bfc4998fb8f407a117fd17ceb526be7bd789efd26123232af948aa38f4c4807"));
  EXPECT_EQ(Scalar::from_bytes(unhex(kNHex)).error().code, ErrorCode::kBadScalar);
  EXPECT_EQ(Scalar::from_bytes(Bytes(32, 0xff)).error().code, ErrorCode::kBadScalar);
  EXPECT_EQ(Scalar::from_bytes(Bytes(31, 0)).error().code, ErrorCode::kBadLength);
  EXPECT_TRUE(Scalar::from_bytes_reduce(unhex(kNHex)).is_zero());
  Bytes n_minus_1 = unhex(kNHex);
  n_minus_1[31] -= 1;
  const Scalar m = Scalar::from_bytes(n_minus_1).value();
  EXPECT_EQ(m, test::scalar_n_minus_1());
  EXPECT_TRUE((m + Scalar::one()).is_zero());
  EXPECT_EQ(m * m, Scalar::one());
  const auto bytes = m.to_bytes();
  EXPECT_EQ(Bytes(bytes.begin(), bytes.end()), n_minus_1);
  // Short inputs to from_bytes_reduce are big-endian integers.
  const std::array<std::uint8_t, 2> two_bytes = {0x01, 0x02};
  EXPECT_EQ(Scalar::from_bytes_reduce(two_bytes), Scalar::from_u64(0x0102));
}

TEST(Scalar, RingAxioms) {
  test::Rng rng(4);
  for (int i = 0; i < 100; ++i) {
    const Scalar a = rng.scalar();
    const Scalar b = rng.scalar();
    const Scalar c = rng.scalar();
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ((a - b) + b, a);
    EXPECT_TRUE((a + (-a)).is_zero());
    EXPECT_EQ(a * a.inverse(), Scalar::one());
    EXPECT_EQ(Scalar::select(~std::uint64_t{0}, a, b), a);
    EXPECT_EQ(Scalar::select(0, a, b), b);
  }
  Scalar w = rng.scalar();
  w.wipe();
  EXPECT_TRUE(w.is_zero());
}

TEST(Uint256, Compare) {
  const Uint256 n = Uint256::from_bytes(unhex(kNHex)).value();
  const Uint256 p = Uint256::from_bytes(unhex(kPHex)).value();
  EXPECT_TRUE(n < p);
  EXPECT_FALSE(p < n);
  EXPECT_FALSE(n < n);
  EXPECT_TRUE(n == n);
  EXPECT_EQ(n.bit_length_vartime(), 256u);
  EXPECT_EQ(Uint256().bit_length_vartime(), 0u);
  EXPECT_EQ(Uint256::from_bytes(Bytes(3, 0)).error().code, ErrorCode::kBadLength);
}

}  // namespace
}  // namespace xtt::pairing
