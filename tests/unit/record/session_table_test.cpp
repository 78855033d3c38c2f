#include "record/session_table.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "record_test_util.hpp"

namespace xtt::record {
namespace {

using namespace test_util;

constexpr wire::SuiteSpec kSuite = wire::SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Blake2b;
const PeerAddress kA = PeerAddress::v4(192, 0, 2, 1, 4000);
const PeerAddress kB = PeerAddress::v4(198, 51, 100, 7, 5000);

wire::ClientId client_id(std::uint8_t v) {
  wire::ClientId id;
  id.bytes.fill(v);
  return id;
}

// One handshake's two ends: the server end goes into the table, the client
// end stays with the test.
struct Handshake {
  SessionKeys keys;
  Session client;
};

struct Table : ::testing::Test {
  SessionTable table;
  Bytes buf = Bytes(kMaxRecordSize);
  std::uint8_t next_seed = 1;

  Handshake add(const wire::ClientId& cid, bool confirmed, UnixTime now = kT0,
                Status* status = nullptr) {
    SessionKeys keys = make_keys(kSuite, next_seed++);
    SessionOptions o;
    o.confirmed = confirmed;
    o.peer = kA;
    Status st = table.insert(cid, make_session(Role::kServer, keys, o, now), now);
    if (status != nullptr) {
      *status = st;
    } else {
      EXPECT_TRUE(st.has_value()) << st.error().to_string();
    }
    Session client = make_session(Role::kClient, keys, {}, now);
    return Handshake{std::move(keys), std::move(client)};
  }
  TableOpened send(Handshake& h, UnixTime now = kT0, const PeerAddress& from = kA,
                   ByteSpan payload = {}) {
    Bytes rec(kRecordOverhead + payload.size());
    auto n = h.client.seal(0x01, payload, rec, now);
    EXPECT_TRUE(n.has_value());
    return table.open(rec, buf, now, from);
  }
  const wire::SessionId& id(const Handshake& h) const { return h.keys.session_id; }
};

TEST_F(Table, RoutesRecordsBySessionIdAndReportsTheClient) {
  Handshake a = add(client_id(1), true);
  Handshake b = add(client_id(2), true);
  const TableOpened ra = send(a, kT0, kA, text("from a"));
  EXPECT_EQ(ra.record.outcome, RecordOutcome::kDelivered);
  EXPECT_EQ(to_bytes(ra.record.payload), text("from a"));
  EXPECT_EQ(ra.client_id, client_id(1));
  EXPECT_EQ(ra.session_id, id(a));
  EXPECT_EQ(send(b).client_id, client_id(2));
  EXPECT_EQ(table.size(), 2u);
}

TEST_F(Table, UnknownSessionAndMalformedRecordsAreCountedDrops) {
  add(client_id(1), true);
  Handshake stranger{make_keys(kSuite, 99), make_session(Role::kClient, make_keys(kSuite, 99))};
  const TableOpened r = send(stranger);
  EXPECT_EQ(r.record.reason, DropReason::kUnknownSession);
  EXPECT_FALSE(r.session_id.has_value());
  EXPECT_EQ(table.open(Bytes{0x31, 0, 0}, buf, kT0, kA).record.reason, DropReason::kBadLength);
  const auto drops = table.table_drops();
  EXPECT_EQ(drops[static_cast<std::size_t>(DropReason::kUnknownSession)], 1u);
  EXPECT_EQ(drops[static_cast<std::size_t>(DropReason::kBadLength)], 1u);
}

TEST_F(Table, SessionIdCollisionFailsAndKeepsTheExistingSession) {
  Handshake a = add(client_id(1), true);
  next_seed = 1;  // same keys, same session_id
  Status st;
  add(client_id(2), true, kT0, &st);
  EXPECT_EQ(st.error().code, ErrorCode::kConflict);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(send(a).client_id, client_id(1));
}

TEST_F(Table, OnlyServerSessionsGoIn) {
  const SessionKeys keys = make_keys(kSuite, 50);
  EXPECT_EQ(table.insert(client_id(1), make_session(Role::kClient, keys), kT0).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(Table, AtTheCapTheOldestUnconfirmedGoesFirst) {
  const auto cid = client_id(7);
  Handshake confirmed = add(cid, true);
  Handshake u1 = add(cid, false);
  Handshake u2 = add(cid, false);
  Handshake u3 = add(cid, false);
  EXPECT_EQ(table.count_for(cid), 4u);
  Handshake u4 = add(cid, false);
  EXPECT_EQ(table.count_for(cid), 4u);
  EXPECT_FALSE(table.status(id(u1)).has_value());
  EXPECT_EQ(table.status(id(confirmed)), SessionStatus::kActive);
  EXPECT_EQ(table.status(id(u4)), SessionStatus::kUnconfirmed);
  // Also when the newcomer is confirmed: unconfirmed ones make room first.
  Handshake c2 = add(cid, true);
  EXPECT_FALSE(table.status(id(u2)).has_value());
  EXPECT_EQ(table.status(id(confirmed)), SessionStatus::kRetiring);
  EXPECT_EQ(table.status(id(c2)), SessionStatus::kActive);
  EXPECT_EQ(table.count_for(cid), 4u);
  (void)u3;
}

TEST_F(Table, AnUnconfirmedSessionNeverReplacesAConfirmedOne) {
  const auto cid = client_id(8);
  std::vector<Handshake> hs;
  for (int i = 0; i < 4; ++i) {
    hs.push_back(add(cid, true));
  }
  Status st;
  add(cid, false, kT0, &st);
  EXPECT_EQ(st.error().code, ErrorCode::kTooManySessions);
  EXPECT_EQ(table.count_for(cid), 4u);
  for (const auto& h : hs) {
    EXPECT_TRUE(table.status(id(h)).has_value());
  }
  // A confirmed newcomer replaces the oldest.
  Handshake newest = add(cid, true);
  EXPECT_FALSE(table.status(id(hs[0])).has_value());
  EXPECT_EQ(table.current(cid), id(newest));
  EXPECT_EQ(table.count_for(cid), 4u);
}

TEST_F(Table, CapsAreCountedPerClientId) {
  for (int i = 0; i < 4; ++i) {
    add(client_id(1), true);
  }
  add(client_id(2), false);
  EXPECT_EQ(table.count_for(client_id(1)), 4u);
  EXPECT_EQ(table.count_for(client_id(2)), 1u);
  SessionTable tiny(TableOptions{1, 60, 60});  // raised to 2
  const SessionKeys k1 = make_keys(kSuite, 201);
  const SessionKeys k2 = make_keys(kSuite, 202);
  EXPECT_TRUE(tiny.insert(client_id(3), make_session(Role::kServer, k1, confirmed_options()), kT0)
                  .has_value());
  EXPECT_TRUE(tiny.insert(client_id(3), make_session(Role::kServer, k2), kT0).has_value());
}

TEST_F(Table, UnconfirmedSessionsExpireAfterSixtySeconds) {
  const auto cid = client_id(3);
  Handshake u = add(cid, false);
  EXPECT_EQ(table.expire(kT0 + 59), 0u);
  EXPECT_EQ(send(u, kT0 + 60).record.reason, DropReason::kExpired);
  EXPECT_EQ(table.expire(kT0 + 60), 1u);
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.count_for(cid), 0u);
}

TEST_F(Table, AConfirmedSessionOutlivesTheUnconfirmedDeadline) {
  Handshake u = add(client_id(3), false);
  const TableOpened r = send(u, kT0 + 10);
  EXPECT_TRUE(r.record.confirmed_now);
  EXPECT_EQ(r.status, SessionStatus::kActive);
  EXPECT_EQ(table.expire(kT0 + 3600), 0u);
  EXPECT_EQ(send(u, kT0 + 3600).record.outcome, RecordOutcome::kKeepalive);
}

TEST_F(Table, MakeBeforeBreakKeepsTheOldSessionForReceivingSixtySeconds) {
  const auto cid = client_id(4);
  Handshake old_hs = add(cid, true);
  Handshake new_hs = add(cid, false, kT0 + 3600);  // the client's rekey (0x21)
  EXPECT_EQ(table.current(cid), id(old_hs));       // not confirmed yet
  const UnixTime t = kT0 + 3601;
  EXPECT_TRUE(send(new_hs, t).record.confirmed_now);
  EXPECT_EQ(table.current(cid), id(new_hs));
  EXPECT_EQ(table.status(id(old_hs)), SessionStatus::kRetiring);
  // Late records on the old session still arrive for 60 s...
  EXPECT_EQ(send(old_hs, t + 59, kA, text("late")).record.outcome, RecordOutcome::kDelivered);
  // ...but the server no longer sends on it.
  Bytes out(64);
  EXPECT_EQ(table.seal(id(old_hs), 0x01, text("x"), out, t).error().code, ErrorCode::kBadState);
  EXPECT_TRUE(table.seal(id(new_hs), 0x01, text("x"), out, t).has_value());
  EXPECT_EQ(send(old_hs, t + 60).record.reason, DropReason::kExpired);
  EXPECT_EQ(table.expire(t + 60), 1u);
  EXPECT_EQ(table.count_for(cid), 1u);
}

TEST_F(Table, ALateConfirmationOfAnOlderSessionRetiresItAtOnce) {
  const auto cid = client_id(5);
  Handshake older = add(cid, false);
  Handshake newer = add(cid, true);
  EXPECT_TRUE(send(older, kT0 + 5).record.confirmed_now);
  EXPECT_EQ(table.status(id(older)), SessionStatus::kRetiring);
  EXPECT_EQ(table.status(id(newer)), SessionStatus::kActive);
  EXPECT_EQ(table.current(cid), id(newer));
}

TEST_F(Table, SessionsEndAfterTwentyFourHoursAndWhenClosed) {
  Handshake a = add(client_id(1), true);
  EXPECT_EQ(table.expire(kT0 + 86399), 0u);
  Bytes late(kRecordOverhead);
  ASSERT_TRUE(a.client.seal_keepalive(late, kT0 + 86399).has_value());
  EXPECT_EQ(table.open(late, buf, kT0 + 86400, kA).record.reason, DropReason::kExpired);
  Bytes out(64);
  EXPECT_EQ(table.seal(id(a), 1, {}, out, kT0 + 86400).error().code, ErrorCode::kSessionExpired);
  EXPECT_EQ(table.expire(kT0 + 86400), 1u);
  // A session closed by the failed-tag limit (here: by hand) drops as closed
  // and is deleted by the next expire().
  Handshake c = add(client_id(3), true);
  {
    SessionOptions o = confirmed_options();
    o.limits = UsageLimits{1u << 31, std::uint64_t{1} << 32, 1};
    const SessionKeys k = make_keys(kSuite, 77);
    ASSERT_TRUE(table.insert(client_id(4), make_session(Role::kServer, k, o), kT0).has_value());
    Session cl = make_session(Role::kClient, k);
    Bytes bad(kRecordOverhead);
    ASSERT_TRUE(cl.seal_keepalive(bad, kT0).has_value());
    bad.back() ^= 1;
    EXPECT_EQ(table.open(bad, buf, kT0, kA).record.reason, DropReason::kBadTag);
    bad.back() ^= 1;
    EXPECT_EQ(table.open(bad, buf, kT0, kA).record.reason, DropReason::kClosed);
    EXPECT_EQ(table.expire(kT0), 1u);
    EXPECT_FALSE(table.status(k.session_id).has_value());
  }
  EXPECT_TRUE(table.remove(id(c)));
  EXPECT_EQ(table.seal(id(a), 1, {}, out, kT0).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(table.remove(id(a)));
  Handshake b = add(client_id(2), true);
  EXPECT_TRUE(table.remove(id(b)));
  EXPECT_EQ(table.size(), 0u);
}

TEST_F(Table, RoamingAndTheAmplificationLimitApplyToTableSends) {
  Handshake a = add(client_id(1), true);
  EXPECT_EQ(table.peer(id(a)), kA);
  const TableOpened moved = send(a, kT0, kB, Bytes(19));  // a 60-byte record
  EXPECT_TRUE(moved.record.address_changed);
  EXPECT_EQ(table.peer(id(a)), kB);
  Bytes out(kMaxRecordSize);
  EXPECT_TRUE(table.may_send(id(a), 180));
  EXPECT_EQ(*table.seal(id(a), 1, Bytes(100), out, kT0), 141u);
  EXPECT_FALSE(table.may_send(id(a), 40));
  EXPECT_EQ(table.seal(id(a), 1, {}, out, kT0).error().code, ErrorCode::kAmplificationLimit);
  send(a, kT0, kB);  // second record from kB
  EXPECT_TRUE(table.seal(id(a), 1, Bytes(1000), out, kT0).has_value());
}

TEST_F(Table, OpenBatchRoutesEachRecord) {
  Handshake a = add(client_id(1), true);
  Handshake b = add(client_id(2), true);
  std::vector<Bytes> recs, outs;
  for (Handshake* h : {&a, &b, &a}) {
    recs.emplace_back(kRecordOverhead + 4);
    EXPECT_TRUE(h->client.seal(0x02, text("data"), recs.back(), kT0).has_value());
    outs.emplace_back(64);
  }
  recs.push_back(recs[0]);  // a replay
  outs.emplace_back(64);
  std::vector<TableOpenItem> items(4);
  for (std::size_t i = 0; i < 4; ++i) {
    items[i].record = recs[i];
    items[i].out = outs[i];
    items[i].from = kA;
  }
  table.open_batch(items, kT0);
  EXPECT_EQ(items[0].result.client_id, client_id(1));
  EXPECT_EQ(items[1].result.client_id, client_id(2));
  EXPECT_EQ(items[2].result.record.outcome, RecordOutcome::kDelivered);
  EXPECT_EQ(items[3].result.record.reason, DropReason::kReplayed);
}

TEST_F(Table, ConcurrentOpensSealsAndExpiryKeepEveryRecord) {
  Handshake a = add(client_id(1), true);
  Handshake b = add(client_id(2), true);
  constexpr int kRecords = 300;
  auto run = [&](Handshake& h, std::atomic<int>& delivered) {
    Bytes rec(kRecordOverhead + 32);
    Bytes plain(64);
    Bytes down(kRecordOverhead + 8);
    for (int i = 0; i < kRecords; ++i) {
      if (!h.client.seal(0x01, Bytes(32, 7), rec, kT0)) {
        return;
      }
      if (table.open(rec, plain, kT0, kA).record.outcome == RecordOutcome::kDelivered) {
        ++delivered;
      }
      (void)table.seal(h.keys.session_id, 0x01, Bytes(8, 1), down, kT0);
    }
  };
  std::atomic<int> da{0};
  std::atomic<int> db{0};
  std::atomic<bool> stop{false};
  std::thread janitor([&] {
    while (!stop) {
      (void)table.expire(kT0 + 1);
      (void)table.current(client_id(1));
    }
  });
  std::thread ta([&] { run(a, da); });
  std::thread tb([&] { run(b, db); });
  ta.join();
  tb.join();
  stop = true;
  janitor.join();
  EXPECT_EQ(da.load(), kRecords);
  EXPECT_EQ(db.load(), kRecords);
  EXPECT_EQ(table.size(), 2u);
}

}  // namespace
}  // namespace xtt::record
