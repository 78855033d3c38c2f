#include "wire/payload.hpp"

namespace xtt::wire {

Bytes PayloadPlaintext::encode() const {
  ByteWriter out(1 + payload.size());
  encode(out);
  return std::move(out).take();
}

void PayloadPlaintext::encode(ByteWriter& out) const {
  out.u8(payload_type);
  out.bytes(payload);
}

Result<PayloadPlaintext> PayloadPlaintext::decode(ByteSpan plaintext) {
  ByteReader in(plaintext);
  PayloadPlaintext p;
  p.payload_type = XTT_TRY(in.u8());
  const ByteSpan rest = in.rest();
  p.payload.assign(rest.begin(), rest.end());
  return p;
}

}  // namespace xtt::wire
