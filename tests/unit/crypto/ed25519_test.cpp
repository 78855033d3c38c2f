#include "crypto/ed25519.hpp"

#include <gtest/gtest.h>

#include "base/hex.hpp"
#include "crypto/random.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto::ed25519 {
namespace {

using test::ascii;
using test::fixed;
using xtt::test::unhex;

struct Rfc8032Case {
  const char* secret;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 §7.1, TEST 1, 2 and 3.
const Rfc8032Case kCases[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b"
     "4"
     "6bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11"
     "d"
     "8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc"
     "6"
     "594a7c15e9716ed28dc027beceea1ec40a"},
};

TEST(Ed25519, Rfc8032Vectors) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.public_key);
    auto pair = keypair(fixed<32>(unhex(c.secret)));
    ASSERT_TRUE(pair.has_value());
    EXPECT_EQ(to_hex(pair->public_key), c.public_key);
    const Bytes msg = unhex(c.message);
    auto sig = sign(pair->seed, msg);
    ASSERT_TRUE(sig.has_value());
    EXPECT_EQ(to_hex(*sig), c.signature);
    EXPECT_TRUE(verify(pair->public_key, msg, *sig).has_value());
  }
}

TEST(Ed25519, RoundTripAndTampering) {
  auto pair = generate(system_random());
  ASSERT_TRUE(pair.has_value());
  auto sig = sign(pair->seed, ascii("hello"));
  ASSERT_TRUE(sig.has_value());
  EXPECT_TRUE(verify(pair->public_key, ascii("hello"), *sig).has_value());
  for (std::size_t i : {0u, 31u, 32u, 63u}) {
    Signature bad = *sig;
    bad[i] ^= 0x04;
    auto st = verify(pair->public_key, ascii("hello"), bad);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kBadSignature);
  }
  EXPECT_FALSE(verify(pair->public_key, ascii("hellp"), *sig).has_value());
  Bytes short_sig(sig->begin(), sig->end() - 1);
  EXPECT_EQ(verify(pair->public_key, ascii("hello"), short_sig).error().code,
            ErrorCode::kBadSignature);
  PublicKey other = pair->public_key;
  other[0] ^= 1;
  EXPECT_FALSE(verify(other, ascii("hello"), *sig).has_value());
}

TEST(Ed25519, GenerateUsesOneDraw) {
  ReplayRandom rng({unhex(kCases[0].secret)});
  auto pair = generate(rng);
  ASSERT_TRUE(pair.has_value());
  EXPECT_TRUE(rng.exhausted());
  EXPECT_EQ(to_hex(pair->public_key), kCases[0].public_key);
}

}  // namespace
}  // namespace xtt::crypto::ed25519
