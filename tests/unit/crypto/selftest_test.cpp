#include "crypto/selftest.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace xtt::crypto {
namespace {

TEST(SelfTest, Passes) {
  auto st = self_test();
  EXPECT_TRUE(st.has_value()) << st.error().to_string();
}

TEST(SystemRandom, FillsAndDiffers) {
  Random& rng = system_random();
  EXPECT_EQ(&rng, &system_random());
  std::vector<std::uint8_t> a(64);
  std::vector<std::uint8_t> b(64);
  ASSERT_TRUE(rng.fill(a).has_value());
  ASSERT_TRUE(rng.fill(b).has_value());
  EXPECT_NE(a, b);
  EXPECT_NE(a, std::vector<std::uint8_t>(64, 0));
  std::vector<std::uint8_t> none;
  EXPECT_TRUE(rng.fill(none).has_value());
}

}  // namespace
}  // namespace xtt::crypto
