#include "pairing/g1.hpp"

#include <gtest/gtest.h>

#include "pairing/curve_impl.hpp"
#include "pairing/params.hpp"
#include "test_util.hpp"
#include "vectors.hpp"

namespace xtt::pairing {
namespace {

ByteSpan slice(const Bytes& b, std::size_t off, std::size_t len) {
  return ByteSpan(b).subspan(off, len);
}

TEST(G1, GeneratorAndOrder) {
  const G1 g = G1::generator();
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_FALSE(g.is_identity());
  const G1Affine a = g.to_affine();
  EXPECT_EQ(a.x, Fp::one());
  EXPECT_EQ(a.y, Fp::from_u64(2));
  // n * P1 = (n - 1) * P1 + P1 = infinity, by each multiplication.
  const Scalar m = test::scalar_n_minus_1();
  EXPECT_EQ(g.mul(m), -g);
  EXPECT_EQ(g.mul_vartime(m), -g);
  EXPECT_TRUE((g.mul(m) + g).is_identity());
  EXPECT_TRUE((test::reference_mul(g, m) + g).is_identity());
  EXPECT_TRUE(G1::identity().is_on_curve());
  EXPECT_TRUE(G1::identity().to_affine().infinity);
}

TEST(G1, GroupLaw) {
  test::Rng rng(10);
  const G1 g = G1::generator();
  const G1 p = g.mul(rng.scalar());
  const G1 q = g.mul(rng.scalar());
  const G1 r = g.mul(rng.scalar());
  EXPECT_EQ(p + q, q + p);
  EXPECT_EQ((p + q) + r, p + (q + r));
  EXPECT_EQ(p + p, p.dbl());
  EXPECT_EQ(p + G1::identity(), p);
  EXPECT_EQ(G1::identity() + p, p);
  EXPECT_TRUE((p - p).is_identity());
  EXPECT_TRUE(G1::identity().dbl().is_identity());
  EXPECT_TRUE((p + q).is_on_curve());
  EXPECT_FALSE(p == q);
  // Against the affine chord rule.
  const G1Affine pa = p.to_affine_vartime();
  const G1Affine qa = q.to_affine_vartime();
  const Fp lambda = (qa.y - pa.y) * (qa.x - pa.x).inverse();
  const Fp x3 = lambda.square() - pa.x - qa.x;
  const Fp y3 = lambda * (pa.x - x3) - pa.y;
  const G1Affine sum = (p + q).to_affine();
  EXPECT_EQ(sum.x, x3);
  EXPECT_EQ(sum.y, y3);
}

TEST(G1, MultiplicationsAgree) {
  test::Rng rng(11);
  const G1 g = G1::generator();
  std::vector<Scalar> ks = {Scalar::zero(),       Scalar::one(),        Scalar::from_u64(2),
                            Scalar::from_u64(15), Scalar::from_u64(16), test::scalar_n_minus_1()};
  // Scalars whose GLV parts are 0, 1, even, negative or at the bounds.
  const Scalar lambda = Scalar::from_bytes_reduce(
      xtt::test::unhex("027311c281242030ce379baf3be321c37067081e9398533016"));
  for (const Scalar& e :
       {lambda, -lambda, lambda + Scalar::one(), lambda + lambda, -Scalar::one() - lambda}) {
    ks.push_back(e);
  }
  std::array<std::uint8_t, 32> pow2{};
  pow2[15] = 1;  // 2^128
  ks.push_back(Scalar::from_bytes(pow2).value());
  pow2[15] = 2;  // 2^129
  ks.push_back(Scalar::from_bytes(pow2).value());
  for (int i = 0; i < 20; ++i) {
    ks.push_back(rng.scalar());
  }
  const G1 base = g.mul(rng.scalar());
  for (const Scalar& k : ks) {
    const G1 ref = test::reference_mul(base, k);
    EXPECT_EQ(base.mul(k), ref);
    EXPECT_EQ(base.mul_vartime(k), ref);
  }
  EXPECT_TRUE(base.mul(Scalar::zero()).is_identity());
  EXPECT_TRUE(base.mul_vartime(Scalar::zero()).is_identity());
  for (int i = 0; i < 10; ++i) {
    const Scalar a = rng.scalar();
    const Scalar b = rng.scalar();
    const G1 q = g.mul(rng.scalar());
    EXPECT_EQ(G1::mul2_vartime(a, base, b, q), base.mul(a) + q.mul(b));
  }
  EXPECT_EQ(G1::mul2_vartime(Scalar::one(), base, test::scalar_n_minus_1(), base), G1::identity());
}

TEST(G1, GlvDecomposition) {
  // phi(P) = lambda * P with lambda^2 + lambda + 1 = 0 mod n.
  const Scalar lambda = Scalar::from_bytes_reduce(
      xtt::test::unhex("027311c281242030ce379baf3be321c37067081e9398533016"));
  EXPECT_TRUE((lambda * lambda + lambda + Scalar::one()).is_zero());
  const G1 g = G1::generator();
  EXPECT_EQ(g.endomorphism(), g.mul_vartime(lambda));
  EXPECT_EQ(g.endomorphism(), test::reference_mul(g, lambda));
  test::Rng rng(12);
  std::vector<Scalar> ks = {Scalar::zero(), Scalar::one(), test::scalar_n_minus_1(), lambda};
  for (int i = 0; i < 200; ++i) {
    ks.push_back(rng.scalar());
  }
  for (const Scalar& k : ks) {
    std::array<detail::SignedLimbs, 2> parts;
    detail::decompose_vartime<2>(parts, k.limbs(), params::kGlvBasis, params::kGlvRound);
    Scalar sum;
    Scalar power = Scalar::one();
    for (const auto& part : parts) {
      EXPECT_EQ(part.mag[2] >> 1, 0u);  // at most 129 bits
      EXPECT_EQ(part.mag[3], 0u);
      const Scalar m = Scalar::from_limbs(part.mag);
      sum += (part.neg ? -m : m) * power;
      power *= lambda;
    }
    EXPECT_EQ(sum, k);
  }
}

TEST(G1, VectorPointsDecodeAndReencode) {
  const auto sets = test::load_ecdaa_keys();
  ASSERT_EQ(sets.size(), 2u);
  for (const auto& k : sets) {
    std::vector<ByteSpan> encodings;
    for (std::size_t i = 0; i < 4; ++i) {
      encodings.push_back(slice(k.credential, 65 * i, 65));
    }
    encodings.push_back(slice(k.member_public, 0, 65));
    for (const Bytes& sig : k.valid_signatures) {
      for (std::size_t off : {64u, 129u, 194u, 259u, 356u}) {
        encodings.push_back(slice(sig, off, 65));
      }
    }
    EXPECT_GE(encodings.size(), 15u);
    for (ByteSpan enc : encodings) {
      const auto p = G1::decode(enc);
      ASSERT_TRUE(p.has_value()) << p.error().to_string();
      const auto again = p->encode();
      EXPECT_TRUE(std::equal(again.begin(), again.end(), enc.begin(), enc.end()));
      // A flipped bit in x or y leaves the curve (or the field).
      for (std::size_t pos : {1u, 20u, 32u, 33u, 50u, 64u}) {
        Bytes bad(enc.begin(), enc.end());
        bad[pos] ^= 0x01;
        const auto r = G1::decode(bad);
        ASSERT_FALSE(r.has_value());
        EXPECT_TRUE(r.error().code == ErrorCode::kBadPoint ||
                    r.error().code == ErrorCode::kBadEncoding);
      }
    }
    // Q = sk * P1 and B = y * A, with the recorded secrets.
    const Scalar sk = Scalar::from_bytes(k.member_secret).value();
    const G1 q = G1::decode(slice(k.member_public, 0, 65)).value();
    EXPECT_EQ(G1::generator().mul(sk), q);
    EXPECT_EQ(G1::generator().mul_vartime(sk), q);
    const Scalar y = Scalar::from_bytes(slice(k.issuer_secret, 32, 32)).value();
    const G1 a = G1::decode(slice(k.credential, 0, 65)).value();
    const G1 b = G1::decode(slice(k.credential, 65, 65)).value();
    EXPECT_EQ(a.mul(y), b);
    const auto b_bytes = a.mul(y).encode();
    EXPECT_TRUE(std::equal(b_bytes.begin(), b_bytes.end(), k.credential.begin() + 65));
  }
}

TEST(G1, DecodeRejects) {
  const auto good = G1::generator().encode();
  EXPECT_EQ(G1::decode(ByteSpan(good).first(64)).error().code, ErrorCode::kBadEncoding);
  Bytes longer(good.begin(), good.end());
  longer.push_back(0);
  EXPECT_EQ(G1::decode(longer).error().code, ErrorCode::kBadEncoding);
  for (std::uint8_t prefix : {0x00, 0x02, 0x03, 0x05}) {
    Bytes bad(good.begin(), good.end());
    bad[0] = prefix;
    EXPECT_EQ(G1::decode(bad).error().code, ErrorCode::kBadEncoding);
  }
  // Infinity as zeros, and what encode() writes for it.
  Bytes zeros(65, 0);
  zeros[0] = 0x04;
  EXPECT_EQ(G1::decode(zeros).error().code, ErrorCode::kBadPoint);
  const auto inf = G1::identity().encode();
  EXPECT_TRUE(std::equal(inf.begin(), inf.end(), zeros.begin()));
  // x = p (non-canonical alias of 0) and y = p + 2 are rejected as encodings.
  Bytes big(good.begin(), good.end());
  const Bytes p =
      xtt::test::unhex("fffffffffffcf0cd46e5f25eee71a49f0cdc65fb12980a82d3292ddbaed33013");
  std::copy(p.begin(), p.end(), big.begin() + 1);
  EXPECT_EQ(G1::decode(big).error().code, ErrorCode::kBadEncoding);
  // Off the curve: (1, 3).
  Bytes off(good.begin(), good.end());
  off[64] = 3;
  EXPECT_EQ(G1::decode(off).error().code, ErrorCode::kBadPoint);
  EXPECT_EQ(G1::from_affine(Fp::one(), Fp::from_u64(3)).error().code, ErrorCode::kBadPoint);
}

}  // namespace
}  // namespace xtt::pairing
