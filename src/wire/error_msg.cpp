#include "wire/error_msg.hpp"

#include "wire/header.hpp"

namespace xtt::wire {

Bytes ErrorMsg::encode() const {
  ByteWriter out(kSize);
  encode(out);
  return std::move(out).take();
}

void ErrorMsg::encode(ByteWriter& out) const {
  encode_common_header(out, MsgType::kError, kSize, version);
}

Result<ErrorMsg> ErrorMsg::decode(ByteSpan msg) {
  const CommonHeader h = XTT_TRY(decode_common_header(msg));
  XTT_ENSURE(h.type == MsgType::kError, ErrorCode::kUnexpectedMessage,
             "expected Error, got " + std::string(name_of(h.type)));
  XTT_ENSURE(h.length == kSize, ErrorCode::kBadLength, "Error length must be 4");
  XTT_TRY(check_buffer_size(msg, h.length));
  return ErrorMsg{h.version};
}

}  // namespace xtt::wire
