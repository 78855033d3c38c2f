#include "crypto/x25519.hpp"

#include <gtest/gtest.h>

#include "base/hex.hpp"
#include "crypto/random.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto::x25519 {
namespace {

using test::fixed;
using xtt::test::unhex;

Bytes b(std::span<const std::uint8_t, kKeySize> s) { return Bytes(s.begin(), s.end()); }

TEST(X25519, Rfc7748DiffieHellman) {
  // RFC 7748 §6.1.
  auto alice =
      keypair(fixed<32>(unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
  auto bob =
      keypair(fixed<32>(unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")));
  ASSERT_TRUE(alice.has_value() && bob.has_value());
  EXPECT_EQ(to_hex(alice->public_key),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  EXPECT_EQ(to_hex(bob->public_key),
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  auto z1 = derive(alice->secret, bob->public_key);
  auto z2 = derive(bob->secret, alice->public_key);
  ASSERT_TRUE(z1.has_value() && z2.has_value());
  EXPECT_EQ(to_hex(z1->span()), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  EXPECT_EQ(b(z1->span()), b(z2->span()));
  // The key-pair overload gives the same secret.
  auto z3 = derive(*alice, bob->public_key);
  ASSERT_TRUE(z3.has_value());
  EXPECT_EQ(b(z3->span()), b(z1->span()));
}

TEST(X25519, GenerateUsesOneDraw) {
  const Bytes draw = unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  ReplayRandom rng({draw});
  auto pair = generate(rng);
  ASSERT_TRUE(pair.has_value());
  EXPECT_TRUE(rng.exhausted());
  EXPECT_EQ(b(pair->secret.span()), draw);
  EXPECT_EQ(to_hex(pair->public_key),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  auto fresh1 = generate(system_random());
  auto fresh2 = generate(system_random());
  ASSERT_TRUE(fresh1.has_value() && fresh2.has_value());
  EXPECT_NE(fresh1->public_key, fresh2->public_key);
  auto z1 = derive(fresh1->secret, fresh2->public_key);
  auto z2 = derive(fresh2->secret, fresh1->public_key);
  ASSERT_TRUE(z1.has_value() && z2.has_value());
  EXPECT_EQ(b(z1->span()), b(z2->span()));
}

TEST(X25519, RejectsLowOrderPeers) {
  auto own = generate(system_random());
  ASSERT_TRUE(own.has_value());
  // u = 0, u = 1 and u = p (= 0 mod p) give an all-zero shared secret.
  for (const char* peer : {"0000000000000000000000000000000000000000000000000000000000000000",
                           "0100000000000000000000000000000000000000000000000000000000000000",
                           "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"}) {
    auto z = derive(own->secret, fixed<32>(unhex(peer)));
    ASSERT_FALSE(z.has_value()) << peer;
    EXPECT_EQ(z.error().code, ErrorCode::kWeakKeyShare) << peer;
    z = derive(*own, fixed<32>(unhex(peer)));
    ASSERT_FALSE(z.has_value()) << peer;
    EXPECT_EQ(z.error().code, ErrorCode::kWeakKeyShare) << peer;
  }
}

// The recorded secrets give the recorded public keys, and each side's Z is
// the snapshot's kx_shared_secret (spec §3.1).
TEST(X25519, ReproducesLibxttTranscripts) {
  using test::hex_field;
  for (const auto& [suite, doc] : test::libxtt_transcripts()) {
    SCOPED_TRACE(suite);
    const json::Value* derived = doc.find("derived");
    ASSERT_NE(derived, nullptr);
    const json::Value* server = derived->find("server_final");
    const json::Value* client = derived->find("client_final");
    ASSERT_TRUE(server != nullptr && client != nullptr);
    for (const auto* side : {server, client}) {
      const Bytes secret = hex_field(*side, "kx_secret");
      auto pair = keypair(fixed<32>(secret));
      ASSERT_TRUE(pair.has_value());
      EXPECT_EQ(Bytes(pair->public_key.begin(), pair->public_key.end()),
                hex_field(*side, "kx_public"));
      const json::Value* peer = side == server ? client : server;
      auto z = derive(pair->secret, fixed<32>(hex_field(*peer, "kx_public")));
      ASSERT_TRUE(z.has_value());
      EXPECT_EQ(b(z->span()), hex_field(*side, "kx_shared_secret"));
      z = derive(*pair, fixed<32>(hex_field(*peer, "kx_public")));
      ASSERT_TRUE(z.has_value());
      EXPECT_EQ(b(z->span()), hex_field(*side, "kx_shared_secret"));
    }
  }
}

}  // namespace
}  // namespace xtt::crypto::x25519
