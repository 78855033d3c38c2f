#pragma once

#include "base/bytes.hpp"
#include "wire/constants.hpp"

namespace xtt::wire {

// What a record (§6.4) or a message-3 payload block (§6.3) seals:
// payload_type(1) || payload(n). n = 0 is a keepalive. payload_type is kept
// raw: an unknown value still authenticates and is then discarded by the
// receiver, so it is no decoding error (is_known_payload_type tells them apart).
struct PayloadPlaintext {
  std::uint8_t payload_type = static_cast<std::uint8_t>(PayloadType::kQueueProtocol);
  Bytes payload;

  bool is_keepalive() const { return payload.empty(); }

  Bytes encode() const;
  void encode(ByteWriter& out) const;
  // At least the payload_type byte, else kTruncated.
  static Result<PayloadPlaintext> decode(ByteSpan plaintext);

  friend bool operator==(const PayloadPlaintext&, const PayloadPlaintext&) = default;
};

}  // namespace xtt::wire
