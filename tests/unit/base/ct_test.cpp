#include "base/ct.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace xtt {
namespace {

TEST(ConstantTime, Equal) {
  const std::vector<std::uint8_t> a = {1, 2, 3}, b = {1, 2, 3}, c = {1, 2, 4}, d = {1, 2};
  EXPECT_TRUE(ct::equal(a, b));
  EXPECT_FALSE(ct::equal(a, c));
  EXPECT_FALSE(ct::equal(a, d));
  EXPECT_TRUE(ct::equal({}, {}));
  // A difference in the highest bit of the last byte only.
  std::vector<std::uint8_t> e = a;
  e[2] ^= 0x80;
  EXPECT_FALSE(ct::equal(a, e));
}

TEST(ConstantTime, IsZero) {
  EXPECT_TRUE(ct::is_zero(std::vector<std::uint8_t>(32, 0)));
  std::vector<std::uint8_t> v(32, 0);
  v[31] = 1;
  EXPECT_FALSE(ct::is_zero(v));
}

TEST(ConstantTime, Masks) {
  EXPECT_EQ(ct::mask_is_zero(0), ~0ull);
  EXPECT_EQ(ct::mask_is_zero(1), 0ull);
  EXPECT_EQ(ct::mask_is_zero(1ull << 63), 0ull);
  EXPECT_EQ(ct::mask_eq(5, 5), ~0ull);
  EXPECT_EQ(ct::mask_eq(5, 6), 0ull);
  EXPECT_EQ(ct::select(~0ull, 7, 9), 7ull);
  EXPECT_EQ(ct::select(0, 7, 9), 9ull);
  EXPECT_EQ(ct::mask_from_bit(1), ~0ull);
  EXPECT_EQ(ct::mask_from_bit(0), 0ull);
  std::uint64_t dst[2] = {1, 2};
  const std::uint64_t src[2] = {3, 4};
  ct::cmov(dst, src, 0);
  EXPECT_EQ(dst[0], 1u);
  ct::cmov(dst, src, ~0ull);
  EXPECT_EQ(dst[1], 4u);
}

}  // namespace
}  // namespace xtt
