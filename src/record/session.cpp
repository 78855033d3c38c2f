#include "record/session.hpp"

#include <cstring>

#include "base/secret.hpp"

namespace xtt::record {

namespace {

constexpr std::uint64_t kSeqSpace = std::uint64_t{1} << 32;

UnixTime age_of(UnixTime created_at, UnixTime now) {
  return now > created_at ? now - created_at : 0;
}

Status check_not_above(std::uint64_t value, std::uint64_t spec, const char* what) {
  XTT_ENSURE(value <= spec, ErrorCode::kInvalidArgument,
             std::string(what) + " above the suite's limit (§6.4)");
  return ok();
}

}  // namespace

const char* name_of(DropReason reason) {
  switch (reason) {
    case DropReason::kNone:
      return "none";
    case DropReason::kBadType:
      return "bad-type";
    case DropReason::kBadLength:
      return "bad-length";
    case DropReason::kBadVersion:
      return "bad-version";
    case DropReason::kUnknownSession:
      return "unknown-session";
    case DropReason::kClosed:
      return "closed";
    case DropReason::kExpired:
      return "expired";
    case DropReason::kSeqOutOfRange:
      return "seq-out-of-range";
    case DropReason::kReplayed:
      return "replayed";
    case DropReason::kOutputTooSmall:
      return "output-too-small";
    case DropReason::kBadTag:
      return "bad-tag";
  }
  return "unknown";
}

UsageLimits UsageLimits::for_suite(wire::AeadKind aead) {
  switch (aead) {
    case wire::AeadKind::kAes256Gcm:
      return {std::uint64_t{1} << 22, std::uint64_t{1} << 23, std::uint64_t{1} << 52};
    case wire::AeadKind::kChaCha20Poly1305:
      return {std::uint64_t{1} << 31, kSeqSpace, std::uint64_t{1} << 36};
    case wire::AeadKind::kNull:
      break;
  }
  return {std::uint64_t{1} << 31, kSeqSpace, std::uint64_t{1} << 52};
}

DropReason parse_record_view(ByteSpan record, wire::RecordView& view) {
  if (record.empty() || record[0] != static_cast<std::uint8_t>(wire::MsgType::kRecordRegular)) {
    return DropReason::kBadType;
  }
  if (record.size() < wire::kCommonHeaderSize) {
    return DropReason::kBadLength;
  }
  if (record[3] != wire::kVersion) {
    return DropReason::kBadVersion;
  }
  const std::size_t length = load_be16(record.data() + 1);
  if (length < kRecordOverhead || length != record.size()) {
    return DropReason::kBadLength;
  }
  // The checks above are wire::parse_record's; the fields are read here
  // directly because this runs for every packet, and Result-wrapped reads
  // cost a tenth of a 64-byte AEAD. The unit tests and the record_open fuzz
  // target hold the two parsers to the same answers.
  std::memcpy(view.session_id.bytes.data(), record.data() + wire::kCommonHeaderSize,
              wire::kSessionIdSize);
  view.seq_num = load_be32(record.data() + wire::kCommonHeaderSize + wire::kSessionIdSize);
  view.aad = record.first(wire::kRecordHeaderSize);
  view.ciphertext = record.subspan(wire::kRecordHeaderSize);
  return DropReason::kNone;
}

Session::Session(Role role, wire::SuiteSpec suite, wire::AeadKind aead, TrafficKey send,
                 TrafficKey receive)
    : role_(role),
      suite_(suite),
      aead_(aead),
      send_(std::move(send)),
      receive_(std::move(receive)) {}

Result<Session> Session::create(Role role, const SessionKeys& keys, UnixTime created_at,
                                const SessionOptions& options) {
  const wire::SuiteInfo info = XTT_TRY(wire::suite_info(keys.suite));
  XTT_ENSURE(options.rekey_after > 0 && options.max_age > 0, ErrorCode::kInvalidArgument,
             "session time limits must be positive");
  const UsageLimits spec = UsageLimits::for_suite(info.aead);
  UsageLimits limits = spec;
  if (options.limits) {
    XTT_TRY(check_not_above(options.limits->soft_records, spec.soft_records, "soft limit"));
    XTT_TRY(check_not_above(options.limits->hard_records, spec.hard_records, "hard limit"));
    XTT_TRY(
        check_not_above(options.limits->max_failed_tags, spec.max_failed_tags, "failed-tag limit"));
    XTT_ENSURE(options.limits->max_failed_tags > 0, ErrorCode::kInvalidArgument,
               "failed-tag limit must be positive");
    limits = *options.limits;
  }
  const bool client = role == Role::kClient;
  auto client_key =
      XTT_TRY(TrafficKey::create(info, keys.client_key.span(), keys.client_iv.span()));
  auto server_key =
      XTT_TRY(TrafficKey::create(info, keys.server_key.span(), keys.server_iv.span()));
  Session s(role, keys.suite, info.aead, client ? std::move(client_key) : std::move(server_key),
            client ? std::move(server_key) : std::move(client_key));
  s.id_ = keys.session_id;
  s.limits_ = limits;
  s.created_at_ = created_at;
  s.rekey_after_ = options.rekey_after;
  s.max_age_ = options.max_age;
  // §6.1: client->server seq 0 is the message-3 payload block's, sent or not.
  s.next_send_seq_ = client ? 1 : 0;
  s.window_ = client ? ReplayWindow() : ReplayWindow::with_zero_taken();
  // Only the server has something to confirm (§6.2).
  s.confirmed_ = client || options.confirmed;
  if (!client && options.peer) {
    s.path_ = PeerPath(*options.peer);
  }
  return s;
}

bool Session::expired(UnixTime now) const { return age_of(created_at_, now) >= max_age_; }

bool Session::needs_rekey(UnixTime now) const {
  if (age_of(created_at_, now) >= rekey_after_ || next_send_seq_ >= limits_.soft_records) {
    return true;
  }
  return !window_.empty() && window_.top() + 1 >= limits_.soft_records;
}

bool Session::receivable_seq(std::uint64_t seq, wire::AeadKind aead) {
  return seq < kSeqSpace && seq < UsageLimits::for_suite(aead).hard_records;
}

void Session::set_next_send_seq_for_testing(std::uint64_t seq) {
  if (seq > next_send_seq_) {
    next_send_seq_ = seq;
  }
}

std::size_t Session::write_record(std::uint32_t seq, std::uint8_t payload_type, ByteSpan payload,
                                  MutableByteSpan out, Status& sealed) {
  const std::size_t total = kRecordOverhead + payload.size();
  std::uint8_t* p = out.data();
  p[0] = static_cast<std::uint8_t>(wire::MsgType::kRecordRegular);
  store_be16(p + 1, static_cast<std::uint16_t>(total));
  p[3] = wire::kVersion;
  std::memcpy(p + 4, id_.bytes.data(), wire::kSessionIdSize);
  store_be32(p + 20, seq);
  p[wire::kRecordHeaderSize] = payload_type;
  std::uint8_t* body = p + wire::kRecordHeaderSize + 1;
  if (!payload.empty() && payload.data() != body) {
    std::memmove(body, payload.data(), payload.size());
  }
  const ByteSpan aad = out.first(wire::kRecordHeaderSize);
  const std::size_t plain = 1 + payload.size();
  sealed = send_.seal(seq, aad, out.subspan(wire::kRecordHeaderSize, plain),
                      out.subspan(wire::kRecordHeaderSize, plain + kTagSize));
  return total;
}

Result<std::size_t> Session::seal(std::uint8_t payload_type, ByteSpan payload, MutableByteSpan out,
                                  UnixTime now) {
  XTT_ENSURE(!closed_, ErrorCode::kClosed, "session closed");
  XTT_ENSURE(!expired(now), ErrorCode::kSessionExpired, "session past its age limit");
  XTT_ENSURE(next_send_seq_ < limits_.hard_records, ErrorCode::kSessionExpired,
             "session reached its usage limit: start a new session");
  XTT_ENSURE(payload.size() <= kMaxRecordPayload, ErrorCode::kTooLarge,
             "record payload above 65494 bytes");
  XTT_ENSURE(out.size() >= kRecordOverhead + payload.size(), ErrorCode::kInvalidArgument,
             "record buffer too small");
  const auto seq = static_cast<std::uint32_t>(next_send_seq_);
  // Consumed even if sealing fails: a nonce may have been used.
  ++next_send_seq_;
  Status sealed;
  const std::size_t total = write_record(seq, payload_type, payload, out, sealed);
  XTT_TRY(std::move(sealed));
  ++stats_.sealed;
  return total;
}

Result<std::size_t> Session::seal_keepalive(MutableByteSpan out, UnixTime now) {
  return seal(static_cast<std::uint8_t>(wire::PayloadType::kQueueProtocol), {}, out, now);
}

Status Session::seal_batch(std::span<SealItem> items, UnixTime now) {
  for (SealItem& item : items) {
    item.written = 0;
  }
  for (SealItem& item : items) {
    item.written = XTT_TRY(seal(item.payload_type, item.payload, item.out, now));
  }
  return ok();
}

Opened Session::drop(DropReason reason, std::uint32_t seq) {
  ++stats_.dropped[static_cast<std::size_t>(reason)];
  Opened out;
  out.reason = reason;
  out.seq = seq;
  return out;
}

Opened Session::open(ByteSpan record, MutableByteSpan out, UnixTime now) {
  return open_impl(record, out, now, nullptr);
}

Opened Session::open(ByteSpan record, MutableByteSpan out, UnixTime now, const PeerAddress& from) {
  return open_impl(record, out, now, &from);
}

Opened Session::open_impl(ByteSpan record, MutableByteSpan out, UnixTime now,
                          const PeerAddress* from) {
  wire::RecordView view;
  if (const DropReason reason = parse_record_view(record, view); reason != DropReason::kNone) {
    return drop(reason);
  }
  if (view.session_id != id_) {
    return drop(DropReason::kUnknownSession, view.seq_num);
  }
  return open_view(view, out, now, from);
}

void Session::open_batch(std::span<OpenItem> items, UnixTime now) {
  for (OpenItem& item : items) {
    item.result = open_impl(item.record, item.out, now, item.from ? &*item.from : nullptr);
  }
}

Opened Session::open_view(const wire::RecordView& record, MutableByteSpan out, UnixTime now,
                          const PeerAddress* from) {
  const std::uint32_t seq = record.seq_num;
  if (closed_) {
    return drop(DropReason::kClosed, seq);
  }
  if (expired(now)) {
    return drop(DropReason::kExpired, seq);
  }
  if (!receivable_seq(seq, aead_)) {
    return drop(DropReason::kSeqOutOfRange, seq);
  }
  // Step 3: the cheap replay pre-check, before any crypto.
  if (!window_.is_fresh(seq)) {
    return drop(DropReason::kReplayed, seq);
  }
  const std::size_t plain_size = record.ciphertext.size() - kTagSize;
  if (out.size() < plain_size) {
    return drop(DropReason::kOutputTooSmall, seq);
  }
  // Step 4.
  const MutableByteSpan plain = out.first(plain_size);
  if (!receive_.open(seq, record.aad, record.ciphertext, plain)) {
    if (++failed_tags_ >= limits_.max_failed_tags) {
      closed_ = true;
    }
    return drop(DropReason::kBadTag, seq);
  }
  // Step 5: only an authenticated record may move the window.
  Opened result;
  result.seq = seq;
  result.raised_top = window_.accept(seq);
  // Step 6.
  result.payload_type = plain[0];
  if (plain_size == 1) {
    result.outcome = RecordOutcome::kKeepalive;
    ++stats_.keepalives;
  } else if (wire::is_known_payload_type(plain[0])) {
    result.outcome = RecordOutcome::kDelivered;
    result.payload = plain.subspan(1);
    ++stats_.delivered;
  } else {
    result.outcome = RecordOutcome::kDiscarded;
    secure_wipe(plain.data() + 1, plain_size - 1);
    ++stats_.discarded_unknown_type;
  }
  // Step 7: confirm first, so the confirming record may also move the address.
  if (!confirmed_) {
    confirmed_ = true;
    result.confirmed_now = true;
  }
  if (role_ == Role::kServer && from != nullptr) {
    const std::size_t record_size = record.aad.size() + record.ciphertext.size();
    result.address_changed =
        path_.on_authenticated(*from, record_size, result.raised_top && confirmed_);
  }
  return result;
}

}  // namespace xtt::record
