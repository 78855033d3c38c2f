#include "pairing/pairing.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"
#include "vectors.hpp"

namespace xtt::pairing {
namespace {

G1 g1_at(const Bytes& b, std::size_t off) {
  return G1::decode(ByteSpan(b).subspan(off, 65)).value();
}
G2 g2_at(const Bytes& b, std::size_t off) {
  return G2::decode(ByteSpan(b).subspan(off, 129)).value();
}

// e(a, b) == e(c, d), checked as e(a, b) e(-c, d) == 1.
bool equation_holds(const G1& a, const G2& b, const G1& c, const G2& d) {
  const std::array<PairingTerm, 2> terms = {PairingTerm{a, b}, PairingTerm{-c, d}};
  return multi_pairing(terms).is_one();
}

TEST(Pairing, NonDegenerateOfOrderN) {
  const Gt e = pairing(G1::generator(), G2::generator());
  EXPECT_FALSE(e.is_one());
  // e^n = e^(n-1) * e = 1.
  EXPECT_TRUE((e.pow_vartime(test::scalar_n_minus_1()) * e).is_one());
  EXPECT_EQ(e.pow_vartime(test::scalar_n_minus_1()), e.inverse());
}

TEST(Pairing, Identities) {
  EXPECT_TRUE(pairing(G1::identity(), G2::generator()).is_one());
  EXPECT_TRUE(pairing(G1::generator(), G2::identity()).is_one());
  EXPECT_TRUE(multi_pairing({}).is_one());
  const Gt e = pairing(G1::generator(), G2::generator());
  EXPECT_EQ(pairing(-G1::generator(), G2::generator()), e.inverse());
  EXPECT_EQ(pairing(G1::generator(), -G2::generator()), e.inverse());
}

TEST(Pairing, Bilinear) {
  test::Rng rng(40);
  const G1 p = G1::generator();
  const G2 q = G2::generator();
  const Gt e = pairing(p, q);
  for (int i = 0; i < 3; ++i) {
    const Scalar a = rng.scalar();
    const Scalar b = rng.scalar();
    const Gt lhs = pairing(p.mul(a), q.mul(b));
    EXPECT_EQ(lhs, e.pow_vartime(a * b));
    EXPECT_EQ(lhs, pairing(p.mul(a * b), q));
    EXPECT_EQ(lhs, pairing(p, q.mul(a * b)));
    EXPECT_NE(lhs, pairing(p.mul(a), q.mul(b + Scalar::one())));
  }
  // Additivity in each argument with unrelated points.
  const G1 p1 = p.mul(rng.scalar());
  const G1 p2 = p.mul(rng.scalar());
  const G2 q1 = q.mul(rng.scalar());
  const G2 q2 = q.mul(rng.scalar());
  EXPECT_EQ(pairing(p1 + p2, q1), pairing(p1, q1) * pairing(p2, q1));
  EXPECT_EQ(pairing(p1, q1 + q2), pairing(p1, q1) * pairing(p1, q2));
}

TEST(Pairing, MultiAndPreparedAgree) {
  test::Rng rng(41);
  std::vector<PairingTerm> terms;
  Gt product;
  for (int i = 0; i < 3; ++i) {
    terms.push_back({G1::generator().mul(rng.scalar()), G2::generator().mul(rng.scalar())});
    product *= pairing(terms.back().p, terms.back().q);
  }
  terms.push_back({G1::identity(), G2::generator()});
  EXPECT_EQ(multi_pairing(terms), product);
  std::vector<G2Prepared> prepared;
  for (const auto& t : terms) {
    prepared.emplace_back(t.q);
  }
  std::vector<PreparedTerm> refs;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    refs.push_back({terms[i].p, &prepared[i]});
  }
  EXPECT_EQ(multi_pairing_prepared(refs), product);
  EXPECT_EQ(multi_pairing_prepared(std::span(refs).first(1)), pairing(terms[0].p, terms[0].q));
  // The same prepared point serves many G1 points.
  const G2Prepared p2(G2::generator());
  const G1 a = G1::generator().mul(rng.scalar());
  const std::array<PreparedTerm, 1> one = {PreparedTerm{a, &p2}};
  EXPECT_EQ(multi_pairing_prepared(one), pairing(a, G2::generator()));
  EXPECT_TRUE(G2Prepared().is_identity());
  EXPECT_TRUE(G2Prepared(G2::identity()).is_identity());
}

TEST(Pairing, EcdaaVectorEquations) {
  const auto sets = test::load_ecdaa_keys();
  ASSERT_EQ(sets.size(), 2u);
  const G2 p2 = G2::generator();
  for (const auto& k : sets) {
    const G2 x = g2_at(k.group_public, 0);
    const G2 y = g2_at(k.group_public, 129);
    // Credential: e(A, Y) = e(B, P2) and e(C, P2) = e(A + D, X).
    const G1 a = g1_at(k.credential, 0);
    const G1 b = g1_at(k.credential, 65);
    const G1 c = g1_at(k.credential, 130);
    const G1 d = g1_at(k.credential, 195);
    EXPECT_TRUE(equation_holds(a, y, b, p2));
    EXPECT_TRUE(equation_holds(c, p2, a + d, x));
    EXPECT_FALSE(equation_holds(a, x, b, p2));
    EXPECT_FALSE(equation_holds(c, p2, a, x));
    ASSERT_FALSE(k.valid_signatures.empty());
    for (const Bytes& sig : k.valid_signatures) {
      // Signature: e(R, Y) = e(S, P2) and e(T, P2) = e(R + W, X).
      const G1 r = g1_at(sig, 64);
      const G1 s = g1_at(sig, 129);
      const G1 t = g1_at(sig, 194);
      const G1 w = g1_at(sig, 259);
      EXPECT_TRUE(equation_holds(r, y, s, p2));
      EXPECT_TRUE(equation_holds(t, p2, r + w, x));
      EXPECT_FALSE(equation_holds(t, p2, r, x));
    }
  }
}

}  // namespace
}  // namespace xtt::pairing
