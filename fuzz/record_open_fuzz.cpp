// The server's record receive path (§6.4) under arbitrary bytes: a
// SessionTable holding a confirmed and an unconfirmed session, and a lone
// server-side Session. Nothing may crash, and two invariants must hold:
// a record the fuzzer altered never authenticates, and a genuine record
// authenticates exactly once.
//
// Input: a sequence of chunks, each `op(1) len(2, big-endian) bytes(len)`.
//   op & 3 == 0: bytes are a record, opened by the table and the lone session;
//   op & 3 == 1: bytes are a payload; the matching client seals it, the
//                record is opened, then opened again (must be a replay);
//   op & 3 == 2: as 1, but bytes[0] picks a byte of the record to change by
//                bytes[1] | 1 first (must be dropped);
//   op & 3 == 3: advance the clock by bytes[0] * 1000 s and run expire().
// op >> 2 picks the session (0 confirmed, 1 unconfirmed) and the source
// address.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "record/session_table.hpp"

namespace {

using namespace xtt;
using namespace xtt::record;

constexpr UnixTime kStart = 1'700'000'000;

SessionKeys keys_for(std::uint8_t seed) {
  SessionKeys k;
  k.suite = seed == 1 ? wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512
                      : wire::SuiteSpec::kX25519LrswEd25519NullBlake2b;
  for (std::size_t i = 0; i < 16; ++i) {
    k.session_id.bytes[i] = static_cast<std::uint8_t>(seed * 16 + i);
  }
  for (std::size_t i = 0; i < 32; ++i) {
    k.client_key.data()[i] = static_cast<std::uint8_t>(seed + 3 * i);
    k.server_key.data()[i] = static_cast<std::uint8_t>(seed + 5 * i + 1);
  }
  for (std::size_t i = 0; i < 12; ++i) {
    k.client_iv.data()[i] = static_cast<std::uint8_t>(seed ^ (7 * i));
    k.server_iv.data()[i] = static_cast<std::uint8_t>(seed ^ (11 * i + 1));
  }
  return k;
}

template <typename T>
T must(Result<T> r) {
  if (!r) {
    std::abort();
  }
  return std::move(r).value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  SessionTable table;
  std::vector<Session> clients;
  for (std::uint8_t seed : {1, 2}) {
    const SessionKeys keys = keys_for(seed);
    SessionOptions o;
    o.confirmed = seed == 1;
    o.peer = PeerAddress::v4(10, 0, 0, seed, 1000);
    wire::ClientId cid;
    cid.bytes.fill(seed);
    if (!table.insert(cid, must(Session::create(Role::kServer, keys, kStart, o)), kStart)) {
      std::abort();
    }
    clients.push_back(must(Session::create(Role::kClient, keys, kStart)));
  }
  Session lone = must(Session::create(Role::kServer, keys_for(1), kStart));

  UnixTime now = kStart;
  std::vector<std::uint8_t> record(kMaxRecordSize);
  std::vector<std::uint8_t> plain(kMaxRecordSize);
  ByteReader in(ByteSpan(data, size));
  while (!in.empty()) {
    const auto op = in.u8();
    const auto len = in.u16();
    if (!op || !len) {
      break;
    }
    const ByteSpan body = in.bytes(std::min<std::size_t>(*len, in.remaining())).value();
    const std::size_t which = (*op >> 2) & 1;
    const PeerAddress from = PeerAddress::v4(192, 0, 2, static_cast<std::uint8_t>(*op), 7);
    switch (*op & 3) {
      case 0: {
        // The per-packet header parser accepts exactly what the codec does.
        wire::RecordView view;
        const bool ours = parse_record_view(body, view) == DropReason::kNone;
        const auto theirs = wire::parse_record(body);
        if (ours != theirs.has_value() ||
            (ours && (view.seq_num != theirs->seq_num || view.session_id != theirs->session_id ||
                      view.ciphertext.size() != theirs->ciphertext.size()))) {
          std::abort();
        }
        (void)table.open(body, plain, now, from);
        (void)lone.open(body, plain, now, from);
        break;
      }
      case 1:
      case 2: {
        const bool mutate = (*op & 3) == 2 && body.size() >= 2;
        auto n = clients[which].seal(body.empty() ? 1 : body[0], body, record, now);
        if (!n) {
          break;  // past the age limit after a clock jump: fine
        }
        ByteSpan rec(record.data(), *n);
        const bool live = table.status(clients[which].id()).has_value();
        if (mutate) {
          record[body[0] % *n] ^= static_cast<std::uint8_t>(body[1] | 1);
          if (table.open(rec, plain, now, from).record.authenticated()) {
            std::abort();
          }
          break;
        }
        const TableOpened first = table.open(rec, plain, now, from);
        if (live && !first.record.authenticated() && first.record.reason != DropReason::kExpired) {
          std::abort();
        }
        if (table.open(rec, plain, now, from).record.authenticated()) {
          std::abort();  // a replay got through
        }
        break;
      }
      default:
        now += static_cast<UnixTime>(body.empty() ? 0 : body[0]) * 1000;
        (void)table.expire(now);
        break;
    }
  }
  return 0;
}
