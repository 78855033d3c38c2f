#include "wire/record_regular.hpp"

#include <string>

#include "wire/codec.hpp"
#include "wire/header.hpp"

namespace xtt::wire {

namespace {

void write_header(ByteWriter& out, const SessionId& session_id, std::uint32_t seq_num,
                  std::uint16_t total) {
  encode_common_header(out, MsgType::kRecordRegular, total);
  detail::write_fixed(out, session_id);
  out.u32(seq_num);
}

}  // namespace

Result<std::size_t> RecordRegular::size_for(std::size_t payload_size) {
  XTT_ENSURE(payload_size <= kMaxPayloadSize, ErrorCode::kTooLarge,
             "record payload of " + std::to_string(payload_size) + " bytes exceeds 65494");
  return kMinSize + payload_size;
}

Result<std::array<std::uint8_t, RecordRegular::kAadSize>> RecordRegular::aad_for(
    const SessionId& session_id, std::uint32_t seq_num, std::size_t payload_size) {
  const std::size_t total = XTT_TRY(size_for(payload_size));
  ByteWriter out(kAadSize);
  write_header(out, session_id, seq_num, static_cast<std::uint16_t>(total));
  return detail::first_bytes<kAadSize>(out.view());
}

Result<std::array<std::uint8_t, RecordRegular::kAadSize>> RecordRegular::aad() const {
  XTT_ENSURE(ciphertext.size() >= kPayloadBlockOverhead, ErrorCode::kInvalidArgument,
             "record ciphertext holds at least payload_type and the tag");
  return aad_for(session_id, seq_num, ciphertext.size() - kPayloadBlockOverhead);
}

Result<Bytes> RecordRegular::encode() const {
  ByteWriter out(kAadSize + ciphertext.size());
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status RecordRegular::encode(ByteWriter& out) const {
  const auto header = XTT_TRY(aad());
  out.bytes(header);
  out.bytes(ciphertext);
  return ok();
}

Result<RecordRegular> RecordRegular::decode(ByteSpan msg) {
  const RecordView v = XTT_TRY(parse_record(msg));
  RecordRegular r;
  r.session_id = v.session_id;
  r.seq_num = v.seq_num;
  r.ciphertext.assign(v.ciphertext.begin(), v.ciphertext.end());
  return r;
}

Result<RecordView> parse_record(ByteSpan msg) {
  const CommonHeader h = XTT_TRY(decode_common_header(msg));
  XTT_ENSURE(h.type == MsgType::kRecordRegular, ErrorCode::kUnexpectedMessage,
             "expected Record_Regular, got " + std::string(name_of(h.type)));
  XTT_TRY(check_buffer_size(msg, h.length));
  ByteReader in(msg.subspan(kCommonHeaderSize));
  RecordView v;
  XTT_TRY(detail::read_fixed(in, v.session_id));
  v.seq_num = XTT_TRY(in.u32());
  v.aad = msg.first(RecordRegular::kAadSize);
  v.ciphertext = in.rest();
  return v;
}

}  // namespace xtt::wire
