#include "base/bytes.hpp"

#include <gtest/gtest.h>

namespace xtt {
namespace {

TEST(ByteReader, ReadsBigEndianIntegers) {
  const Bytes in = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
  ByteReader r(in);
  EXPECT_EQ(r.u8().value(), 0x01);
  EXPECT_EQ(r.u16().value(), 0x0203);
  EXPECT_EQ(r.u32().value(), 0x04050607u);
  EXPECT_EQ(r.u64().value(), 0x08090a0b0c0d0e0full);
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.expect_end().has_value());
}

TEST(ByteReader, TruncatedReadFailsAndKeepsPosition) {
  const Bytes in = {0xaa, 0xbb, 0xcc};
  ByteReader r(in);
  auto v = r.u32();
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(r.position(), 0u);
  EXPECT_EQ(r.u16().value(), 0xaabb);
  EXPECT_FALSE(r.u16().has_value());
  EXPECT_EQ(r.u8().value(), 0xcc);
}

TEST(ByteReader, TrailingBytesRejected) {
  const Bytes in = {0x00, 0x01};
  ByteReader r(in);
  ASSERT_TRUE(r.u8().has_value());
  auto end = r.expect_end();
  ASSERT_FALSE(end.has_value());
  EXPECT_EQ(end.error().code, ErrorCode::kTrailingBytes);
}

TEST(ByteReader, PrefixedBody) {
  const Bytes in = {0x00, 0x03, 'a', 'b', 'c', 0x00, 0x09, 'x'};
  ByteReader r(in);
  auto body = r.prefixed<2>();
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->size(), 3u);
  EXPECT_EQ((*body)[2], 'c');
  auto bad = r.prefixed<2>();
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(r.remaining(), 3u);  // the failed prefix was not consumed
}

TEST(ByteReader, FixedArray) {
  const Bytes in = {1, 2, 3, 4};
  ByteReader r(in);
  auto a = r.array<3>();
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ((*a)[0], 1);
  EXPECT_FALSE(r.array<2>().has_value());
}

TEST(ByteWriter, PatchesLengthPrefixAfterBody) {
  ByteWriter w;
  w.u8(0x41);
  ASSERT_TRUE(w.block<2>([&] {
                 w.u32(0xdeadbeef);
                 w.bytes(Bytes{1, 2});
               }).has_value());
  const Bytes expect = {0x41, 0x00, 0x06, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02};
  EXPECT_EQ(std::move(w).take(), expect);
}

TEST(ByteWriter, OversizedBlockRejected) {
  ByteWriter w;
  auto st = w.block<1>([&] { w.zeros(256); });
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(w.size(), 0u);
}

TEST(ByteWriter, RoundTripsThroughReader) {
  ByteWriter w;
  w.u16(0x1234);
  w.u64(42);
  ASSERT_TRUE(w.block<4>([&] { w.bytes(Bytes(300, 7)); }).has_value());
  const Bytes out = std::move(w).take();
  ByteReader r(out);
  EXPECT_EQ(r.u16().value(), 0x1234);
  EXPECT_EQ(r.u64().value(), 42u);
  EXPECT_EQ(r.prefixed<4>()->size(), 300u);
  EXPECT_TRUE(r.expect_end().has_value());
}

TEST(Bytes, Concat) {
  const Bytes a = {1, 2}, b = {}, c = {3};
  EXPECT_EQ(concat({a, b, c}), (Bytes{1, 2, 3}));
}

}  // namespace
}  // namespace xtt
