// Keys, signatures and certificate helpers of both families.

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "test_support.hpp"

namespace xtt::handshake::test {
namespace {

using wire::SignatureKind;

TEST(Credentials, SignAndVerifyBothFamilies) {
  SeededRandom rng("credentials");
  const Bytes msg(64, 0x3c);
  for (auto kind : {SignatureKind::kEcdsaP256, SignatureKind::kEd25519}) {
    const SigningKey key = must(SigningKey::generate(kind, rng));
    EXPECT_EQ(key.public_key.size(), kind == SignatureKind::kEcdsaP256 ? 65u : 32u);
    const SignatureBytes random_k = must(sign(key, msg, &rng));
    const SignatureBytes det = must(sign(key, msg, nullptr));
    EXPECT_TRUE(verify_signature(kind, key.public_key, msg, random_k).has_value());
    EXPECT_TRUE(verify_signature(kind, key.public_key, msg, det).has_value());
    SignatureBytes bad = det;
    bad[40] ^= 1;
    EXPECT_EQ(verify_signature(kind, key.public_key, msg, bad).error().code,
              ErrorCode::kBadSignature);
    const SigningKey again = must(SigningKey::from_private(kind, key.private_key.span()));
    EXPECT_EQ(again.public_key, key.public_key);
  }
  EXPECT_FALSE(SigningKey::from_private(SignatureKind::kEcdsaP256, Bytes(32, 0)).has_value());
  EXPECT_FALSE(SigningKey::from_private(SignatureKind::kEd25519, Bytes(31, 1)).has_value());
}

TEST(Credentials, Ed25519SmallOrderKeysAndRAreRefused) {
  // The identity point (y = 1) as a public key: with R = identity and S = 0,
  // R == S*B - h*A holds for every message under cofactorless verification.
  Bytes identity(32, 0);
  identity[0] = 1;
  Bytes sig(64, 0);
  sig[0] = 1;
  const Bytes msg = {1, 2, 3};
  EXPECT_TRUE(ed25519_small_order(std::span<const std::uint8_t, 32>(identity.data(), 32)));
  const auto r = verify_signature(SignatureKind::kEd25519, identity, msg, sig);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kBadPoint);
  // A genuine key with a small-order R.
  SeededRandom rng("small order R");
  const SigningKey key = must(SigningKey::generate(SignatureKind::kEd25519, rng));
  EXPECT_EQ(verify_signature(SignatureKind::kEd25519, key.public_key, msg, sig).error().code,
            ErrorCode::kBadSignature);
  // Every listed encoding, also with the sign bit set, is small order; a real
  // key is not.
  const Bytes order8 = xtt::test::unhex(
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa");  // sign bit set
  EXPECT_TRUE(ed25519_small_order(std::span<const std::uint8_t, 32>(order8.data(), 32)));
  EXPECT_FALSE(ed25519_small_order(std::span<const std::uint8_t, 32>(key.public_key.data(), 32)));
}

TEST(Credentials, DateFromUnix) {
  struct {
    std::uint64_t t;
    wire::Date d;
  } cases[] = {
      {0, {1970, 1, 1}},
      {86399, {1970, 1, 1}},
      {86400, {1970, 1, 2}},
      {951782400, {2000, 2, 29}},
      {1700000000, {2023, 11, 14}},
      {4102444800, {2100, 1, 1}},
      {253402214400, {9999, 12, 31}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(date_from_unix(c.t), c.d) << c.t;
  }
}

TEST(Credentials, ServerCredentialMustMatchItsCertificate) {
  const ServerCredential& cred = pki().server_ecdsa;
  EXPECT_TRUE(ServerCredential::create(SignatureKind::kEcdsaP256, cred.certificate,
                                       cred.key.private_key.span())
                  .has_value());
  EXPECT_EQ(ServerCredential::create(SignatureKind::kEcdsaP256, cred.certificate,
                                     pki().root_ecdsa.private_key.span())
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ServerCredential::create(SignatureKind::kEd25519, cred.certificate,
                                        pki().server_ed.key.private_key.span())
                   .has_value());
  EXPECT_FALSE(TrustedRoot::from_certificate(SignatureKind::kEcdsaP256, Bytes(80)).has_value());
}

}  // namespace
}  // namespace xtt::handshake::test
