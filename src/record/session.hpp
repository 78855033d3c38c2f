#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "base/bytes.hpp"
#include "record/peer_path.hpp"
#include "record/replay_window.hpp"
#include "record/session_keys.hpp"
#include "record/traffic_key.hpp"
#include "wire/constants.hpp"
#include "wire/record_regular.hpp"
#include "wire/types.hpp"

namespace xtt::record {

// Seconds since the Unix epoch; the caller's clock (the record layer has none).
using UnixTime = std::int64_t;

// Record_Regular sizes (§6.4): 24-byte header (the AD), payload_type, n
// payload bytes, 16-byte tag.
inline constexpr std::size_t kRecordOverhead = wire::kRecordMinSize;  // 41
inline constexpr std::size_t kMaxRecordPayload = wire::kMaxMessageLength - kRecordOverhead;
inline constexpr std::size_t kMaxRecordSize = wire::kMaxMessageLength;
// The smallest `out` that open() needs for a record of `record_size` bytes.
constexpr std::size_t open_buffer_size(std::size_t record_size) {
  return record_size < kRecordOverhead ? 0 : record_size - wire::kRecordHeaderSize - kTagSize;
}

// Per-direction AEAD usage limits (§6.4 table). "Records" counts
// encryptions under one key, seq 0 included, so hard_records is one past the
// last sequence number a sender may use.
struct UsageLimits {
  std::uint64_t soft_records = 0;     // the client starts a new session handshake
  std::uint64_t hard_records = 0;     // the sender stops
  std::uint64_t max_failed_tags = 0;  // the receiver closes the session

  // The spec's values for the suite's AEAD.
  static UsageLimits for_suite(wire::AeadKind aead);
};

struct SessionOptions {
  // Server role: false for a session from a 0x21 session handshake (§6.2);
  // true for identity handshakes and for a 0x22 whose payload block
  // authenticated. Client-role sessions have nothing to confirm and ignore it.
  bool confirmed = false;
  // Server role: the source address of the message 3 that created the
  // session (§6.4 roaming). Absent on stream transports that do not need it.
  std::optional<PeerAddress> peer;
  // Time limits (§6.4), counted from created_at.
  UnixTime rekey_after = 3600;
  UnixTime max_age = 86400;
  // Defaults to UsageLimits::for_suite; create() refuses values above those
  // (lowering them is allowed, e.g. for tests or a stricter policy).
  std::optional<UsageLimits> limits;
};

// What became of one received record. Every drop is silent (§6.4): no Error
// is sent and the session stays usable (only reaching the failed-tag limit
// closes it).
enum class RecordOutcome : std::uint8_t {
  kDelivered,  // payload_type and payload are valid
  kKeepalive,  // n = 0: authenticated, nothing for the application
  kDiscarded,  // authenticated, but an unknown payload_type: payload discarded
  kDropped,    // see DropReason
};

enum class DropReason : std::uint8_t {
  kNone = 0,
  kBadType,         // not 0x31, or shorter than a header
  kBadLength,       // length < 41, or not the size of the buffer
  kBadVersion,      // version != 0x01
  kUnknownSession,  // session_id not ours (or not in the table)
  kClosed,          // the session was closed (failed-tag limit, or close())
  kExpired,         // the session is past its age limit, or retired
  kSeqOutOfRange,   // seq_num past what the sender may ever use
  kReplayed,        // not fresh in the replay window (duplicate or too old)
  kOutputTooSmall,  // the caller's out buffer cannot hold the plaintext
  kBadTag,          // AEAD failure; counted toward the failed-tag limit
};
inline constexpr std::size_t kDropReasonCount = 11;
const char* name_of(DropReason reason);

struct Opened {
  RecordOutcome outcome = RecordOutcome::kDropped;
  DropReason reason = DropReason::kNone;
  std::uint8_t payload_type = 0;
  // Points into the caller's out buffer (kDelivered only).
  ByteSpan payload;
  std::uint32_t seq = 0;
  // The record raised the window's top (§6.4 roaming precondition).
  bool raised_top = false;
  // The record confirmed an unconfirmed server-side session (§6.2).
  bool confirmed_now = false;
  // The record moved the session's peer address (§6.4 roaming).
  bool address_changed = false;

  bool authenticated() const { return outcome != RecordOutcome::kDropped; }
};

// Step 1 of §6.4 (type 0x31, length >= 41 and equal to the buffer size,
// version 0x01): kNone and a view into record, or the reason to drop. Unlike
// wire::parse_record it never builds an Error, so junk costs no allocation.
DropReason parse_record_view(ByteSpan record, wire::RecordView& view);

struct RecordStats {
  std::uint64_t sealed = 0;
  std::uint64_t delivered = 0;
  std::uint64_t keepalives = 0;
  std::uint64_t discarded_unknown_type = 0;
  std::array<std::uint64_t, kDropReasonCount> dropped{};
};

// One item of seal_batch: in payload_type/payload/out, out written.
struct SealItem {
  std::uint8_t payload_type = static_cast<std::uint8_t>(wire::PayloadType::kQueueProtocol);
  ByteSpan payload;
  MutableByteSpan out;
  std::size_t written = 0;
};

// One item of open_batch: in record/out/from, out result.
struct OpenItem {
  ByteSpan record;
  MutableByteSpan out;
  std::optional<PeerAddress> from;
  Opened result;
};

// One side of one session's record protocol (§6.4): seals Record_Regular
// (0x31) records with this side's key and opens the peer's, with the replay
// window, the usage and time limits, key confirmation and (server role)
// the peer address. Sans-IO: bytes and `now` in, bytes and outcomes out.
//
// Steady state allocates nothing: seal writes into the caller's buffer and
// open decrypts into the caller's buffer (the null suites' MAC reuses a
// scratch buffer inside TrafficKey).
//
// Not thread-safe: one thread at a time per Session (SessionTable adds a
// lock for the server).
class Session {
 public:
  static Result<Session> create(Role role, const SessionKeys& keys, UnixTime created_at,
                                const SessionOptions& options = {});

  Role role() const { return role_; }
  const wire::SessionId& id() const { return id_; }
  wire::SuiteSpec suite() const { return suite_; }
  UnixTime created_at() const { return created_at_; }
  const UsageLimits& limits() const { return limits_; }
  bool confirmed() const { return confirmed_; }
  bool closed() const { return closed_; }
  // Past max_age: neither side may use it any more.
  bool expired(UnixTime now) const;
  // Time for the client to start a new session handshake (§6.4, §6.0 point
  // 1): its own sends or the highest received seq reached the soft limit, or
  // rekey_after passed. The server computes the same but never acts on it.
  bool needs_rekey(UnixTime now) const;
  // Closes locally (§6.4: no Error needed); every later seal/open fails.
  void close() { closed_ = true; }

  // --- sending ---------------------------------------------------------
  // Writes one whole record (41 + payload.size() bytes) at the start of out
  // and returns its size. payload may already sit at out[25..] (zero copy).
  // kClosed, kSessionExpired (age or the hard usage limit: the sender never
  // wraps), kTooLarge (n > 65494), kInvalidArgument (out too small).
  Result<std::size_t> seal(std::uint8_t payload_type, ByteSpan payload, MutableByteSpan out,
                           UnixTime now);
  // n = 0 with payload_type 0x01 (§6.4): confirms a session at once.
  Result<std::size_t> seal_keepalive(MutableByteSpan out, UnixTime now);
  // Seals items in order with consecutive sequence numbers. Stops at the
  // first failure and returns it; the items before it are sealed.
  Status seal_batch(std::span<SealItem> items, UnixTime now);
  // The seq_num the next record will carry.
  std::uint64_t next_send_seq() const { return next_send_seq_; }

  // --- receiving -------------------------------------------------------
  // The §6.4 receiver steps, in order. `out` receives payload_type ||
  // payload (open_buffer_size(record.size()) bytes suffice). `from` is the
  // datagram's source (server role: drives roaming; ignored for clients).
  Opened open(ByteSpan record, MutableByteSpan out, UnixTime now);
  Opened open(ByteSpan record, MutableByteSpan out, UnixTime now, const PeerAddress& from);
  void open_batch(std::span<OpenItem> items, UnixTime now);
  // Steps 3-7 for a record whose header the caller checked and whose
  // session_id it matched to this session (SessionTable does steps 1-2).
  Opened open_view(const wire::RecordView& record, MutableByteSpan out, UnixTime now,
                   const PeerAddress* from);

  std::uint64_t failed_tags() const { return failed_tags_; }
  const RecordStats& stats() const { return stats_; }
  const ReplayWindow& window() const { return window_; }

  // --- peer address (server role) -------------------------------------
  const PeerPath& path() const { return path_; }
  bool may_send(std::size_t bytes) const { return path_.may_send(bytes); }
  void on_sent(std::size_t bytes) { path_.on_sent(bytes); }

  // Receivers reject any seq_num a sender under the suite's limits cannot
  // use (past 2^32 - 1 for every suite, past 2^23 - 1 for AES-256-GCM).
  static bool receivable_seq(std::uint64_t seq, wire::AeadKind aead);

  // Test hook: start the send counter near a limit without sealing 2^32
  // records. Never lowers it (a sender must not reuse a seq_num).
  void set_next_send_seq_for_testing(std::uint64_t seq);

 private:
  Session(Role role, wire::SuiteSpec suite, wire::AeadKind aead, TrafficKey send,
          TrafficKey receive);
  Opened drop(DropReason reason, std::uint32_t seq = 0);
  Opened open_impl(ByteSpan record, MutableByteSpan out, UnixTime now, const PeerAddress* from);
  std::size_t write_record(std::uint32_t seq, std::uint8_t payload_type, ByteSpan payload,
                           MutableByteSpan out, Status& sealed);

  Role role_;
  wire::SuiteSpec suite_;
  wire::AeadKind aead_;
  wire::SessionId id_;
  TrafficKey send_;
  TrafficKey receive_;
  UsageLimits limits_;
  UnixTime created_at_ = 0;
  UnixTime rekey_after_ = 0;
  UnixTime max_age_ = 0;
  std::uint64_t next_send_seq_ = 0;
  ReplayWindow window_;
  std::uint64_t failed_tags_ = 0;
  bool confirmed_ = false;
  bool closed_ = false;
  PeerPath path_;
  RecordStats stats_;
};

}  // namespace xtt::record
