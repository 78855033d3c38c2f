#include "base/secret.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "base/random.hpp"

namespace xtt {
namespace {

TEST(SecretBytes, MoveWipesSource) {
  SecretBytes<4> a;
  a.span()[0] = 0xaa;
  a.span()[3] = 0x55;
  SecretBytes<4> b(std::move(a));
  EXPECT_EQ(b.span()[0], 0xaa);
  EXPECT_EQ(b.span()[3], 0x55);
  EXPECT_EQ(a.span()[0], 0);  // NOLINT(bugprone-use-after-move): checking the wipe
  EXPECT_EQ(a.span()[3], 0);
}

TEST(SecretBytes, PrintsRedacted) {
  SecretBytes<8> s;
  s.span()[0] = 1;
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), "<redacted>");
}

TEST(SecretBytes, WipeClears) {
  SecretVector v(std::vector<std::uint8_t>{1, 2, 3});
  v.wipe();
  EXPECT_EQ(v.span()[0], 0);
  EXPECT_EQ(v.span()[2], 0);
  SecretVector c = v.clone();
  EXPECT_EQ(c.size(), 3u);
}

TEST(SecretBytes, WipeOnExit) {
  std::uint64_t key = 0x1122334455667788ull;
  { WipeOnExit<std::uint64_t> guard(key); }
  EXPECT_EQ(key, 0u);
}

TEST(ReplayRandom, ServesDrawsInOrderAndChecksSizes) {
  ReplayRandom r({{1, 2}, {3}});
  std::uint8_t two[2];
  ASSERT_TRUE(r.fill(two).has_value());
  EXPECT_EQ(two[1], 2);
  std::uint8_t wrong[2];
  EXPECT_FALSE(r.fill(wrong).has_value());
  std::uint8_t one[1];
  ASSERT_TRUE(r.fill(one).has_value());
  EXPECT_TRUE(r.exhausted());
  EXPECT_FALSE(r.fill(one).has_value());
}

}  // namespace
}  // namespace xtt
