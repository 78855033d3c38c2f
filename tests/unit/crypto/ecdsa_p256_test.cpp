#include "crypto/ecdsa_p256.hpp"

#include <gtest/gtest.h>

#include "base/hex.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "crypto/rfc6979.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto::ecdsa_p256 {
namespace {

using test::ascii;
using test::fixed;
using xtt::test::unhex;

const char* kOrderHex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

PrivateKey key_of(std::string_view hex) { return PrivateKey(fixed<32>(unhex(hex))); }

// RFC 6979 A.2.5: P-256 with SHA-256.
const char* kRfcPrivate = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const char* kRfcPublic =
    "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
    "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";

struct Rfc6979Case {
  const char* message;
  const char* k;
  const char* r;
  const char* s;
};
const Rfc6979Case kRfcCases[] = {
    {"sample", "a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60",
     "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
     "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"},
    {"test", "d16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0",
     "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
     "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"},
};

TEST(EcdsaP256, Rfc6979PublicKey) {
  auto pub = public_from_private(key_of(kRfcPrivate));
  ASSERT_TRUE(pub.has_value());
  EXPECT_EQ(to_hex(*pub), kRfcPublic);
}

TEST(EcdsaP256, Rfc6979NoncesAndSignatures) {
  const PrivateKey priv = key_of(kRfcPrivate);
  auto pub = PublicKey::parse(unhex(kRfcPublic));
  ASSERT_TRUE(pub.has_value());
  for (const auto& c : kRfcCases) {
    SCOPED_TRACE(c.message);
    Rfc6979Nonces nonces(priv, ascii(c.message));
    const auto k = nonces.next();
    EXPECT_EQ(to_hex(k.span()), c.k);
    // The sequence continues with a different candidate (step h.3).
    EXPECT_NE(to_hex(nonces.next().span()), c.k);
    auto sig = sign_deterministic(priv, ascii(c.message));
    ASSERT_TRUE(sig.has_value()) << sig.error().to_string();
    EXPECT_EQ(to_hex(*sig), std::string(c.r) + c.s);
    auto with_k = sign_with_nonce(priv, ascii(c.message), k.span());
    ASSERT_TRUE(with_k.has_value());
    EXPECT_EQ(*with_k, *sig);
    EXPECT_TRUE(pub->verify(ascii(c.message), *sig).has_value());
    EXPECT_TRUE(verify(unhex(kRfcPublic), ascii(c.message), *sig).has_value());
  }
}

TEST(EcdsaP256, RoundTripWithSystemRandom) {
  auto pair = generate(system_random());
  ASSERT_TRUE(pair.has_value());
  EXPECT_EQ(pair->public_key[0], 0x04);
  auto again = public_from_private(pair->private_key);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, pair->public_key);
  auto sig1 = sign(pair->private_key, ascii("message"), system_random());
  auto sig2 = sign(pair->private_key, ascii("message"), system_random());
  ASSERT_TRUE(sig1.has_value() && sig2.has_value());
  EXPECT_NE(*sig1, *sig2);  // fresh k each time
  EXPECT_TRUE(verify(pair->public_key, ascii("message"), *sig1).has_value());
  EXPECT_TRUE(verify(pair->public_key, ascii("message"), *sig2).has_value());
}

Status code_of_verify(ByteSpan pub, std::string_view msg, ByteSpan sig) {
  return verify(pub, ascii(msg), sig);
}

TEST(EcdsaP256, RejectsTamperedSignaturesAndMessages) {
  const PrivateKey priv = key_of(kRfcPrivate);
  const Bytes pub = unhex(kRfcPublic);
  auto sig = sign_deterministic(priv, ascii("sample"));
  ASSERT_TRUE(sig.has_value());
  for (std::size_t i : {0u, 17u, 31u, 32u, 50u, 63u}) {
    Signature bad = *sig;
    bad[i] ^= 0x01;
    auto st = code_of_verify(pub, "sample", bad);
    ASSERT_FALSE(st.has_value()) << i;
    EXPECT_EQ(st.error().code, ErrorCode::kBadSignature);
  }
  auto st = code_of_verify(pub, "samplf", *sig);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kBadSignature);
  // Another key.
  auto other = public_from_private(
      key_of("0000000000000000000000000000000000000000000000000000000000000001"));
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(verify(*other, ascii("sample"), *sig).has_value());
  // Wrong lengths.
  for (std::size_t len : {0u, 63u, 65u}) {
    Bytes cut(sig->begin(), sig->end());
    cut.resize(len, 0);
    st = code_of_verify(pub, "sample", cut);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kBadSignature);
  }
}

// n - v for a 32-byte big-endian v < n.
Bytes order_minus(ByteSpan v) {
  const Bytes n = unhex(kOrderHex);
  Bytes out(32);
  int borrow = 0;
  for (int i = 31; i >= 0; --i) {
    int d = n[i] - v[i] - borrow;
    borrow = d < 0 ? 1 : 0;
    out[i] = static_cast<std::uint8_t>(d + (borrow << 8));
  }
  return out;
}

TEST(EcdsaP256, AcceptsHighSAndRejectsOutOfRangeScalars) {
  const Bytes pub = unhex(kRfcPublic);
  auto sig = sign_deterministic(key_of(kRfcPrivate), ascii("sample"));
  ASSERT_TRUE(sig.has_value());
  const ByteSpan r = ByteSpan(*sig).first(32);
  const ByteSpan s = ByteSpan(*sig).last(32);
  // (r, n - s) is the other valid signature; both must verify (no low-s rule).
  EXPECT_TRUE(code_of_verify(pub, "sample", concat({r, order_minus(s)})).has_value());
  const Bytes zero(32, 0);
  const Bytes n = unhex(kOrderHex);
  const Bytes n_plus_r = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552");
  const Bytes all_ff(32, 0xff);
  for (const Bytes& bad : {concat({zero, s}), concat({r, zero}), concat({n, s}), concat({r, n}),
                           concat({all_ff, s}), concat({r, all_ff}), concat({n_plus_r, s})}) {
    auto st = code_of_verify(pub, "sample", bad);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kBadSignature);
  }
}

TEST(EcdsaP256, RejectsInvalidPublicKeys) {
  const Bytes good = unhex(kRfcPublic);
  ASSERT_TRUE(PublicKey::parse(good).has_value());
  std::vector<Bytes> bad;
  bad.push_back({});
  bad.push_back(Bytes(good.begin(), good.end() - 1));  // 64 bytes
  Bytes longer = good;
  longer.push_back(0);
  bad.push_back(longer);
  Bytes compressed(good.begin(), good.begin() + 33);
  compressed[0] = 0x03;  // Y is odd: a valid compressed point, not accepted
  bad.push_back(compressed);
  for (std::uint8_t prefix : {0x00, 0x02, 0x03, 0x05, 0x06, 0x07}) {
    Bytes p = good;
    p[0] = prefix;
    bad.push_back(p);
  }
  Bytes off_curve = good;
  off_curve[64] ^= 1;
  bad.push_back(off_curve);
  bad.push_back(concat({Bytes{0x04}, Bytes(64, 0)}));     // (0, 0): not on the curve
  bad.push_back(concat({Bytes{0x04}, Bytes(64, 0xff)}));  // coordinates >= p
  // (0, y) is on the curve; x written as p (== 0 mod p) is not canonical.
  const Bytes y0 = unhex("66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4");
  ASSERT_TRUE(PublicKey::parse(concat({Bytes{0x04}, Bytes(32, 0), y0})).has_value());
  bad.push_back(
      concat({Bytes{0x04},
              unhex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"), y0}));
  auto sig = sign_deterministic(key_of(kRfcPrivate), ascii("sample"));
  ASSERT_TRUE(sig.has_value());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    auto key = PublicKey::parse(bad[i]);
    ASSERT_FALSE(key.has_value()) << i;
    EXPECT_EQ(key.error().code, ErrorCode::kBadPoint) << i;
    auto st = verify(bad[i], ascii("sample"), *sig);
    ASSERT_FALSE(st.has_value()) << i;
    EXPECT_EQ(st.error().code, ErrorCode::kBadPoint) << i;
  }
}

TEST(EcdsaP256, RejectsInvalidPrivateKeys) {
  const Bytes k(32, 0x01);
  for (const char* hex :
       {"0000000000000000000000000000000000000000000000000000000000000000", kOrderHex,
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}) {
    const PrivateKey priv = key_of(hex);
    auto pub = public_from_private(priv);
    ASSERT_FALSE(pub.has_value());
    EXPECT_EQ(pub.error().code, ErrorCode::kBadScalar);
    auto sig = sign_with_nonce(priv, ascii("m"), fixed<32>(k));
    ASSERT_FALSE(sig.has_value());
    EXPECT_EQ(sig.error().code, ErrorCode::kBadScalar);
    EXPECT_FALSE(sign_deterministic(priv, ascii("m")).has_value());
    EXPECT_FALSE(sign(priv, ascii("m"), system_random()).has_value());
  }
}

TEST(EcdsaP256, NonceIsReducedModN) {
  const PrivateKey priv = key_of(kRfcPrivate);
  const Bytes one = unhex("0000000000000000000000000000000000000000000000000000000000000001");
  const Bytes n_plus_1 = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552");
  auto a = sign_with_nonce(priv, ascii("m"), fixed<32>(one));
  auto b = sign_with_nonce(priv, ascii("m"), fixed<32>(n_plus_1));
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(*a, *b);
  // r for k = 1 is G's x coordinate.
  EXPECT_EQ(to_hex(ByteSpan(*a).first(32)),
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
  for (const char* zero_mod_n :
       {"0000000000000000000000000000000000000000000000000000000000000000", kOrderHex}) {
    auto st = sign_with_nonce(priv, ascii("m"), fixed<32>(unhex(zero_mod_n)));
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kBadScalar);
  }
}

TEST(EcdsaP256, GenerateRedrawsOutOfRangeScalars) {
  const Bytes good = unhex(kRfcPrivate);
  ReplayRandom rng({Bytes(32, 0), unhex(kOrderHex), Bytes(32, 0xff), good});
  auto pair = generate(rng);
  ASSERT_TRUE(pair.has_value());
  EXPECT_TRUE(rng.exhausted());
  EXPECT_EQ(Bytes(pair->private_key.span().begin(), pair->private_key.span().end()), good);
  EXPECT_EQ(to_hex(pair->public_key), kRfcPublic);
  // A source that runs dry is an error, not a key.
  ReplayRandom dry({Bytes(32, 0)});
  EXPECT_FALSE(generate(dry).has_value());
}

TEST(EcdsaP256, SignDrawsOneNoncePerAttempt) {
  const PrivateKey priv = key_of(kRfcPrivate);
  const Bytes k = unhex(kRfcCases[0].k);
  ReplayRandom rng({Bytes(32, 0), k});  // the zero nonce is drawn again
  auto sig = sign(priv, ascii("sample"), rng);
  ASSERT_TRUE(sig.has_value());
  EXPECT_TRUE(rng.exhausted());
  EXPECT_EQ(to_hex(*sig), std::string(kRfcCases[0].r) + kRfcCases[0].s);
}

TEST(EcdsaP256, VerifyDigestTruncatesLongDigests) {
  const PrivateKey priv = key_of(kRfcPrivate);
  auto pub = PublicKey::parse(unhex(kRfcPublic));
  ASSERT_TRUE(pub.has_value());
  auto sig = sign_deterministic(priv, ascii("sample"));
  ASSERT_TRUE(sig.has_value());
  const auto digest = sha256(ascii("sample"));
  EXPECT_TRUE(pub->verify_digest(digest, *sig).has_value());
  // e is the leftmost 256 bits: extra trailing bytes do not change it.
  EXPECT_TRUE(pub->verify_digest(concat({digest, Bytes(32, 0xab)}), *sig).has_value());
  EXPECT_FALSE(pub->verify_digest(sha512(ascii("sample")), *sig).has_value());
}

}  // namespace
}  // namespace xtt::crypto::ecdsa_p256
