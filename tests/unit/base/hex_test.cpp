#include "base/hex.hpp"

#include <gtest/gtest.h>

namespace xtt {
namespace {

TEST(Hex, RoundTrip) {
  const Bytes b = {0x00, 0x7f, 0x80, 0xff};
  EXPECT_EQ(to_hex(b), "007f80ff");
  EXPECT_EQ(from_hex("007F80ff").value(), b);
}

TEST(Hex, IgnoresWhitespace) { EXPECT_EQ(from_hex(" 00 11\n22 ").value(), (Bytes{0, 0x11, 0x22})); }

TEST(Hex, RejectsBadInput) {
  EXPECT_EQ(from_hex("abc").error().code, ErrorCode::kBadEncoding);
  EXPECT_EQ(from_hex("zz").error().code, ErrorCode::kBadEncoding);
  EXPECT_TRUE(from_hex("").value().empty());
}

}  // namespace
}  // namespace xtt
