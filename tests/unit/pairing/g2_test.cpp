#include "pairing/g2.hpp"

#include <gtest/gtest.h>

#include "pairing/curve_impl.hpp"
#include "pairing/params.hpp"
#include "test_util.hpp"
#include "vectors.hpp"

namespace xtt::pairing {
namespace {

// p mod n = 6u^2, the eigenvalue of psi on G2.
Scalar psi_eigenvalue() {
  return Scalar::from_bytes(xtt::test::unhex("00000000000000000000000000000000"
                                             "fffffffffffe7867dcfbda6eddc7e006"))
      .value();
}

// A point on the twist with a random x; almost surely outside G2 (the
// cofactor is about n).
G2 random_twist_point(test::Rng& rng) {
  for (;;) {
    const Fp2 x = rng.fp2();
    Fp2 y;
    if ((x.square() * x + params::kB2).sqrt(y)) {
      return G2::from_affine(x, y).value();
    }
  }
}

TEST(G2, GeneratorAndOrder) {
  const G2 g = G2::generator();
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_TRUE(g.is_in_group());
  const Scalar m = test::scalar_n_minus_1();
  EXPECT_EQ(g.mul(m), -g);
  EXPECT_EQ(g.mul_vartime(m), -g);
  EXPECT_TRUE((test::reference_mul(g, m) + g).is_identity());
  const auto enc = g.encode();
  const auto back = G2::decode(enc);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(*back, g);
}

TEST(G2, PsiIsMultiplicationByP) {
  const G2 g = G2::generator();
  const Scalar lambda = psi_eigenvalue();
  EXPECT_EQ(g.psi(), test::reference_mul(g, lambda));
  // psi^4 - psi^2 + 1 = 0 on G2 (lambda is a primitive 12th... 6th root).
  const G2 p2 = g.psi().psi();
  EXPECT_EQ(p2.psi().psi() - p2 + g, G2::identity());
}

TEST(G2, GroupLawAndMultiplications) {
  test::Rng rng(20);
  const G2 g = G2::generator();
  const G2 p = g.mul(rng.scalar());
  const G2 q = g.mul(rng.scalar());
  EXPECT_EQ(p + q, q + p);
  EXPECT_EQ(p + p, p.dbl());
  EXPECT_EQ(p + G2::identity(), p);
  EXPECT_TRUE((p - p).is_identity());
  const G2Affine pa = p.to_affine_vartime();
  const G2Affine qa = q.to_affine_vartime();
  const Fp2 lambda = (qa.y - pa.y) * (qa.x - pa.x).inverse();
  const Fp2 x3 = lambda.square() - pa.x - qa.x;
  const G2Affine sum = (p + q).to_affine();
  EXPECT_EQ(sum.x, x3);
  EXPECT_EQ(sum.y, lambda * (pa.x - x3) - pa.y);

  const Scalar mu = psi_eigenvalue();
  std::vector<Scalar> ks = {Scalar::zero(),
                            Scalar::one(),
                            Scalar::from_u64(17),
                            Scalar::from_u64(16),
                            test::scalar_n_minus_1(),
                            mu,
                            -mu,
                            mu * mu,
                            mu * mu * mu,
                            mu + mu};
  for (int i = 0; i < 10; ++i) {
    ks.push_back(rng.scalar());
  }
  for (const Scalar& k : ks) {
    const G2 ref = test::reference_mul(p, k);
    EXPECT_EQ(p.mul(k), ref);
    EXPECT_EQ(p.mul_vartime(k), ref);
  }
  for (int i = 0; i < 5; ++i) {
    const Scalar a = rng.scalar();
    const Scalar b = rng.scalar();
    EXPECT_EQ(G2::mul2_vartime(a, p, b, q), p.mul(a) + q.mul(b));
  }
}

TEST(G2, GlsDecomposition) {
  const Scalar lambda = psi_eigenvalue();
  test::Rng rng(21);
  std::vector<Scalar> ks = {Scalar::zero(), Scalar::one(), test::scalar_n_minus_1(), lambda};
  for (int i = 0; i < 200; ++i) {
    ks.push_back(rng.scalar());
  }
  for (const Scalar& k : ks) {
    std::array<detail::SignedLimbs, 4> parts;
    detail::decompose_vartime<4>(parts, k.limbs(), params::kGlsBasis, params::kGlsRound);
    Scalar sum;
    Scalar power = Scalar::one();
    for (const auto& part : parts) {
      EXPECT_LE(part.mag[1], 3u);  // at most 66 bits
      EXPECT_EQ(part.mag[2] | part.mag[3], 0u);
      const Scalar m = Scalar::from_limbs(part.mag);
      sum += (part.neg ? -m : m) * power;
      power *= lambda;
    }
    EXPECT_EQ(sum, k);
  }
}

TEST(G2, VectorKeysDecodeAndMatchSecrets) {
  const auto sets = test::load_ecdaa_keys();
  ASSERT_EQ(sets.size(), 2u);
  for (const auto& k : sets) {
    ASSERT_EQ(k.group_public.size(), 258u);
    const Scalar x = Scalar::from_bytes(ByteSpan(k.issuer_secret).first(32)).value();
    const Scalar y = Scalar::from_bytes(ByteSpan(k.issuer_secret).subspan(32, 32)).value();
    const std::array<Scalar, 2> secrets = {x, y};
    for (std::size_t i = 0; i < 2; ++i) {
      const ByteSpan enc = ByteSpan(k.group_public).subspan(129 * i, 129);
      const auto pt = G2::decode(enc);
      ASSERT_TRUE(pt.has_value()) << pt.error().to_string();
      const auto again = pt->encode();
      EXPECT_TRUE(std::equal(again.begin(), again.end(), enc.begin(), enc.end()));
      EXPECT_EQ(G2::generator().mul(secrets[i]), *pt);
      EXPECT_EQ(G2::generator().mul_vartime(secrets[i]), *pt);
      for (std::size_t pos : {1u, 33u, 64u, 65u, 100u, 128u}) {
        Bytes bad(enc.begin(), enc.end());
        bad[pos] ^= 0x01;
        const auto r = G2::decode(bad);
        ASSERT_FALSE(r.has_value());
        EXPECT_TRUE(r.error().code == ErrorCode::kBadPoint ||
                    r.error().code == ErrorCode::kBadEncoding);
      }
    }
  }
}

TEST(G2, RejectsTwistPointsOutsideTheGroup) {
  test::Rng rng(22);
  for (int i = 0; i < 4; ++i) {
    const G2 t = random_twist_point(rng);
    EXPECT_TRUE(t.is_on_curve());
    EXPECT_FALSE(t.is_in_group());
    // n * T != infinity, by the plain reference too.
    EXPECT_FALSE((test::reference_mul(t, test::scalar_n_minus_1()) + t).is_identity());
    const auto r = G2::decode(t.encode());
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kPointNotInGroup);
  }
}

// The fast membership test against the definition, n * Q = infinity.
TEST(G2, MembershipMatchesOrderCheck) {
  test::Rng rng(23);
  auto in_group_by_order = [](const G2& q) {
    return (test::reference_mul(q, test::scalar_n_minus_1()) + q).is_identity();
  };
  for (int i = 0; i < 3; ++i) {
    const G2 q = G2::generator().mul(rng.scalar());
    const G2 t = random_twist_point(rng);
    for (const G2& pt : {q, t, q + t, t.dbl(), t.psi()}) {
      EXPECT_EQ(pt.is_in_group(), in_group_by_order(pt));
    }
    EXPECT_TRUE(q.is_in_group());
    EXPECT_FALSE((q + t).is_in_group());
  }
  EXPECT_TRUE(G2::identity().is_in_group());
}

TEST(G2, DecodeRejects) {
  const auto good = G2::generator().encode();
  EXPECT_EQ(G2::decode(ByteSpan(good).first(128)).error().code, ErrorCode::kBadEncoding);
  Bytes bad(good.begin(), good.end());
  bad[0] = 0x02;
  EXPECT_EQ(G2::decode(bad).error().code, ErrorCode::kBadEncoding);
  Bytes zeros(129, 0);
  zeros[0] = 0x04;
  EXPECT_EQ(G2::decode(zeros).error().code, ErrorCode::kBadPoint);
  const auto inf = G2::identity().encode();
  EXPECT_TRUE(std::equal(inf.begin(), inf.end(), zeros.begin()));
  for (std::size_t coord = 0; coord < 4; ++coord) {
    Bytes big(good.begin(), good.end());
    std::fill(big.begin() + 1 + 32 * static_cast<std::ptrdiff_t>(coord),
              big.begin() + 33 + 32 * static_cast<std::ptrdiff_t>(coord), 0xff);
    EXPECT_EQ(G2::decode(big).error().code, ErrorCode::kBadEncoding);
  }
}

}  // namespace
}  // namespace xtt::pairing
