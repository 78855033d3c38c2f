#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "base/bytes.hpp"
#include "wire/constants.hpp"

namespace xtt::wire {

// The 4 bytes every message starts with (§2.2): type, total length, version.
struct CommonHeader {
  MsgType type = MsgType::kError;
  std::uint16_t length = 0;
  std::uint8_t version = kVersion;
};

// Parses the first 4 bytes of data (more may follow). Checks, in order: the
// type is known (kUnknownType); the length is at least the type's minimum
// (kBadLength) and at most its maximum (kTooLarge: 750, or 65535 for the
// payload-carrying types and records); the version is 1 (kUnknownVersion),
// except for Error, whose version byte receivers ignore (§2.7).
Result<CommonHeader> decode_common_header(ByteSpan data);
void encode_common_header(ByteWriter& out, MsgType type, std::uint16_t length,
                          std::uint8_t version = kVersion);

// A handshake message's 6-byte header: the common header and the suite.
struct HandshakeHeader {
  MsgType type = MsgType::kClientInit;
  std::uint16_t length = 0;
  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
};

// The common header checks, then a type that carries a suite (otherwise
// kUnexpectedMessage) and a known suite (kUnknownSuite).
Result<HandshakeHeader> decode_handshake_header(ByteSpan data);
void encode_handshake_header(ByteWriter& out, MsgType type, std::uint16_t length, SuiteSpec suite);

// Stream framing for TCP drivers: given at least the first 4 bytes of a
// message, the total number of bytes it occupies (header checks as in
// decode_common_header). Fewer than 4 bytes is kTruncated.
Result<std::size_t> frame_length(ByteSpan data);
// How many more bytes must arrive before buffered holds one whole message:
// 4 - size while the header is incomplete, then length - size, and 0 once
// the message is complete (extra bytes belong to the next message).
Result<std::size_t> bytes_needed(ByteSpan buffered);

// Checks that msg is exactly one message of the given size: kTruncated when
// shorter, kTrailingBytes when longer. The length field must already have been
// checked against the size the suite requires.
Status check_buffer_size(ByteSpan msg, std::size_t length);

// Opens a handshake message for a decoder that accepts the given types: the
// header checks above, then a known type outside allowed is kUnexpectedMessage.
// The buffer size is not checked here.
Result<HandshakeHeader> open_handshake_message(ByteSpan msg,
                                               std::initializer_list<MsgType> allowed);

// Converts a size known to fit the u16 length field.
Result<std::uint16_t> checked_length(std::size_t total, std::size_t max = kMaxMessageLength);

}  // namespace xtt::wire
