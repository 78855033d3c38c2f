#include <gtest/gtest.h>

#include "wire/payload.hpp"
#include "wire/record_regular.hpp"
#include "wire_test_util.hpp"

namespace xtt::wire {
namespace {

// 31 len 01 session_id(16) seq(4) ciphertext
Bytes record_bytes(std::uint32_t seq, std::size_t ct_size) {
  const std::size_t total = 24 + ct_size;
  Bytes m = {0x31, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total), 0x01};
  for (int i = 0; i < 16; ++i) {
    m.push_back(static_cast<std::uint8_t>(0xa0 + i));
  }
  for (int i = 0; i < 4; ++i) {
    m.push_back(static_cast<std::uint8_t>(seq >> (24 - 8 * i)));
  }
  for (std::size_t i = 0; i < ct_size; ++i) {
    m.push_back(static_cast<std::uint8_t>(i * 13));
  }
  return m;
}

TEST(RecordRegular, Layout) {
  for (std::size_t n : {0u, 1u, 1000u, 65494u}) {
    SCOPED_TRACE(n);
    const Bytes m = record_bytes(0x01020304, 1 + n + 16);
    ASSERT_EQ(m.size(), 41 + n);
    const RecordRegular r = RecordRegular::decode(m).value();
    EXPECT_EQ(r.session_id.bytes[0], 0xa0);
    EXPECT_EQ(r.session_id.bytes[15], 0xaf);
    EXPECT_EQ(r.seq_num, 0x01020304u);
    EXPECT_EQ(r.ciphertext, Bytes(m.begin() + 24, m.end()));
    const auto aad = r.aad().value();
    EXPECT_EQ(Bytes(aad.begin(), aad.end()), Bytes(m.begin(), m.begin() + 24));
    EXPECT_EQ(RecordRegular::aad_for(r.session_id, r.seq_num, n).value(), aad);
    EXPECT_EQ(RecordRegular::size_for(n).value(), m.size());
    EXPECT_EQ(r.encode().value(), m);

    const RecordView v = parse_record(m).value();
    EXPECT_EQ(v.session_id, r.session_id);
    EXPECT_EQ(v.seq_num, r.seq_num);
    EXPECT_EQ(v.aad.data(), m.data());
    EXPECT_EQ(v.aad.size(), 24u);
    EXPECT_EQ(v.ciphertext.data(), m.data() + 24);
    EXPECT_EQ(v.ciphertext.size(), m.size() - 24);
  }
  EXPECT_EQ(RecordRegular::decode(record_bytes(0xffffffff, 17)).value().seq_num, 0xffffffffu);
}

TEST(RecordRegular, Rejections) {
  const auto codec = [](ByteSpan b) -> Result<Bytes> {
    return XTT_TRY(RecordRegular::decode(b)).encode();
  };
  test::expect_framing_rejections(record_bytes(7, 17), codec,
                                  {.has_suite = false, .fixed_length = false});
  test::expect_framing_rejections(record_bytes(7, 300), codec,
                                  {.has_suite = false, .fixed_length = false});
  // Length 40 (< 41) with a buffer to match.
  Bytes short_record = record_bytes(7, 16);
  EXPECT_ERROR_CODE(codec(short_record), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(parse_record(short_record), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(parse_record(Bytes{0x41, 0x00, 0x04, 0x01}), ErrorCode::kUnexpectedMessage);
  Bytes longer = record_bytes(7, 20);
  longer.push_back(0);
  EXPECT_ERROR_CODE(parse_record(longer), ErrorCode::kTrailingBytes);
  EXPECT_ERROR_CODE(parse_record(ByteSpan(longer).first(40)), ErrorCode::kTruncated);
}

TEST(RecordRegular, EncodeChecks) {
  RecordRegular r;
  r.ciphertext.resize(16);
  EXPECT_ERROR_CODE(r.encode(), ErrorCode::kInvalidArgument);
  r.ciphertext.resize(17 + 65494);
  EXPECT_EQ(r.encode().value().size(), 65535u);
  r.ciphertext.resize(17 + 65495);
  EXPECT_ERROR_CODE(r.encode(), ErrorCode::kTooLarge);
  EXPECT_ERROR_CODE(RecordRegular::size_for(65495), ErrorCode::kTooLarge);
}

TEST(PayloadPlaintext, RoundTripAndUnknownTypes) {
  const Bytes keepalive = {0x01};
  const PayloadPlaintext k = PayloadPlaintext::decode(keepalive).value();
  EXPECT_TRUE(k.is_keepalive());
  EXPECT_EQ(k.payload_type, 0x01);
  EXPECT_EQ(k.encode(), keepalive);
  const Bytes ipv6 = {0x02, 0x60, 0x00, 0x00, 0x00};
  const PayloadPlaintext p = PayloadPlaintext::decode(ipv6).value();
  EXPECT_EQ(p.payload_type, static_cast<std::uint8_t>(PayloadType::kIpv6));
  EXPECT_EQ(p.payload, (Bytes{0x60, 0x00, 0x00, 0x00}));
  EXPECT_EQ(p.encode(), ipv6);
  // Unknown payload types decode (they authenticate and are then discarded).
  const PayloadPlaintext u = PayloadPlaintext::decode(Bytes{0x7f, 0x01}).value();
  EXPECT_FALSE(is_known_payload_type(u.payload_type));
  EXPECT_ERROR_CODE(PayloadPlaintext::decode(Bytes{}), ErrorCode::kTruncated);
}

}  // namespace
}  // namespace xtt::wire
