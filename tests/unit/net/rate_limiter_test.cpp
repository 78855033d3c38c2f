#include "net/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace xtt::net {
namespace {

using Clock = std::chrono::steady_clock;

std::array<std::uint8_t, 16> v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d};
}

TEST(RateLimiter, SourceBucketEmptiesAndRefills) {
  RateLimiter limiter({1, 2, 1e6, 1e6, 0, 0, 100});
  const auto t0 = Clock::now();
  EXPECT_TRUE(limiter.allow(v4(10, 0, 0, 1), t0));
  EXPECT_TRUE(limiter.allow(v4(10, 0, 0, 1), t0));
  EXPECT_FALSE(limiter.allow(v4(10, 0, 0, 1), t0));
  EXPECT_TRUE(limiter.allow(v4(10, 0, 0, 2), t0));  // another source
  EXPECT_TRUE(limiter.allow(v4(10, 0, 0, 1), t0 + std::chrono::seconds(1)));
}

TEST(RateLimiter, PrefixBucketCatchesAddressHoppingInsideA24) {
  RateLimiter limiter({1e6, 1e6, 1e-9, 3, 0, 0, 100});
  const auto t0 = Clock::now();
  for (std::uint8_t i = 1; i <= 3; ++i) {
    EXPECT_TRUE(limiter.allow(v4(10, 0, 0, i), t0));
  }
  EXPECT_FALSE(limiter.allow(v4(10, 0, 0, 4), t0));
  EXPECT_TRUE(limiter.allow(v4(10, 0, 1, 4), t0));  // the next /24
}

TEST(RateLimiter, GlobalBucketCatchesHoppingAcrossPrefixes) {
  RateLimiter limiter({1e6, 1e6, 1e6, 1e6, 1e-9, 3, 100});
  const auto t0 = Clock::now();
  for (std::uint8_t i = 1; i <= 3; ++i) {
    EXPECT_TRUE(limiter.allow(v4(10, i, 0, 1), t0));
  }
  EXPECT_FALSE(limiter.allow(v4(10, 9, 0, 1), t0));
}

TEST(RateLimiter, NoGlobalBucketWhenItsRateIsZero) {
  RateLimiter limiter(RateLimiter::Options::unlimited());
  const auto t0 = Clock::now();
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(limiter.allow(v4(10, 0, 0, 1), t0));
  }
}

}  // namespace
}  // namespace xtt::net
