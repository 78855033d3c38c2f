#include "wire/header.hpp"

#include <gtest/gtest.h>

#include "wire_test_util.hpp"

namespace xtt::wire {
namespace {

using test::with_u8;

TEST(CommonHeader, ParsesTypeLengthVersion) {
  const Bytes b = {0x02, 0x01, 0xa1, 0x01, 0x00, 0x03};
  const CommonHeader h = decode_common_header(b).value();
  EXPECT_EQ(h.type, MsgType::kServerInitAndAttest);
  EXPECT_EQ(h.length, 417);
  EXPECT_EQ(h.version, 1);
  const HandshakeHeader hh = decode_handshake_header(b).value();
  EXPECT_EQ(hh.suite, SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512);
  EXPECT_EQ(hh.length, 417);
}

TEST(CommonHeader, Rejections) {
  const Bytes ok = {0x01, 0x00, 0x46, 0x01};
  ASSERT_TRUE(decode_common_header(ok).has_value());
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_ERROR_CODE(decode_common_header(ByteSpan(ok).first(k)), ErrorCode::kTruncated);
  }
  EXPECT_ERROR_CODE(decode_common_header(with_u8(ok, 0, 0x03)), ErrorCode::kUnknownType);
  EXPECT_ERROR_CODE(decode_common_header(with_u8(ok, 3, 0x02)), ErrorCode::kUnknownVersion);
  EXPECT_ERROR_CODE(decode_common_header(with_u8(ok, 3, 0x00)), ErrorCode::kUnknownVersion);
  // §2.1: any length above 750 for libxtt's types.
  EXPECT_ERROR_CODE(decode_common_header(Bytes{0x11, 0x02, 0xef, 0x01}), ErrorCode::kTooLarge);
  EXPECT_TRUE(decode_common_header(Bytes{0x11, 0x02, 0xee, 0x01}).has_value());
  EXPECT_ERROR_CODE(decode_common_header(Bytes{0x41, 0xff, 0xff, 0x01}), ErrorCode::kTooLarge);
  // Below the type's minimum.
  EXPECT_ERROR_CODE(decode_common_header(Bytes{0x01, 0x00, 0x45, 0x01}), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(decode_common_header(Bytes{0x41, 0x00, 0x03, 0x01}), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(decode_common_header(Bytes{0x31, 0x00, 0x28, 0x01}), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(decode_common_header(Bytes{0x22, 0x00, 0xf8, 0x01}), ErrorCode::kBadLength);
}

TEST(CommonHeader, PayloadTypesGoUpTo65535) {
  for (std::uint8_t t : {0x12, 0x15, 0x22, 0x25, 0x31}) {
    auto h = decode_common_header(Bytes{t, 0xff, 0xff, 0x01});
    ASSERT_TRUE(h.has_value()) << int{t};
    EXPECT_EQ(h->length, 65535);
  }
}

TEST(CommonHeader, ErrorIgnoresVersion) {
  for (int v = 0; v < 256; ++v) {
    auto h = decode_common_header(Bytes{0x41, 0x00, 0x04, static_cast<std::uint8_t>(v)});
    ASSERT_TRUE(h.has_value()) << v;
    EXPECT_EQ(h->version, v);
  }
}

TEST(HandshakeHeader, Rejections) {
  const Bytes ok = {0x01, 0x00, 0x46, 0x01, 0x00, 0x01};
  ASSERT_TRUE(decode_handshake_header(ok).has_value());
  EXPECT_ERROR_CODE(decode_handshake_header(ByteSpan(ok).first(5)), ErrorCode::kTruncated);
  EXPECT_ERROR_CODE(decode_handshake_header(test::with_u16(ok, 4, 0x0007)),
                    ErrorCode::kUnknownSuite);
  EXPECT_ERROR_CODE(decode_handshake_header(test::with_u16(ok, 4, 0x0000)),
                    ErrorCode::kUnknownSuite);
  // Records and Error have no suite.
  EXPECT_ERROR_CODE(decode_handshake_header(Bytes{0x31, 0x00, 0x29, 0x01, 0x00, 0x01}),
                    ErrorCode::kUnexpectedMessage);
  EXPECT_ERROR_CODE(decode_handshake_header(Bytes{0x41, 0x00, 0x04, 0x01}),
                    ErrorCode::kUnexpectedMessage);
}

TEST(HandshakeHeader, EncodeRoundTrip) {
  ByteWriter w;
  encode_handshake_header(w, MsgType::kSessionServerFinished, 54,
                          SuiteSpec::kX25519LrswEd25519NullBlake2b);
  EXPECT_EQ(Bytes(w.view().begin(), w.view().end()), (Bytes{0x23, 0x00, 0x36, 0x01, 0x00, 0x16}));
  const HandshakeHeader h = decode_handshake_header(w.view()).value();
  EXPECT_EQ(h.type, MsgType::kSessionServerFinished);
  EXPECT_EQ(h.length, 54);
  EXPECT_EQ(h.suite, SuiteSpec::kX25519LrswEd25519NullBlake2b);
}

TEST(Framing, FrameLengthAndBytesNeeded) {
  Bytes sia = {0x02, 0x01, 0xa1, 0x01};
  EXPECT_EQ(frame_length(sia).value(), 417u);
  EXPECT_ERROR_CODE(frame_length(ByteSpan(sia).first(3)), ErrorCode::kTruncated);
  EXPECT_EQ(bytes_needed(Bytes{}).value(), 4u);
  EXPECT_EQ(bytes_needed(Bytes{0x02}).value(), 3u);
  EXPECT_EQ(bytes_needed(Bytes{0x02, 0x01, 0xa1}).value(), 1u);
  EXPECT_EQ(bytes_needed(sia).value(), 413u);
  sia.resize(417);
  EXPECT_EQ(bytes_needed(sia).value(), 0u);
  sia.resize(500);  // the next message's bytes do not count
  EXPECT_EQ(bytes_needed(sia).value(), 0u);
  // A bad header is reported as soon as its 4 bytes are in.
  EXPECT_ERROR_CODE(bytes_needed(Bytes{0x99, 0x00, 0x04, 0x01}), ErrorCode::kUnknownType);
  EXPECT_ERROR_CODE(bytes_needed(Bytes{0x02, 0x03, 0x00, 0x01}), ErrorCode::kTooLarge);
  EXPECT_ERROR_CODE(frame_length(Bytes{0x01, 0x00, 0x46, 0x07}), ErrorCode::kUnknownVersion);
  EXPECT_EQ(frame_length(Bytes{0x41, 0x00, 0x04, 0x00}).value(), 4u);
  EXPECT_EQ(frame_length(Bytes{0x31, 0xff, 0xff, 0x01}).value(), 65535u);
}

TEST(Framing, CheckBufferSize) {
  const Bytes b(10);
  EXPECT_TRUE(check_buffer_size(b, 10).has_value());
  EXPECT_ERROR_CODE(check_buffer_size(b, 11), ErrorCode::kTruncated);
  EXPECT_ERROR_CODE(check_buffer_size(b, 9), ErrorCode::kTrailingBytes);
  EXPECT_ERROR_CODE(checked_length(65536), ErrorCode::kTooLarge);
  EXPECT_EQ(checked_length(65535).value(), 65535);
  EXPECT_ERROR_CODE(checked_length(751, kMaxHandshakeLength), ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace xtt::wire
