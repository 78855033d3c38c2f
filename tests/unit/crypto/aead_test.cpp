#include "crypto/aead.hpp"

#include <gtest/gtest.h>

#include "base/ct.hpp"
#include "base/hex.hpp"
#include "crypto/random.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto {
namespace {

using test::ascii;
using xtt::test::unhex;

class AeadTest : public ::testing::TestWithParam<AeadAlg> {
 protected:
  AeadKey make_key(std::uint8_t fill = 0x42) {
    auto key = AeadKey::create(GetParam(), Bytes(kAeadKeySize, fill));
    EXPECT_TRUE(key.has_value());
    return std::move(key).value();
  }
  const Bytes nonce_ = Bytes(kAeadNonceSize, 0x07);
};

TEST_P(AeadTest, RoundTripsWithAndWithoutAadAndPlaintext) {
  AeadKey key = make_key();
  EXPECT_EQ(key.alg(), GetParam());
  for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 1024u, 5000u}) {
    for (const Bytes& aad : {Bytes{}, Bytes(13, 0xaa)}) {
      Bytes msg(len);
      for (std::size_t i = 0; i < len; ++i) {
        msg[i] = static_cast<std::uint8_t>(i * 7);
      }
      Bytes sealed(len + kAeadTagSize);
      ASSERT_TRUE(key.seal(nonce_, aad, msg, sealed).has_value());
      Bytes opened(len);
      ASSERT_TRUE(key.open(nonce_, aad, sealed, opened).has_value()) << len;
      EXPECT_EQ(opened, msg);
    }
  }
}

TEST_P(AeadTest, RejectsEveryTamperingAndWipesOutput) {
  AeadKey key = make_key();
  const Bytes msg(40, 0x5a);
  const Bytes aad(6, 0x01);
  Bytes sealed(msg.size() + kAeadTagSize);
  ASSERT_TRUE(key.seal(nonce_, aad, msg, sealed).has_value());
  auto expect_bad_tag = [&](ByteSpan nonce, ByteSpan ad, ByteSpan input) {
    Bytes out(input.size() - kAeadTagSize, 0xee);
    auto st = key.open(nonce, ad, input, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kBadTag);
    EXPECT_TRUE(ct::is_zero(out));
  };
  for (std::size_t i : {0u, 39u, 40u, 55u}) {
    Bytes bad = sealed;
    bad[i] ^= 0x80;
    expect_bad_tag(nonce_, aad, bad);
  }
  Bytes bad_aad = aad;
  bad_aad[0] ^= 1;
  expect_bad_tag(nonce_, bad_aad, sealed);
  expect_bad_tag(nonce_, {}, sealed);
  Bytes bad_nonce = nonce_;
  bad_nonce[11] ^= 1;
  expect_bad_tag(bad_nonce, aad, sealed);
  AeadKey other = make_key(0x43);
  Bytes out(msg.size());
  EXPECT_FALSE(other.open(nonce_, aad, sealed, out).has_value());
  // Truncated: one byte cut from the end is a tag mismatch.
  expect_bad_tag(nonce_, aad, ByteSpan(sealed).first(sealed.size() - 1));
  // The same object still works after failures.
  ASSERT_TRUE(key.open(nonce_, aad, sealed, out).has_value());
  EXPECT_EQ(out, msg);
}

TEST_P(AeadTest, InPlace) {
  AeadKey key = make_key();
  const Bytes msg(100, 0x33);
  Bytes buf(msg.size() + kAeadTagSize);
  std::copy(msg.begin(), msg.end(), buf.begin());
  ASSERT_TRUE(key.seal(nonce_, {}, ByteSpan(buf).first(msg.size()), buf).has_value());
  Bytes copy = buf;
  ASSERT_TRUE(key.open(nonce_, {}, buf, MutableByteSpan(buf).first(msg.size())).has_value());
  EXPECT_EQ(Bytes(buf.begin(), buf.begin() + 100), msg);
  // Matches out-of-place sealing.
  Bytes sealed(msg.size() + kAeadTagSize);
  ASSERT_TRUE(key.seal(nonce_, {}, msg, sealed).has_value());
  EXPECT_EQ(sealed, copy);
}

TEST_P(AeadTest, ReusedKeyMatchesFreshKeys) {
  AeadKey reused = make_key();
  for (std::uint8_t i = 0; i < 20; ++i) {
    Bytes nonce = nonce_;
    nonce[11] = i;
    const Bytes msg(i * 3u, i);
    Bytes a(msg.size() + kAeadTagSize);
    Bytes b(msg.size() + kAeadTagSize);
    ASSERT_TRUE(reused.seal(nonce, Bytes{i}, msg, a).has_value());
    AeadKey fresh = make_key();
    ASSERT_TRUE(fresh.seal(nonce, Bytes{i}, msg, b).has_value());
    EXPECT_EQ(a, b);
  }
}

TEST_P(AeadTest, RejectsMisuse) {
  AeadKey key = make_key();
  const Bytes msg(10, 1);
  Bytes out(msg.size() + kAeadTagSize);
  for (std::size_t n : {0u, 8u, 11u, 13u, 16u}) {
    auto st = key.seal(Bytes(n, 0), {}, msg, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    Bytes pt(msg.size());
    st = key.open(Bytes(n, 0), {}, out, pt);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  }
  Bytes small(msg.size() + kAeadTagSize - 1);
  EXPECT_EQ(key.seal(nonce_, {}, msg, small).error().code, ErrorCode::kInvalidArgument);
  Bytes big(msg.size() + kAeadTagSize + 1);
  EXPECT_EQ(key.seal(nonce_, {}, msg, big).error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(key.seal(nonce_, {}, msg, out).has_value());
  Bytes pt_wrong(msg.size() + 1);
  EXPECT_EQ(key.open(nonce_, {}, out, pt_wrong).error().code, ErrorCode::kInvalidArgument);
  Bytes empty;
  EXPECT_EQ(key.open(nonce_, {}, Bytes(15, 0), empty).error().code, ErrorCode::kTruncated);
  // Partial overlap is refused (exact in-place is fine).
  Bytes buf(64);
  EXPECT_EQ(key.seal(nonce_, {}, ByteSpan(buf).first(10), MutableByteSpan(buf).subspan(1, 26))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  for (std::size_t n : {0u, 16u, 24u, 31u, 33u}) {
    auto bad = AeadKey::create(GetParam(), Bytes(n, 1));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  }
}

INSTANTIATE_TEST_SUITE_P(Algs, AeadTest,
                         ::testing::Values(AeadAlg::kChaCha20Poly1305, AeadAlg::kAes256Gcm),
                         [](const auto& param_info) {
                           return param_info.param == AeadAlg::kAes256Gcm ? std::string("Aes256Gcm")
                                                                          : std::string("ChaCha20");
                         });

TEST(Aead, Rfc8439Section282) {
  // RFC 8439 §2.8.2 AEAD_CHACHA20_POLY1305 example.
  auto key =
      AeadKey::create(AeadAlg::kChaCha20Poly1305,
                      unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
  ASSERT_TRUE(key.has_value());
  const std::string_view text =
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
      "future, sunscreen would be it.";
  const Bytes nonce = unhex("070000004041424344454647");
  const Bytes aad = unhex("50515253c0c1c2c3c4c5c6c7");
  Bytes sealed(text.size() + kAeadTagSize);
  ASSERT_TRUE(key->seal(nonce, aad, ascii(text), sealed).has_value());
  EXPECT_EQ(to_hex(ByteSpan(sealed).last(kAeadTagSize)), "1ae10b594f09e26a7e902ecbd0600691");
  EXPECT_EQ(to_hex(ByteSpan(sealed).first(16)), "d31a8d34648e60db7b86afbc53ef7ec2");
  EXPECT_EQ(name_of(AeadAlg::kChaCha20Poly1305), "ChaCha20-Poly1305");
  EXPECT_EQ(name_of(AeadAlg::kAes256Gcm), "AES-256-GCM");
}

}  // namespace
}  // namespace xtt::crypto
