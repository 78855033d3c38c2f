#include "wire/error_msg.hpp"

#include <gtest/gtest.h>

#include "wire_test_util.hpp"

namespace xtt::wire {
namespace {

TEST(ErrorMsg, EncodesFourBytes) {
  EXPECT_EQ(ErrorMsg{}.encode(), (Bytes{0x41, 0x00, 0x04, 0x01}));
  EXPECT_EQ(ErrorMsg{0x00}.encode(), (Bytes{0x41, 0x00, 0x04, 0x00}));
}

TEST(ErrorMsg, DecodeIgnoresVersionButKeepsIt) {
  for (int v = 0; v < 256; ++v) {
    const Bytes b = {0x41, 0x00, 0x04, static_cast<std::uint8_t>(v)};
    const ErrorMsg e = ErrorMsg::decode(b).value();
    EXPECT_EQ(e.version, v);
    EXPECT_EQ(e.encode(), b);
  }
}

TEST(ErrorMsg, Rejections) {
  test::expect_framing_rejections(
      Bytes{0x41, 0x00, 0x04, 0x01},
      [](ByteSpan b) -> Result<Bytes> { return XTT_TRY(ErrorMsg::decode(b)).encode(); },
      {.has_suite = false, .fixed_length = true, .checks_version = false});
  // libxtt's release build may produce 41 0000 vv (and send nothing): not valid.
  EXPECT_ERROR_CODE(ErrorMsg::decode(Bytes{0x41, 0x00, 0x00, 0x02}), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(ErrorMsg::decode(Bytes{0x01, 0x00, 0x46, 0x01}), ErrorCode::kUnexpectedMessage);
}

}  // namespace
}  // namespace xtt::wire
