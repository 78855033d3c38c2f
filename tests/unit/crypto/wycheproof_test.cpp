// Every case of every Wycheproof file in tests/vectors/wycheproof/ goes
// through the facade. Cases the facade's fixed parameters cannot express
// (AES-GCM with 128/192-bit keys, nonces other than 96 bits) must be refused
// with a typed error and are counted separately.

#include <gtest/gtest.h>

#include <functional>
#include <iostream>

#include "base/ct.hpp"
#include "crypto/aead.hpp"
#include "crypto/ecdsa_p256.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/hash.hpp"
#include "crypto/x25519.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto {
namespace {

using test::array_field;
using test::hex_field;
using test::int_field;
using test::str_field;

json::Value load(const std::string& name) {
  const auto path = xtt::test::vectors_dir() / "wycheproof" / name;
  EXPECT_TRUE(std::filesystem::exists(path)) << path << " is missing";
  return xtt::test::load_json(path);
}

// Calls check(group, test, label) for every case; returns the number of cases
// and fails the test when there are none or the count disagrees with the
// file's numberOfTests.
int for_each_case(
    const std::string& name,
    const std::function<void(const json::Value&, const json::Value&, const std::string&)>& check) {
  const json::Value doc = load(name);
  int cases = 0;
  for (const auto& group : array_field(doc, "testGroups")) {
    for (const auto& t : array_field(group, "tests")) {
      ++cases;
      const std::string label = name + " tcId " + std::to_string(int_field(t, "tcId"));
      const std::string result = str_field(t, "result");
      EXPECT_TRUE(result == "valid" || result == "invalid" || result == "acceptable") << label;
      check(group, t, label);
    }
  }
  EXPECT_GT(cases, 0) << name << " has no cases";
  EXPECT_EQ(cases, int_field(doc, "numberOfTests")) << name;
  return cases;
}

void run_aead(const std::string& name, AeadAlg alg) {
  int through = 0;
  int refused = 0;
  const int total = for_each_case(name, [&](const json::Value&, const json::Value& t,
                                            const std::string& label) {
    const Bytes key = hex_field(t, "key");
    const Bytes iv = hex_field(t, "iv");
    const Bytes aad = hex_field(t, "aad");
    const Bytes msg = hex_field(t, "msg");
    const Bytes ct = hex_field(t, "ct");
    const Bytes tag = hex_field(t, "tag");
    const bool valid = str_field(t, "result") == "valid";
    Bytes sealed = ct;
    sealed.insert(sealed.end(), tag.begin(), tag.end());
    Bytes out(msg.size());
    auto aead = AeadKey::create(alg, key);
    if (key.size() != kAeadKeySize || iv.size() != kAeadNonceSize || tag.size() != kAeadTagSize) {
      ++refused;
      if (!aead) {
        EXPECT_EQ(aead.error().code, ErrorCode::kInvalidArgument) << label;
        return;
      }
      auto opened = aead->open(iv, aad, sealed, out);
      ASSERT_FALSE(opened.has_value()) << label << ": unsupported parameters accepted";
      Bytes resealed(msg.size() + kAeadTagSize);
      EXPECT_FALSE(aead->seal(iv, aad, msg, resealed).has_value()) << label;
      if (iv.size() != kAeadNonceSize) {
        EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument) << label;
      }
      return;
    }
    ++through;
    ASSERT_TRUE(aead.has_value()) << label;
    auto opened = aead->open(iv, aad, sealed, out);
    if (!valid) {
      ASSERT_FALSE(opened.has_value()) << label << ": invalid case accepted";
      EXPECT_EQ(opened.error().code, ErrorCode::kBadTag) << label;
      EXPECT_TRUE(ct::is_zero(out)) << label << ": plaintext left after a failed open";
      return;
    }
    ASSERT_TRUE(opened.has_value()) << label << ": " << opened.error().to_string();
    EXPECT_EQ(out, msg) << label;
    Bytes resealed(msg.size() + kAeadTagSize);
    ASSERT_TRUE(aead->seal(iv, aad, msg, resealed).has_value()) << label;
    EXPECT_EQ(resealed, sealed) << label;
  });
  std::cout << name << ": " << total << " cases (" << through << " through the 12-byte-nonce API, "
            << refused << " refused for their key or nonce size)\n";
  EXPECT_GT(through, 0) << name;
}

TEST(Wycheproof, AesGcm) { run_aead("aes_gcm_test.json", AeadAlg::kAes256Gcm); }

TEST(Wycheproof, ChaCha20Poly1305) {
  run_aead("chacha20_poly1305_test.json", AeadAlg::kChaCha20Poly1305);
}

void run_ecdsa(const std::string& name, bool use_sha512) {
  int valid_count = 0;
  const int total = for_each_case(name, [&](const json::Value& group, const json::Value& t,
                                            const std::string& label) {
    const json::Value* pk = group.find("publicKey");
    ASSERT_NE(pk, nullptr) << label;
    EXPECT_EQ(str_field(group, "sha"), use_sha512 ? "SHA-512" : "SHA-256") << label;
    auto key = ecdsa_p256::PublicKey::parse(hex_field(*pk, "uncompressed"));
    ASSERT_TRUE(key.has_value()) << label << ": " << key.error().to_string();
    const Bytes msg = hex_field(t, "msg");
    const Bytes sig = hex_field(t, "sig");
    Status verified;
    if (use_sha512) {
      verified = key->verify_digest(sha512(msg), sig);
    } else {
      verified = key->verify(msg, sig);
      // The facade's SHA-256 path and the prehashed path agree.
      EXPECT_EQ(verified.has_value(), key->verify_digest(sha256(msg), sig).has_value()) << label;
    }
    if (str_field(t, "result") == "invalid") {
      ASSERT_FALSE(verified.has_value()) << label << ": invalid signature accepted";
      EXPECT_EQ(verified.error().code, ErrorCode::kBadSignature) << label;
    } else {
      ++valid_count;
      EXPECT_TRUE(verified.has_value()) << label << ": " << verified.error().to_string();
    }
  });
  std::cout << name << ": " << total << " cases (" << valid_count << " valid)\n";
}

TEST(Wycheproof, EcdsaP256Sha256) { run_ecdsa("ecdsa_secp256r1_sha256_p1363_test.json", false); }

TEST(Wycheproof, EcdsaP256Sha512) { run_ecdsa("ecdsa_secp256r1_sha512_p1363_test.json", true); }

TEST(Wycheproof, Ed25519) {
  const std::string name = "ed25519_test.json";
  const int total = for_each_case(name, [&](const json::Value& group, const json::Value& t,
                                            const std::string& label) {
    const json::Value* pk = group.find("publicKey");
    ASSERT_NE(pk, nullptr) << label;
    const Bytes pub = hex_field(*pk, "pk");
    ASSERT_EQ(pub.size(), ed25519::kPublicKeySize) << label;
    auto verified = ed25519::verify(test::fixed<32>(pub), hex_field(t, "msg"), hex_field(t, "sig"));
    if (str_field(t, "result") == "invalid") {
      EXPECT_FALSE(verified.has_value()) << label << ": invalid signature accepted";
    } else {
      EXPECT_TRUE(verified.has_value()) << label << ": " << verified.error().to_string();
    }
  });
  std::cout << name << ": " << total << " cases\n";
}

void run_hmac(const std::string& name, bool use_sha512) {
  int truncated = 0;
  const int total = for_each_case(name, [&](const json::Value& group, const json::Value& t,
                                            const std::string& label) {
    const auto tag_bytes = static_cast<std::size_t>(int_field(group, "tagSize") / 8);
    const Bytes key = hex_field(t, "key");
    const Bytes msg = hex_field(t, "msg");
    const Bytes tag = hex_field(t, "tag");
    Bytes mac;
    if (use_sha512) {
      const auto full = hmac_sha512(key, msg);
      mac.assign(full.begin(), full.end());
    } else {
      const auto full = hmac_sha256(key, msg);
      mac.assign(full.begin(), full.end());
    }
    ASSERT_LE(tag_bytes, mac.size()) << label;
    truncated += tag_bytes < mac.size() ? 1 : 0;
    const bool match = tag.size() == tag_bytes && ct::equal(ByteSpan(mac).first(tag_bytes), tag);
    EXPECT_EQ(match, str_field(t, "result") == "valid") << label;
  });
  std::cout << name << ": " << total << " cases (" << truncated << " with truncated tags)\n";
}

TEST(Wycheproof, HmacSha256) { run_hmac("hmac_sha256_test.json", false); }

TEST(Wycheproof, HmacSha512) { run_hmac("hmac_sha512_test.json", true); }

TEST(Wycheproof, X25519) {
  const std::string name = "x25519_test.json";
  int zero_refused = 0;
  int acceptable_derived = 0;
  const int total = for_each_case(
      name, [&](const json::Value& group, const json::Value& t, const std::string& label) {
        EXPECT_EQ(str_field(group, "curve"), "curve25519") << label;
        const Bytes priv = hex_field(t, "private");
        const Bytes pub = hex_field(t, "public");
        const Bytes shared = hex_field(t, "shared");
        const std::string result = str_field(t, "result");
        ASSERT_EQ(priv.size(), x25519::kKeySize) << label;
        ASSERT_EQ(pub.size(), x25519::kKeySize) << label;
        const SecretBytes<32> secret(test::fixed<32>(priv));
        auto z = x25519::derive(secret, test::fixed<32>(pub));
        // Both overloads agree on every case, including the refusals.
        auto pair = x25519::keypair(test::fixed<32>(priv));
        ASSERT_TRUE(pair.has_value()) << label;
        auto z_pair = x25519::derive(*pair, test::fixed<32>(pub));
        ASSERT_EQ(z.has_value(), z_pair.has_value()) << label;
        if (z) {
          EXPECT_EQ(Bytes(z->span().begin(), z->span().end()),
                    Bytes(z_pair->span().begin(), z_pair->span().end()))
              << label;
        }
        if (result == "invalid") {
          EXPECT_FALSE(z.has_value()) << label;
          return;
        }
        if (ct::is_zero(shared)) {
          ++zero_refused;
          ASSERT_FALSE(z.has_value()) << label << ": all-zero shared secret accepted";
          EXPECT_EQ(z.error().code, ErrorCode::kWeakKeyShare) << label;
          return;
        }
        ASSERT_TRUE(z.has_value()) << label << ": " << z.error().to_string();
        EXPECT_EQ(Bytes(z->span().begin(), z->span().end()), shared) << label;
        acceptable_derived += result == "acceptable" ? 1 : 0;
      });
  std::cout << name << ": " << total << " cases (" << zero_refused
            << " all-zero shared secrets refused, " << acceptable_derived
            << " acceptable cases derived)\n";
  EXPECT_GT(zero_refused, 0);
}

}  // namespace
}  // namespace xtt::crypto
