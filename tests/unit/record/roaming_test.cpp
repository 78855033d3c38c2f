// §6.4 roaming and the amplification limit, on PeerPath and through Session.
#include <gtest/gtest.h>

#include "record/peer_path.hpp"
#include "record/session.hpp"
#include "record_test_util.hpp"

namespace xtt::record {
namespace {

using namespace test_util;

constexpr wire::SuiteSpec kSuite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;

const PeerAddress kA = PeerAddress::v4(192, 0, 2, 1, 4000);
const PeerAddress kB = PeerAddress::v4(198, 51, 100, 7, 5000);
const PeerAddress kC = PeerAddress::v4(203, 0, 113, 9, 6000);

TEST(PeerAddress, V4IsMappedAndPortsMatter) {
  const PeerAddress a = PeerAddress::v4(10, 0, 0, 1, 80);
  EXPECT_EQ(a.ip[10], 0xff);
  EXPECT_EQ(a.ip[11], 0xff);
  EXPECT_EQ(a.ip[15], 1);
  EXPECT_NE(a, PeerAddress::v4(10, 0, 0, 1, 81));
  std::array<std::uint8_t, 16> ip6{};
  ip6[0] = 0x20;
  ip6[1] = 0x01;
  EXPECT_EQ(PeerAddress::v6(ip6, 1).ip, ip6);
}

TEST(PeerPath, MovesOnlyWhenAllowedAndBudgetsTheNewAddress) {
  PeerPath p(kA);
  EXPECT_TRUE(p.validated());
  EXPECT_TRUE(p.may_send(1 << 20));
  EXPECT_FALSE(p.on_authenticated(kA, 100, true));
  EXPECT_FALSE(p.on_authenticated(kB, 100, false));
  EXPECT_EQ(p.address(), kA);
  EXPECT_TRUE(p.on_authenticated(kB, 100, true));
  EXPECT_EQ(p.address(), kB);
  EXPECT_FALSE(p.validated());
  EXPECT_EQ(p.send_budget(), 300u);
  EXPECT_TRUE(p.may_send(300));
  EXPECT_FALSE(p.may_send(301));
  p.on_sent(250);
  EXPECT_EQ(p.send_budget(), 50u);
  p.on_sent(100);  // a sender that ignored may_send: the budget stays at zero
  EXPECT_EQ(p.send_budget(), 0u);
  EXPECT_FALSE(p.may_send(1));
  // A second authenticated record from the new address validates it.
  EXPECT_FALSE(p.on_authenticated(kB, 41, false));
  EXPECT_TRUE(p.validated());
  EXPECT_TRUE(p.may_send(1 << 20));
}

TEST(PeerPath, WithoutAnInitialAddressTheFirstAllowedRecordSetsIt) {
  PeerPath p;
  EXPECT_FALSE(p.address().has_value());
  EXPECT_FALSE(p.on_authenticated(kA, 50, false));
  EXPECT_FALSE(p.address().has_value());
  EXPECT_TRUE(p.on_authenticated(kA, 50, true));
  EXPECT_EQ(p.address(), kA);
}

struct Roaming : ::testing::Test {
  SessionKeys keys = make_keys(kSuite);
  Session client = make_session(Role::kClient, keys);
  Session server = make_session(Role::kServer, keys, options(true));
  Bytes buf = Bytes(kMaxRecordSize);

  static SessionOptions options(bool confirmed) {
    SessionOptions o;
    o.confirmed = confirmed;
    o.peer = kA;
    return o;
  }
  Opened from(const PeerAddress& addr, ByteSpan rec) { return server.open(rec, buf, kT0, addr); }
};

TEST_F(Roaming, AFreshTopRaisingRecordMovesTheAddress) {
  EXPECT_EQ(server.path().address(), kA);
  EXPECT_FALSE(from(kA, seal(client, text("1"))).address_changed);
  const Bytes r2 = seal(client, text("2"));
  const Opened moved = from(kB, r2);
  EXPECT_EQ(moved.outcome, RecordOutcome::kDelivered);
  EXPECT_TRUE(moved.raised_top);
  EXPECT_TRUE(moved.address_changed);
  EXPECT_EQ(server.path().address(), kB);
}

TEST_F(Roaming, AReplayFromANewAddressDoesNotMoveIt) {
  const Bytes r1 = seal(client, text("1"));
  EXPECT_EQ(from(kA, r1).outcome, RecordOutcome::kDelivered);
  const Opened replay = from(kC, r1);
  EXPECT_EQ(replay.reason, DropReason::kReplayed);
  EXPECT_FALSE(replay.address_changed);
  EXPECT_EQ(server.path().address(), kA);
}

TEST_F(Roaming, AnOlderSeqRecordDoesNotMoveIt) {
  const Bytes r1 = seal(client, text("1"));
  const Bytes r2 = seal(client, text("2"));
  EXPECT_EQ(from(kA, r2).outcome, RecordOutcome::kDelivered);
  const Opened late = from(kC, r1);  // authentic and fresh, but below top
  EXPECT_EQ(late.outcome, RecordOutcome::kDelivered);
  EXPECT_FALSE(late.raised_top);
  EXPECT_FALSE(late.address_changed);
  EXPECT_EQ(server.path().address(), kA);
}

TEST_F(Roaming, AFailedRecordDoesNotMoveIt) {
  Bytes bad = seal(client, text("1"));
  bad[30] ^= 1;
  EXPECT_EQ(from(kC, bad).reason, DropReason::kBadTag);
  EXPECT_EQ(server.path().address(), kA);
}

TEST_F(Roaming, AnUnconfirmedSessionDoesNotMoveButItsConfirmingRecordMay) {
  Session fresh = make_session(Role::kServer, keys, options(false));
  Bytes bad = seal(client, text("1"));
  bad.back() ^= 1;
  EXPECT_EQ(fresh.open(bad, buf, kT0, kB).reason, DropReason::kBadTag);
  EXPECT_FALSE(fresh.confirmed());
  EXPECT_EQ(fresh.path().address(), kA);
  const Opened ok = fresh.open(seal(client, text("2")), buf, kT0, kB);
  EXPECT_TRUE(ok.confirmed_now);
  EXPECT_TRUE(ok.address_changed);
  EXPECT_EQ(fresh.path().address(), kB);
}

TEST_F(Roaming, NewAddressGetsThreeTimesWhatItSentUntilItsSecondRecord) {
  const Bytes r1 = seal(client, Bytes(59));  // a 100-byte record
  ASSERT_EQ(r1.size(), 100u);
  EXPECT_TRUE(from(kB, r1).address_changed);
  EXPECT_TRUE(server.may_send(300));
  EXPECT_FALSE(server.may_send(301));
  server.on_sent(300);
  EXPECT_FALSE(server.may_send(1));
  // A record from the old address that does not raise top changes nothing.
  const Bytes r2 = seal(client, text("x"));
  const Bytes r3 = seal(client, text("y"));
  EXPECT_EQ(from(kB, r3).outcome, RecordOutcome::kDelivered);  // second from kB
  EXPECT_TRUE(server.path().validated());
  EXPECT_TRUE(server.may_send(1 << 20));
  EXPECT_FALSE(from(kA, r2).address_changed);
}

TEST_F(Roaming, ClientsNeverLearnAnAddressFromRecords) {
  const Opened r = client.open(seal(server, text("down")), buf, kT0, kB);
  EXPECT_EQ(r.outcome, RecordOutcome::kDelivered);
  EXPECT_FALSE(r.address_changed);
  EXPECT_FALSE(client.path().address().has_value());
}

}  // namespace
}  // namespace xtt::record
