#pragma once

#include "base/bytes.hpp"
#include "wire/constants.hpp"

namespace xtt::wire {

// Error (0x41, §2.7): 41 0004 vv, no error code and no protection. Receivers
// ignore the version byte (a server that fails before reading a ClientInit may
// send any value), but it is kept so re-encoding reproduces the bytes.
struct ErrorMsg {
  static constexpr std::size_t kSize = kErrorMsgSize;

  std::uint8_t version = kVersion;

  Bytes encode() const;
  void encode(ByteWriter& out) const;
  // Type 0x41 (kUnknownType / kUnexpectedMessage otherwise), length 4
  // (kBadLength / kTooLarge), exactly 4 bytes (kTruncated / kTrailingBytes).
  static Result<ErrorMsg> decode(ByteSpan msg);

  friend bool operator==(const ErrorMsg&, const ErrorMsg&) = default;
};

}  // namespace xtt::wire
