#include "record/traffic_key.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace xtt::record {
namespace {

using wire::SuiteSpec;

const Bytes kKey(32, 0x42);
const Bytes kIv = test::unhex("000102030405060708090a0b");

TrafficKey make(SuiteSpec spec) {
  auto info = wire::suite_info(spec);
  EXPECT_TRUE(info.has_value());
  auto k = TrafficKey::create(*info, kKey, kIv);
  EXPECT_TRUE(k.has_value());
  return std::move(k).value();
}

TEST(TrafficKey, NonceIsIvXorBe32Seq) {
  auto k = make(SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512);
  const auto n = k.nonce(0x01020304);
  EXPECT_EQ(Bytes(n.begin(), n.end()), test::unhex("0001020304050607090b090f"));
  const auto z = k.nonce(0);
  EXPECT_EQ(Bytes(z.begin(), z.end()), kIv);
}

class EverySuite : public ::testing::TestWithParam<SuiteSpec> {};

TEST_P(EverySuite, SealOpenRoundTripAndEveryBitMatters) {
  auto sender = make(GetParam());
  auto receiver = make(GetParam());
  const Bytes aad = {1, 2, 3};
  const Bytes msg = {'h', 'e', 'l', 'l', 'o'};
  auto sealed = sender.seal(7, aad, msg);
  ASSERT_TRUE(sealed.has_value());
  ASSERT_EQ(sealed->size(), msg.size() + 16);
  auto opened = receiver.open(7, aad, *sealed);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(Bytes(opened->span().begin(), opened->span().end()), msg);
  // Wrong seq, wrong aad, any flipped bit: rejected.
  EXPECT_EQ(receiver.open(8, aad, *sealed).error().code, ErrorCode::kBadTag);
  EXPECT_EQ(receiver.open(7, Bytes{1, 2, 4}, *sealed).error().code, ErrorCode::kBadTag);
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    Bytes bad = *sealed;
    bad[i] ^= 0x01;
    EXPECT_EQ(receiver.open(7, aad, bad).error().code, ErrorCode::kBadTag) << i;
  }
  EXPECT_EQ(receiver.open(7, aad, Bytes(15, 0)).error().code, ErrorCode::kTruncated);
}

INSTANTIATE_TEST_SUITE_P(Suites, EverySuite,
                         ::testing::Values(SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
                                           SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512,
                                           SuiteSpec::kX25519LrswEcdsaP256NullSha512,
                                           SuiteSpec::kX25519LrswEcdsaP256NullBlake2b));

TEST(TrafficKey, NullSuiteIsIdentityCipherWithPrfTag) {
  auto k = make(SuiteSpec::kX25519LrswEcdsaP256NullSha512);
  const Bytes aad = {9};
  const Bytes msg = {5, 6, 7};
  auto sealed = k.seal(1, aad, msg);
  ASSERT_TRUE(sealed.has_value());
  EXPECT_EQ(Bytes(sealed->begin(), sealed->begin() + 3), msg);
  // tag = HMAC-SHA-512(key, nonce || be64(1) || aad || be64(3) || msg)[0..16)
  const auto n = k.nonce(1);
  Bytes input(n.begin(), n.end());
  const Bytes lens1 = {0, 0, 0, 0, 0, 0, 0, 1};
  const Bytes lens3 = {0, 0, 0, 0, 0, 0, 0, 3};
  input.insert(input.end(), lens1.begin(), lens1.end());
  input.insert(input.end(), aad.begin(), aad.end());
  input.insert(input.end(), lens3.begin(), lens3.end());
  input.insert(input.end(), msg.begin(), msg.end());
  const auto mac = crypto::hmac_sha512(kKey, input);
  EXPECT_EQ(Bytes(sealed->begin() + 3, sealed->end()), Bytes(mac.begin(), mac.begin() + 16));
}

TEST(TrafficKey, RejectsBadSizes) {
  auto info = wire::suite_info(SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b);
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(TrafficKey::create(*info, Bytes(31, 0), kIv).has_value());
  EXPECT_FALSE(TrafficKey::create(*info, kKey, Bytes(11, 0)).has_value());
}

}  // namespace
}  // namespace xtt::record
