#include "record/session.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "record_test_util.hpp"
#include "wire/record_regular.hpp"

namespace xtt::record {
namespace {

using namespace test_util;
using wire::SuiteSpec;

constexpr std::uint8_t kIpv6 = static_cast<std::uint8_t>(wire::PayloadType::kIpv6);

const std::vector<SuiteSpec> kAllSuites = {
    SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
    SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b,
    SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512,
    SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b,
    SuiteSpec::kX25519LrswEcdsaP256NullSha512,
    SuiteSpec::kX25519LrswEcdsaP256NullBlake2b,
    SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Sha512,
    SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Blake2b,
    SuiteSpec::kX25519LrswEd25519Aes256GcmSha512,
    SuiteSpec::kX25519LrswEd25519Aes256GcmBlake2b,
    SuiteSpec::kX25519LrswEd25519NullSha512,
    SuiteSpec::kX25519LrswEd25519NullBlake2b,
};

constexpr SuiteSpec kChaCha = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
constexpr SuiteSpec kAes = SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512;

// Opens into a fresh buffer big enough for any record.
struct Receiver {
  Bytes buf = Bytes(kMaxRecordSize);
  Opened open(Session& s, ByteSpan record, UnixTime now = kT0) { return s.open(record, buf, now); }
};

// A record built by hand with a TrafficKey, for sequence numbers no Session
// would send.
Bytes forge(const SessionKeys& keys, bool client_key, std::uint32_t seq, ByteSpan payload) {
  auto info = wire::suite_info(keys.suite);
  auto key = TrafficKey::create(*info, client_key ? keys.client_key.span() : keys.server_key.span(),
                                client_key ? keys.client_iv.span() : keys.server_iv.span());
  auto aad = wire::RecordRegular::aad_for(keys.session_id, seq, payload.size());
  Bytes plain = {kIpv6};
  plain.insert(plain.end(), payload.begin(), payload.end());
  auto sealed = key->seal(seq, *aad, plain);
  Bytes out(aad->begin(), aad->end());
  out.insert(out.end(), sealed->begin(), sealed->end());
  return out;
}

class SessionEverySuite : public ::testing::TestWithParam<SuiteSpec> {};

TEST_P(SessionEverySuite, RoundTripsBothDirectionsWithTheSpecSequenceNumbers) {
  auto [client, server] = make_pair(GetParam());
  Receiver rx;
  for (std::size_t n : {std::size_t{1}, std::size_t{100}, std::size_t{1280}, std::size_t{16384}}) {
    Bytes payload(n);
    for (std::size_t i = 0; i < n; ++i) {
      payload[i] = static_cast<std::uint8_t>(i * 7 + n);
    }
    const std::uint64_t cseq = client.next_send_seq();
    const Bytes up = seal(client, payload);
    ASSERT_EQ(up.size(), 41 + n);
    // The wire codec agrees with the layout we wrote by hand.
    auto decoded = wire::RecordRegular::decode(up);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->session_id, client.id());
    EXPECT_EQ(decoded->seq_num, cseq);
    auto aad = wire::RecordRegular::aad_for(client.id(), decoded->seq_num, n);
    EXPECT_EQ(Bytes(aad->begin(), aad->end()), Bytes(up.begin(), up.begin() + 24));
    const Opened a = rx.open(server, up);
    ASSERT_EQ(a.outcome, RecordOutcome::kDelivered) << name_of(a.reason);
    EXPECT_EQ(a.payload_type, kIpv6);
    EXPECT_EQ(to_bytes(a.payload), payload);
    EXPECT_EQ(a.seq, cseq);

    const std::uint64_t sseq = server.next_send_seq();
    const Bytes down = seal(server, payload);
    const Opened b = rx.open(client, down);
    ASSERT_EQ(b.outcome, RecordOutcome::kDelivered) << name_of(b.reason);
    EXPECT_EQ(to_bytes(b.payload), payload);
    EXPECT_EQ(b.seq, sseq);
  }
  // Client records start at 1 (seq 0 is the payload block's), server at 0.
  EXPECT_EQ(client.next_send_seq(), 5u);
  EXPECT_EQ(server.next_send_seq(), 4u);
  EXPECT_EQ(server.stats().delivered, 4u);
  EXPECT_EQ(client.stats().sealed, 4u);
}

TEST_P(SessionEverySuite, AFlippedBitAnywhereIsDroppedAndTheSessionLivesOn) {
  auto [client, server] = make_pair(GetParam());
  Receiver rx;
  const Bytes good = seal(client, text("flip me"));
  std::uint64_t bad_tags = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = good;
      bad[i] ^= static_cast<std::uint8_t>(1u << bit);
      const Opened r = rx.open(server, bad);
      ASSERT_EQ(r.outcome, RecordOutcome::kDropped) << i << "/" << bit;
      if (i == 0) {
        EXPECT_EQ(r.reason, DropReason::kBadType);
      } else if (i < 3) {
        EXPECT_EQ(r.reason, DropReason::kBadLength);
      } else if (i == 3) {
        EXPECT_EQ(r.reason, DropReason::kBadVersion);
      } else if (i < 20) {
        EXPECT_EQ(r.reason, DropReason::kUnknownSession);
      } else if (r.reason != DropReason::kReplayed &&       // seq 1 -> 0 is taken
                 r.reason != DropReason::kSeqOutOfRange) {  // AES-GCM: seq >= 2^23
        EXPECT_EQ(r.reason, DropReason::kBadTag) << i << "/" << bit;
      }
      bad_tags += r.reason == DropReason::kBadTag ? 1 : 0;
    }
  }
  EXPECT_EQ(server.failed_tags(), bad_tags);
  EXPECT_GT(bad_tags, 8u * (good.size() - 24));
  EXPECT_FALSE(server.closed());
  EXPECT_TRUE(server.window().is_fresh(1));  // no forgery moved the window
  EXPECT_EQ(rx.open(server, good).outcome, RecordOutcome::kDelivered);
}

std::string suite_name(const ::testing::TestParamInfo<SuiteSpec>& p) {
  std::string name(wire::suite_info(p.param)->name);
  for (char& c : name) {
    c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Suites, SessionEverySuite, ::testing::ValuesIn(kAllSuites), suite_name);

TEST(Session, NullSuitesCarryThePlaintextInTheClear) {
  auto [client, server] = make_pair(SuiteSpec::kX25519LrswEd25519NullBlake2b);
  const Bytes rec = seal(client, text("visible"));
  EXPECT_EQ(Bytes(rec.begin() + 25, rec.end() - 16), text("visible"));
  Receiver rx;
  EXPECT_EQ(rx.open(server, rec).outcome, RecordOutcome::kDelivered);
}

TEST(Session, ReplayedRecordIsDroppedWithoutCountingAFailedTag) {
  auto [client, server] = make_pair(kChaCha);
  Receiver rx;
  const Bytes rec = seal(client, text("once"));
  EXPECT_EQ(rx.open(server, rec).outcome, RecordOutcome::kDelivered);
  const Opened again = rx.open(server, rec);
  EXPECT_EQ(again.reason, DropReason::kReplayed);
  EXPECT_EQ(server.failed_tags(), 0u);
  EXPECT_EQ(server.stats().dropped[static_cast<std::size_t>(DropReason::kReplayed)], 1u);
}

TEST(Session, ReorderingWithinTheWindowIsAcceptedAndBeyondItDropped) {
  auto [client, server] = make_pair(kChaCha);
  Receiver rx;
  std::vector<Bytes> recs;
  for (int i = 0; i < 2100; ++i) {
    recs.push_back(seal(client, text("r")));
  }
  // seq s is recs[s - 1]. Deliver 2100 first, then older ones.
  EXPECT_TRUE(rx.open(server, recs[2099]).raised_top);
  for (int s = 2099; s >= 2053; --s) {
    const Opened r = rx.open(server, recs[static_cast<std::size_t>(s - 1)]);
    EXPECT_EQ(r.outcome, RecordOutcome::kDelivered) << s;
    EXPECT_FALSE(r.raised_top);
  }
  // top - 53 = 2047: the oldest entry still inside; 52 is just outside.
  EXPECT_EQ(rx.open(server, recs[52]).outcome, RecordOutcome::kDelivered);
  EXPECT_EQ(rx.open(server, recs[51]).reason, DropReason::kReplayed);
  EXPECT_EQ(rx.open(server, recs[0]).reason, DropReason::kReplayed);
  EXPECT_EQ(server.failed_tags(), 0u);
}

TEST(Session, RecordOfAnotherSessionIsUnknown) {
  auto [client, server] = make_pair(kChaCha, confirmed_options(), 1);
  auto [other_client, other_server] = make_pair(kChaCha, confirmed_options(), 2);
  Receiver rx;
  EXPECT_EQ(rx.open(server, seal(other_client, text("x"))).reason, DropReason::kUnknownSession);
  EXPECT_EQ(server.failed_tags(), 0u);
}

TEST(Session, MalformedHeadersAreDroppedByStepOne) {
  auto [client, server] = make_pair(kChaCha);
  Receiver rx;
  const Bytes good = seal(client, text("header"));
  auto with = [&](std::size_t at, std::uint8_t v) {
    Bytes b = good;
    b[at] = v;
    return b;
  };
  EXPECT_EQ(rx.open(server, Bytes{}).reason, DropReason::kBadType);
  EXPECT_EQ(rx.open(server, with(0, 0x23)).reason, DropReason::kBadType);
  EXPECT_EQ(rx.open(server, Bytes{0x31, 0x00, 0x29}).reason, DropReason::kBadLength);
  EXPECT_EQ(rx.open(server, with(3, 0x02)).reason, DropReason::kBadVersion);
  EXPECT_EQ(rx.open(server, with(2, static_cast<std::uint8_t>(good.size() + 1))).reason,
            DropReason::kBadLength);
  EXPECT_EQ(rx.open(server, ByteSpan(good).first(good.size() - 1)).reason, DropReason::kBadLength);
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_EQ(rx.open(server, longer).reason, DropReason::kBadLength);
  // Length 40 (< 41) on a 40-byte buffer.
  Bytes short_rec(good.begin(), good.begin() + 40);
  short_rec[1] = 0;
  short_rec[2] = 40;
  EXPECT_EQ(rx.open(server, short_rec).reason, DropReason::kBadLength);
  EXPECT_EQ(server.failed_tags(), 0u);
  EXPECT_EQ(rx.open(server, good).outcome, RecordOutcome::kDelivered);
}

TEST(Session, ClientSeqZeroIsReservedForThePayloadBlock) {
  const SessionKeys keys = make_keys(kChaCha);
  Session server = make_session(Role::kServer, keys, confirmed_options());
  Session client = make_session(Role::kClient, keys);
  Receiver rx;
  EXPECT_EQ(rx.open(server, forge(keys, true, 0, text("early"))).reason, DropReason::kReplayed);
  EXPECT_EQ(server.failed_tags(), 0u);
  // The server's own first record is seq 0, and the client takes it.
  const Opened r = rx.open(client, seal(server, text("hi")));
  EXPECT_EQ(r.outcome, RecordOutcome::kDelivered);
  EXPECT_EQ(r.seq, 0u);
}

TEST(Session, SenderStopsAtTheHardLimitChaCha) {
  auto [client, server] = make_pair(kChaCha);
  client.set_next_send_seq_for_testing(0xFFFFFFFFu);
  Receiver rx;
  const Bytes last = seal(client, text("last"));
  const Opened r = rx.open(server, last);
  EXPECT_EQ(r.outcome, RecordOutcome::kDelivered);
  EXPECT_EQ(r.seq, 0xFFFFFFFFu);
  Bytes out(64);
  auto next = client.seal(kIpv6, text("wrap"), out, kT0);
  ASSERT_FALSE(next.has_value());
  EXPECT_EQ(next.error().code, ErrorCode::kSessionExpired);
  EXPECT_FALSE(client.seal_keepalive(out, kT0).has_value());
  // The hook never moves the counter back.
  client.set_next_send_seq_for_testing(5);
  EXPECT_EQ(client.next_send_seq(), std::uint64_t{1} << 32);
}

TEST(Session, SenderStopsAtTheHardLimitAesAndReceiverRejectsBeyondIt) {
  const SessionKeys keys = make_keys(kAes);
  Session client = make_session(Role::kClient, keys);
  Session server = make_session(Role::kServer, keys, confirmed_options());
  client.set_next_send_seq_for_testing((1u << 23) - 1);
  Receiver rx;
  EXPECT_EQ(rx.open(server, seal(client, text("last"))).outcome, RecordOutcome::kDelivered);
  Bytes out(64);
  EXPECT_EQ(client.seal(kIpv6, text("x"), out, kT0).error().code, ErrorCode::kSessionExpired);
  // A (validly sealed) record past the sender's limit is refused before the AEAD.
  EXPECT_EQ(rx.open(server, forge(keys, true, 1u << 23, text("x"))).reason,
            DropReason::kSeqOutOfRange);
  EXPECT_EQ(server.failed_tags(), 0u);
}

TEST(Session, ReceivableSeqStopsAtTheSeqSpace) {
  EXPECT_TRUE(Session::receivable_seq(0xFFFFFFFFu, wire::AeadKind::kChaCha20Poly1305));
  EXPECT_FALSE(Session::receivable_seq(std::uint64_t{1} << 32, wire::AeadKind::kChaCha20Poly1305));
  EXPECT_FALSE(Session::receivable_seq(std::uint64_t{1} << 32, wire::AeadKind::kNull));
  EXPECT_TRUE(Session::receivable_seq((1u << 23) - 1, wire::AeadKind::kAes256Gcm));
  EXPECT_FALSE(Session::receivable_seq(1u << 23, wire::AeadKind::kAes256Gcm));
}

TEST(Session, SoftLimitOnEitherDirectionOrOneHourAsksForRekey) {
  {
    auto [client, server] = make_pair(kAes);
    client.set_next_send_seq_for_testing((1u << 22) - 1);
    EXPECT_FALSE(client.needs_rekey(kT0));
    (void)seal(client, text("x"));
    EXPECT_TRUE(client.needs_rekey(kT0));
  }
  {
    // The client also watches what it receives (§6.0 decided point 1).
    auto [client, server] = make_pair(kAes);
    server.set_next_send_seq_for_testing((1u << 22) - 2);
    Receiver rx;
    EXPECT_EQ(rx.open(client, seal(server, text("a"))).outcome, RecordOutcome::kDelivered);
    EXPECT_FALSE(client.needs_rekey(kT0));
    EXPECT_EQ(rx.open(client, seal(server, text("b"))).outcome, RecordOutcome::kDelivered);
    EXPECT_TRUE(client.needs_rekey(kT0));
  }
  {
    auto [client, server] = make_pair(kChaCha);
    EXPECT_EQ(client.limits().soft_records, std::uint64_t{1} << 31);
    EXPECT_FALSE(client.needs_rekey(kT0 + 3599));
    EXPECT_TRUE(client.needs_rekey(kT0 + 3600));
  }
}

TEST(Session, SpecLimitsPerAead) {
  const auto aes = UsageLimits::for_suite(wire::AeadKind::kAes256Gcm);
  EXPECT_EQ(aes.soft_records, std::uint64_t{1} << 22);
  EXPECT_EQ(aes.hard_records, std::uint64_t{1} << 23);
  EXPECT_EQ(aes.max_failed_tags, std::uint64_t{1} << 52);
  const auto chacha = UsageLimits::for_suite(wire::AeadKind::kChaCha20Poly1305);
  EXPECT_EQ(chacha.hard_records, std::uint64_t{1} << 32);
  EXPECT_EQ(chacha.max_failed_tags, std::uint64_t{1} << 36);
  EXPECT_EQ(UsageLimits::for_suite(wire::AeadKind::kNull).max_failed_tags, std::uint64_t{1} << 52);
}

TEST(Session, LimitsMayBeLoweredButNotRaised) {
  const SessionKeys keys = make_keys(kChaCha);
  SessionOptions o;
  o.limits = UsageLimits{1u << 31, std::uint64_t{1} << 32, (std::uint64_t{1} << 36) + 1};
  EXPECT_EQ(Session::create(Role::kServer, keys, kT0, o).error().code, ErrorCode::kInvalidArgument);
  o.limits = UsageLimits{1u << 31, (std::uint64_t{1} << 32) + 1, 10};
  EXPECT_FALSE(Session::create(Role::kServer, keys, kT0, o).has_value());
  o.limits = UsageLimits{10, 20, 0};
  EXPECT_FALSE(Session::create(Role::kServer, keys, kT0, o).has_value());
  o.limits = UsageLimits{10, 20, 3};
  EXPECT_TRUE(Session::create(Role::kServer, keys, kT0, o).has_value());
  SessionOptions bad_time;
  bad_time.max_age = 0;
  EXPECT_FALSE(Session::create(Role::kServer, keys, kT0, bad_time).has_value());
}

TEST(Session, FailedTagLimitClosesTheSessionLocally) {
  const SessionKeys keys = make_keys(kChaCha);
  SessionOptions o = confirmed_options();
  o.limits = UsageLimits{1u << 31, std::uint64_t{1} << 32, 3};
  Session server = make_session(Role::kServer, keys, o);
  Session client = make_session(Role::kClient, keys);
  Receiver rx;
  for (int i = 0; i < 3; ++i) {
    Bytes bad = seal(client, text("x"));
    bad.back() ^= 1;
    EXPECT_EQ(rx.open(server, bad).reason, DropReason::kBadTag);
  }
  EXPECT_TRUE(server.closed());
  EXPECT_EQ(rx.open(server, seal(client, text("late"))).reason, DropReason::kClosed);
  Bytes out(64);
  EXPECT_EQ(server.seal(kIpv6, text("x"), out, kT0).error().code, ErrorCode::kClosed);
}

TEST(Session, RecordsAfterCloseAreDropped) {
  auto [client, server] = make_pair(kChaCha);
  Receiver rx;
  const Bytes rec = seal(client, text("x"));
  server.close();
  EXPECT_EQ(rx.open(server, rec).reason, DropReason::kClosed);
  client.close();
  Bytes out(64);
  EXPECT_EQ(client.seal(kIpv6, text("x"), out, kT0).error().code, ErrorCode::kClosed);
}

TEST(Session, NothingIsUsedAfterTwentyFourHours) {
  auto [client, server] = make_pair(kChaCha);
  Receiver rx;
  const UnixTime end = kT0 + 86400;
  EXPECT_EQ(rx.open(server, seal(client, text("a"), end - 1), end - 1).outcome,
            RecordOutcome::kDelivered);
  const Bytes late = seal(client, text("b"), end - 1);
  EXPECT_EQ(rx.open(server, late, end).reason, DropReason::kExpired);
  EXPECT_TRUE(server.expired(end));
  Bytes out(64);
  EXPECT_EQ(client.seal(kIpv6, text("x"), out, end).error().code, ErrorCode::kSessionExpired);
}

TEST(Session, KeepaliveConfirmsAndDeliversNothing) {
  const SessionKeys keys = make_keys(kChaCha);
  Session server = make_session(Role::kServer, keys);  // from a 0x21: unconfirmed
  Session client = make_session(Role::kClient, keys);
  EXPECT_FALSE(server.confirmed());
  EXPECT_TRUE(client.confirmed());
  Bytes ka(kRecordOverhead);
  ASSERT_EQ(*client.seal_keepalive(ka, kT0), 41u);
  EXPECT_EQ(ka[0], 0x31);
  Receiver rx;
  const Opened r = rx.open(server, ka);
  EXPECT_EQ(r.outcome, RecordOutcome::kKeepalive);
  EXPECT_EQ(r.payload_type, 0x01);
  EXPECT_TRUE(r.payload.empty());
  EXPECT_TRUE(r.confirmed_now);
  EXPECT_TRUE(server.confirmed());
  EXPECT_EQ(rx.open(server, ka).reason, DropReason::kReplayed);  // the window moved
  const Opened next = rx.open(server, seal(client, text("x")));
  EXPECT_FALSE(next.confirmed_now);
  EXPECT_EQ(server.stats().keepalives, 1u);
}

TEST(Session, UnknownPayloadTypeAuthenticatesThenIsDiscarded) {
  const SessionKeys keys = make_keys(kChaCha);
  Session server = make_session(Role::kServer, keys);
  Session client = make_session(Role::kClient, keys);
  Receiver rx;
  const Bytes rec = seal(client, text("future"), kT0, 0x7f);
  const Opened r = rx.open(server, rec);
  EXPECT_EQ(r.outcome, RecordOutcome::kDiscarded);
  EXPECT_TRUE(r.payload.empty());
  EXPECT_TRUE(r.authenticated());
  EXPECT_TRUE(r.confirmed_now);
  EXPECT_EQ(rx.open(server, rec).reason, DropReason::kReplayed);
  EXPECT_EQ(server.stats().discarded_unknown_type, 1u);
  EXPECT_EQ(rx.open(server, seal(client, text("q"), kT0, 0x01)).outcome, RecordOutcome::kDelivered);
}

TEST(Session, TooSmallOutputIsADropThatLeavesTheWindowAlone) {
  auto [client, server] = make_pair(kChaCha);
  const Bytes rec = seal(client, text("twelve bytes"));
  Bytes tiny(open_buffer_size(rec.size()) - 1);
  EXPECT_EQ(server.open(rec, tiny, kT0).reason, DropReason::kOutputTooSmall);
  EXPECT_EQ(server.failed_tags(), 0u);
  Bytes exact(open_buffer_size(rec.size()));
  const Opened r = server.open(rec, exact, kT0);
  EXPECT_EQ(r.outcome, RecordOutcome::kDelivered);
  EXPECT_EQ(to_bytes(r.payload), text("twelve bytes"));
}

TEST(Session, SealRejectsOversizedPayloadsAndSmallBuffers) {
  auto [client, server] = make_pair(kChaCha);
  Bytes big(kMaxRecordPayload + 1);
  Bytes out(kMaxRecordSize + 64);
  EXPECT_EQ(client.seal(kIpv6, big, out, kT0).error().code, ErrorCode::kTooLarge);
  big.pop_back();
  EXPECT_EQ(*client.seal(kIpv6, big, out, kT0), kMaxRecordSize);
  Bytes small(kRecordOverhead + 3);
  EXPECT_EQ(client.seal(kIpv6, text("four"), small, kT0).error().code, ErrorCode::kInvalidArgument);
  Receiver rx;
  EXPECT_EQ(rx.open(server, ByteSpan(out).first(kMaxRecordSize)).payload.size(), kMaxRecordPayload);
}

TEST(Session, PayloadAlreadyInPlaceIsSealedWithoutACopy) {
  auto [client, server] = make_pair(kAes);
  Bytes out(kRecordOverhead + 5);
  const Bytes msg = text("inner");
  std::copy(msg.begin(), msg.end(), out.begin() + 25);
  ASSERT_EQ(*client.seal(kIpv6, ByteSpan(out).subspan(25, 5), out, kT0), out.size());
  Receiver rx;
  EXPECT_EQ(to_bytes(rx.open(server, out).payload), msg);
}

TEST(Session, BatchesSealAndOpenInOrder) {
  auto [client, server] = make_pair(kChaCha);
  std::vector<Bytes> payloads, outs, plains;
  for (int i = 0; i < 8; ++i) {
    payloads.push_back(Bytes(static_cast<std::size_t>(10 * i), static_cast<std::uint8_t>(i)));
    outs.emplace_back(kRecordOverhead + payloads.back().size());
    plains.emplace_back(outs.back().size());
  }
  std::vector<SealItem> items(8);
  for (std::size_t i = 0; i < 8; ++i) {
    items[i].payload = payloads[i];
    items[i].out = outs[i];
  }
  ASSERT_TRUE(client.seal_batch(items, kT0).has_value());
  std::vector<OpenItem> opens(8);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(items[i].written, outs[i].size());
    opens[7 - i].record = ByteSpan(outs[i]).first(items[i].written);
    opens[7 - i].out = plains[i];
  }
  server.open_batch(opens, kT0);
  for (std::size_t i = 0; i < 8; ++i) {
    const Opened& r = opens[7 - i].result;
    EXPECT_EQ(r.seq, i + 1);
    EXPECT_EQ(r.outcome, i == 0 ? RecordOutcome::kKeepalive : RecordOutcome::kDelivered);
    EXPECT_EQ(to_bytes(r.payload), i == 0 ? Bytes{} : payloads[i]);
  }
  // A failing item stops the batch; the ones before it are sealed.
  Bytes small(kRecordOverhead);
  items[3].out = small;
  auto st = client.seal_batch(items, kT0);
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  EXPECT_GT(items[2].written, 0u);
  EXPECT_EQ(items[3].written, 0u);
  EXPECT_EQ(items[4].written, 0u);
}

TEST(Session, ForgedHighSeqDoesNotMoveTheWindow) {
  const SessionKeys keys = make_keys(kChaCha);
  Session server = make_session(Role::kServer, keys, confirmed_options());
  Session client = make_session(Role::kClient, keys);
  Bytes forged = forge(keys, true, 100000, text("x"));
  forged[30] ^= 0x40;
  Receiver rx;
  EXPECT_EQ(rx.open(server, forged).reason, DropReason::kBadTag);
  EXPECT_EQ(server.window().top(), 0u);
  EXPECT_EQ(rx.open(server, seal(client, text("a"))).outcome, RecordOutcome::kDelivered);
}

// parse_record_view reads the header by hand (it runs per packet); it must
// accept exactly what the wire codec accepts, with the same fields.
void expect_same_parse(ByteSpan bytes) {
  wire::RecordView ours;
  const DropReason reason = parse_record_view(bytes, ours);
  auto theirs = wire::parse_record(bytes);
  ASSERT_EQ(reason == DropReason::kNone, theirs.has_value()) << name_of(reason);
  if (theirs) {
    EXPECT_EQ(ours.session_id, theirs->session_id);
    EXPECT_EQ(ours.seq_num, theirs->seq_num);
    EXPECT_EQ(ours.aad.data(), theirs->aad.data());
    EXPECT_EQ(ours.aad.size(), theirs->aad.size());
    EXPECT_EQ(ours.ciphertext.data(), theirs->ciphertext.data());
    EXPECT_EQ(ours.ciphertext.size(), theirs->ciphertext.size());
  }
}

TEST(Session, ParseRecordViewAgreesWithTheWireCodec) {
  auto [client, server] = make_pair(kChaCha);
  client.set_next_send_seq_for_testing(0x01020304);
  const Bytes good = seal(client, text("agree"));
  expect_same_parse(good);
  for (std::size_t i = 0; i < 24; ++i) {
    for (int v : {0x00, 0x01, 0x29, 0x2e, 0x31, 0x80, 0xff}) {
      Bytes b = good;
      b[i] = static_cast<std::uint8_t>(v);
      expect_same_parse(b);
    }
  }
  for (std::size_t len = 0; len <= good.size() + 1; ++len) {
    Bytes b = good;
    b.resize(len);
    if (len > 2) {  // a length field that matches the truncated size
      b[2] = static_cast<std::uint8_t>(len);
    }
    expect_same_parse(b);
    expect_same_parse(ByteSpan(good).first(std::min(len, good.size())));
  }
}

TEST(Session, DropReasonsHaveNames) {
  EXPECT_STREQ(name_of(DropReason::kBadTag), "bad-tag");
  EXPECT_STREQ(name_of(DropReason::kReplayed), "replayed");
  EXPECT_STREQ(name_of(DropReason::kOutputTooSmall), "output-too-small");
}

}  // namespace
}  // namespace xtt::record
