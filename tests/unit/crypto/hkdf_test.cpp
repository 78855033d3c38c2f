#include "crypto/hkdf.hpp"

#include <gtest/gtest.h>

#include "base/hex.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto {
namespace {

using xtt::test::unhex;

std::string okm(ByteSpan salt, ByteSpan ikm, ByteSpan info, std::size_t len) {
  Bytes out(len);
  EXPECT_TRUE(hkdf_sha256(salt, ikm, info, out).has_value());
  return to_hex(out);
}

TEST(Hkdf, Rfc5869Sha256Cases) {
  // A.1: basic.
  EXPECT_EQ(
      okm(unhex("000102030405060708090a0b0c"), Bytes(22, 0x0b), unhex("f0f1f2f3f4f5f6f7f8f9"), 42),
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  // A.2: long inputs, three blocks of output.
  Bytes ikm(80), salt(80), info(80);
  for (std::size_t i = 0; i < 80; ++i) {
    ikm[i] = static_cast<std::uint8_t>(i);
    salt[i] = static_cast<std::uint8_t>(0x60 + i);
    info[i] = static_cast<std::uint8_t>(0xb0 + i);
  }
  EXPECT_EQ(okm(salt, ikm, info, 82),
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  // A.3: empty salt and info.
  EXPECT_EQ(okm({}, Bytes(22, 0x0b), {}, 42),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

TEST(Hkdf, OutputBounds) {
  Bytes none;
  EXPECT_EQ(hkdf_sha256({}, {}, {}, none).error().code, ErrorCode::kInvalidArgument);
  Bytes too_long(kHkdfSha256MaxOut + 1);
  EXPECT_EQ(hkdf_sha256({}, {}, {}, too_long).error().code, ErrorCode::kInvalidArgument);
  Bytes longest(kHkdfSha256MaxOut);
  EXPECT_TRUE(hkdf_sha256({}, {}, {}, longest).has_value());
}

}  // namespace
}  // namespace xtt::crypto
