#include "wire/header.hpp"

#include <string>

namespace xtt::wire {

namespace {

std::string describe(MsgType type) { return std::string(name_of(type)); }

}  // namespace

Result<CommonHeader> decode_common_header(ByteSpan data) {
  XTT_ENSURE(data.size() >= kCommonHeaderSize, ErrorCode::kTruncated,
             "message header needs 4 bytes, got " + std::to_string(data.size()));
  CommonHeader h;
  h.type = XTT_TRY(parse_msg_type(data[0]));
  h.length = load_be16(data.data() + 1);
  h.version = data[3];
  XTT_ENSURE(h.length >= min_length(h.type), ErrorCode::kBadLength,
             describe(h.type) + " length " + std::to_string(h.length) + " below the minimum " +
                 std::to_string(min_length(h.type)));
  XTT_ENSURE(h.length <= max_length(h.type), ErrorCode::kTooLarge,
             describe(h.type) + " length " + std::to_string(h.length) + " above the limit " +
                 std::to_string(max_length(h.type)));
  XTT_ENSURE(h.type == MsgType::kError || h.version == kVersion, ErrorCode::kUnknownVersion,
             "version " + std::to_string(h.version));
  return h;
}

void encode_common_header(ByteWriter& out, MsgType type, std::uint16_t length,
                          std::uint8_t version) {
  out.u8(static_cast<std::uint8_t>(type));
  out.u16(length);
  out.u8(version);
}

Result<HandshakeHeader> decode_handshake_header(ByteSpan data) {
  const CommonHeader common = XTT_TRY(decode_common_header(data));
  XTT_ENSURE(has_suite(common.type), ErrorCode::kUnexpectedMessage,
             describe(common.type) + " is not a handshake message");
  XTT_ENSURE(data.size() >= kHandshakeHeaderSize, ErrorCode::kTruncated,
             "handshake header needs 6 bytes, got " + std::to_string(data.size()));
  HandshakeHeader h;
  h.type = common.type;
  h.length = common.length;
  h.suite = XTT_TRY(parse_suite_spec(load_be16(data.data() + 4)));
  return h;
}

void encode_handshake_header(ByteWriter& out, MsgType type, std::uint16_t length, SuiteSpec suite) {
  encode_common_header(out, type, length);
  out.u16(static_cast<std::uint16_t>(suite));
}

Result<std::size_t> frame_length(ByteSpan data) {
  const CommonHeader h = XTT_TRY(decode_common_header(data));
  return std::size_t{h.length};
}

Result<std::size_t> bytes_needed(ByteSpan buffered) {
  if (buffered.size() < kCommonHeaderSize) {
    return kCommonHeaderSize - buffered.size();
  }
  const std::size_t total = XTT_TRY(frame_length(buffered));
  return buffered.size() >= total ? 0 : total - buffered.size();
}

Status check_buffer_size(ByteSpan msg, std::size_t length) {
  XTT_ENSURE(
      msg.size() >= length, ErrorCode::kTruncated,
      "message needs " + std::to_string(length) + " bytes, got " + std::to_string(msg.size()));
  XTT_ENSURE(msg.size() == length, ErrorCode::kTrailingBytes,
             std::to_string(msg.size() - length) + " bytes after the message");
  return ok();
}

Result<HandshakeHeader> open_handshake_message(ByteSpan msg,
                                               std::initializer_list<MsgType> allowed) {
  const CommonHeader common = XTT_TRY(decode_common_header(msg));
  bool expected = false;
  for (MsgType t : allowed) {
    expected = expected || t == common.type;
  }
  XTT_ENSURE(expected, ErrorCode::kUnexpectedMessage, "unexpected " + describe(common.type));
  return decode_handshake_header(msg);
}

Result<std::uint16_t> checked_length(std::size_t total, std::size_t max) {
  XTT_ENSURE(total <= max, ErrorCode::kTooLarge,
             "message of " + std::to_string(total) + " bytes exceeds " + std::to_string(max));
  return static_cast<std::uint16_t>(total);
}

}  // namespace xtt::wire
