#include "wire/client_init.hpp"

#include "wire/codec.hpp"
#include "wire/header.hpp"

namespace xtt::wire {

Result<Bytes> ClientInit::encode() const {
  ByteWriter out(kSize);
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status ClientInit::encode(ByteWriter& out) const {
  XTT_TRY(suite_info(suite));
  encode_handshake_header(out, MsgType::kClientInit, kSize, suite);
  detail::write_fixed(out, client_nonce);
  detail::write_fixed(out, client_dh_pub);
  return ok();
}

Result<ClientInit> ClientInit::decode(ByteSpan msg) {
  const HandshakeHeader h = XTT_TRY(open_handshake_message(msg, {MsgType::kClientInit}));
  XTT_ENSURE(h.length == kSize, ErrorCode::kBadLength, "ClientInit length must be 70");
  XTT_TRY(check_buffer_size(msg, h.length));
  ByteReader in(msg.subspan(kHandshakeHeaderSize));
  ClientInit m;
  m.suite = h.suite;
  XTT_TRY(detail::read_fixed(in, m.client_nonce));
  XTT_TRY(detail::read_fixed(in, m.client_dh_pub));
  XTT_TRY(in.expect_end());
  return m;
}

}  // namespace xtt::wire
