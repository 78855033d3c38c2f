#pragma once

#include <array>
#include <cstdint>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// Record_Regular (0x31, §6.4): type, total length, version, session_id(16),
// seq_num(be32) — bytes [0..24), the associated data — then the sealed
// payload_type || payload with its tag. Total 41 + n, n <= 65494. There is no
// suite field: the suite is the session's.
struct RecordRegular {
  static constexpr std::size_t kAadSize = kRecordHeaderSize;
  static constexpr std::size_t kMinSize = kRecordMinSize;
  static constexpr std::size_t kMaxPayloadSize = kMaxMessageLength - kMinSize;  // 65494

  SessionId session_id;
  std::uint32_t seq_num = 0;
  // Sealed payload_type || payload || tag: at least 17 bytes.
  Bytes ciphertext;

  // The total for a payload of n bytes; kTooLarge above 65494.
  static Result<std::size_t> size_for(std::size_t payload_size);
  // The associated data of a record carrying n payload bytes, for senders
  // that build it before sealing.
  static Result<std::array<std::uint8_t, kAadSize>> aad_for(const SessionId& session_id,
                                                            std::uint32_t seq_num,
                                                            std::size_t payload_size);
  // Bytes [0..24) of this record's encoding.
  Result<std::array<std::uint8_t, kAadSize>> aad() const;

  // kInvalidArgument for a ciphertext under 17 bytes, kTooLarge past 65535.
  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<RecordRegular> decode(ByteSpan msg);

  friend bool operator==(const RecordRegular&, const RecordRegular&) = default;
};

// A parsed record that points into the received buffer, for the receive path
// (no copy before the session lookup and the replay pre-check).
struct RecordView {
  SessionId session_id;
  std::uint32_t seq_num = 0;
  ByteSpan aad;         // bytes [0..24)
  ByteSpan ciphertext;  // bytes [24..end)
};

// The same checks as RecordRegular::decode: type 0x31, length >= 41, version
// 1, and the buffer exactly one message (datagram size == length).
Result<RecordView> parse_record(ByteSpan msg);

}  // namespace xtt::wire
