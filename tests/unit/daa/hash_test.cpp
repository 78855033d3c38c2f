#include "daa/hash.hpp"

#include <gtest/gtest.h>

#include "daa/member.hpp"
#include "daa_test_util.hpp"
#include "test_support.hpp"

namespace xtt::daa {
namespace {

using xtt::test::unhex;

json::Value set1() {
  return xtt::test::load_json(xtt::test::vectors_dir() / "ecdaa" / "ecdaa_FP256BN_set1.json");
}

TEST(DaaHash, RandomScalarBitOrder) {
  std::array<std::uint8_t, kRandomDrawSize> draw{};
  // Bit 0 of byte 0 is the first bit shifted in: it ends up as 2^511.
  draw[0] = 0x01;
  std::array<std::uint8_t, 64> wide{};
  wide[0] = 0x80;
  EXPECT_EQ(scalar_from_draw(draw), Scalar::from_bytes_reduce(wide));
  // Bit 7 of byte 63 is the last bit shifted in: 2^0.
  draw.fill(0);
  draw[63] = 0x80;
  EXPECT_EQ(scalar_from_draw(draw), Scalar::one());
  // 0x02 in byte 63 is bit 6 of the last byte: 2^1.
  draw[63] = 0x40;
  EXPECT_EQ(scalar_from_draw(draw), Scalar::from_u64(2));
  // Byte 64 is ignored.
  draw[64] = 0xff;
  EXPECT_EQ(scalar_from_draw(draw), Scalar::from_u64(2));
  // A byte reads reversed: 0x0f in byte 62 is bits 8..11 of the top: 0xf000.
  draw.fill(0);
  draw[62] = 0x0f;
  EXPECT_EQ(scalar_from_draw(draw), Scalar::from_u64(0xf000));
}

TEST(DaaHash, RandomScalarMatchesRecordedMemberKey) {
  const json::Value root = set1();
  const auto& draws = *root.array("random_draws").value();
  // Draw 5 is the first member_keypair draw: the member secret key.
  ASSERT_EQ(draws[5].str("phase").value(), "member_keypair");
  const Bytes draw = draws[5].hex("hex").value();
  ASSERT_EQ(draw.size(), kRandomDrawSize);
  const Bytes msk = root.at("keys").value()->hex("member_secret_key").value();
  const ScalarBytes sk =
      scalar_from_draw(std::span<const std::uint8_t, kRandomDrawSize>(draw.data(), 65)).to_bytes();
  EXPECT_EQ(Bytes(sk.begin(), sk.end()), msk);
  test::CounterRandom rng(3);
  EXPECT_TRUE(random_scalar(rng).has_value());
  ReplayRandom short_draw({Bytes(64)});
  EXPECT_FALSE(random_scalar(short_draw).has_value());
}

TEST(DaaHash, HashToScalarIsSha256ModN) {
  // SHA-256("") is below n, so Hn("") is the digest itself.
  const ScalarBytes empty = hash_to_scalar({}).to_bytes();
  EXPECT_EQ(Bytes(empty.begin(), empty.end()),
            unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  const Bytes abc = {'a', 'b', 'c'};
  const Bytes a = {'a'};
  const Bytes bc = {'b', 'c'};
  EXPECT_EQ(hash_to_scalar({abc}), hash_to_scalar({a, bc}));
}

// K = sk * HG1(bsn) for each basename in the vectors: "basename-1" needs
// counter 4 (so the counter must be le32) and "xtt-shared-basename" counter 0.
TEST(DaaHash, HashToG1MatchesVectorPseudonyms) {
  const json::Value root = set1();
  const MemberSecretKey msk =
      MemberSecretKey::decode(root.at("keys").value()->hex("member_secret_key").value()).value();
  int checked = 0;
  for (const json::Value& c : *root.array("signatures").value()) {
    if (c.str("case").value() != "valid" || c.find("basename")->is_null()) {
      continue;
    }
    const Bytes bsn = c.hex("basename").value();
    const Bytes sig = c.hex("signature").value();
    const Result<G1> p = hash_to_g1(bsn);
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->is_on_curve());
    EXPECT_FALSE(p->to_affine().y.is_odd());  // the even root
    const G1Bytes k = p->mul(msk.scalar()).encode();
    EXPECT_EQ(Bytes(k.begin(), k.end()), Bytes(sig.begin() + 356, sig.end()));
    ++checked;
  }
  EXPECT_EQ(checked, 8);
}

TEST(DaaHash, HashToG1IsDeterministicAndSeparatesBasenames) {
  const Bytes b1 = {'a'};
  const Bytes b2 = {'b'};
  EXPECT_EQ(hash_to_g1(b1).value(), hash_to_g1(b1).value());
  EXPECT_FALSE(hash_to_g1(b1).value() == hash_to_g1(b2).value());
  // The empty basename hashes too (callers treat empty as "no basename").
  EXPECT_TRUE(hash_to_g1({}).has_value());
}

TEST(DaaHash, PublicEncodingsMatchConstantTimeOnes) {
  test::CounterRandom rng(4);
  for (int i = 0; i < 4; ++i) {
    const Scalar k = random_scalar(rng).value();
    const G1 p = G1::generator().mul(k);
    const G2 q = G2::generator().mul(k);
    EXPECT_EQ(encode_public(p), p.encode());
    EXPECT_EQ(encode_public(q), q.encode());
  }
  EXPECT_EQ(encode_public(G1::identity()), G1::identity().encode());
  EXPECT_EQ(encode_public(G2::identity()), G2::identity().encode());
  EXPECT_EQ(encoded_p1(), G1::generator().encode());
  EXPECT_EQ(encoded_p2(), G2::generator().encode());
}

}  // namespace
}  // namespace xtt::daa
