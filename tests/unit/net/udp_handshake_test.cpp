// Handshakes over UDP: retransmission on both sides, at-most-once processing
// of message 3, the §6.8 admission checks, and the stateless cookie letting
// a message 3 arrive without a context.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <thread>

#include "deployment_fixture.hpp"
#include "net/address.hpp"
#include "net/client.hpp"
#include "net/udp_handshakes.hpp"

namespace xtt::net::test {
namespace {

using namespace std::chrono_literals;
constexpr RetransmitPolicy kFast{50ms, 200ms};

// A bare UDP socket on loopback, for driving an engine by hand.
class RawUdp {
 public:
  explicit RawUdp(std::uint16_t server_port)
      : server_(asio::ip::make_address("127.0.0.1"), server_port) {
    socket_.open(asio::ip::udp::v4());
    socket_.bind(asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  }
  void send(ByteSpan bytes) { socket_.send_to(asio::buffer(bytes.data(), bytes.size()), server_); }
  // The next datagram, or empty after `timeout`.
  Bytes receive(std::chrono::milliseconds timeout = 2000ms) {
    Bytes in(65536);
    std::size_t size = 0;
    bool got = false;
    asio::ip::udp::endpoint from;
    socket_.async_receive_from(asio::buffer(in), from,
                               [&](const asio::error_code& ec, std::size_t n) {
                                 got = !ec;
                                 size = n;
                               });
    io_.restart();
    io_.run_for(timeout);
    if (!got) {
      socket_.cancel();
      io_.restart();
      io_.run();
      return {};
    }
    in.resize(size);
    return in;
  }

 private:
  asio::io_context io_;
  asio::ip::udp::socket socket_{io_};
  asio::ip::udp::endpoint server_;
};

TEST(UdpHandshake, IdentityAndSessionThroughLossEachStepRetransmittedOnce) {
  auto d = Deployment::start();
  LossyRelay relay(d->server->udp_port(), drop_first_of_each_type());
  auto engine = d->identity_engine();
  const auto identity = run_handshake_udp("127.0.0.1", relay.port(), engine, 5s, nullptr, kFast);
  ASSERT_TRUE(identity) << identity.error().to_string();
  // Message 4 was lost once, so message 3 came twice: one identity anyway.
  EXPECT_EQ(d->identities(), 1u);
  EXPECT_EQ(d->server->metrics().handshakes("identity", "ok"), 1u);
  // The lost message 2 and the lost message 4 were answered from the stored
  // replies, not by the engine.
  EXPECT_GE(d->server->metrics().udp_retransmissions.load(), 2u);
  // Every copy the client sent of one message was byte-identical (§6.3).
  std::map<std::uint8_t, Bytes> first_copy;
  for (const auto& [to_server, bytes] : relay.seen()) {
    if (to_server) {
      auto [it, inserted] = first_copy.emplace(bytes[0], bytes);
      EXPECT_TRUE(inserted || it->second == bytes) << "type " << int(bytes[0]);
    }
  }

  LossyRelay relay2(d->server->udp_port(), drop_first_of_each_type());
  auto session = d->session_engine(*identity);
  const auto opened = run_handshake_udp("127.0.0.1", relay2.port(), session, 5s, nullptr, kFast);
  ASSERT_TRUE(opened) << opened.error().to_string();
  EXPECT_EQ(d->server->metrics().handshakes("session", "ok"), 1u);
  // The session carries records (straight to the server, no relay).
  auto channel =
      must(RecordChannel::open("127.0.0.1", d->server->udp_port(), *opened->session, unix_now()));
  const Bytes payload = {'h', 'i'};
  ASSERT_TRUE(channel.send(2, payload));
  const auto echo = channel.receive(2s);
  ASSERT_TRUE(echo) << echo.error().to_string();
  EXPECT_EQ(*echo, payload);
}

TEST(UdpHandshake, ManyDevicesAtOnceThroughRandomLossEachProvisionedOnce) {
  auto d = Deployment::start();
  constexpr int kDevices = 12;
  std::vector<std::unique_ptr<LossyRelay>> relays;
  for (int i = 0; i < kDevices; ++i) {
    // A quarter of the datagrams in each direction are lost, at random
    // (fixed seeds, so a failure replays).
    auto rng = std::make_shared<std::mt19937>(1000 + i);
    auto mu = std::make_shared<std::mutex>();
    relays.push_back(std::make_unique<LossyRelay>(d->server->udp_port(), [rng, mu](bool, ByteSpan) {
      std::lock_guard lock(*mu);
      return (*rng)() % 4 == 0;
    }));
  }
  std::vector<std::optional<handshake::ClientResult>> results(kDevices);
  std::vector<std::thread> devices;
  for (int i = 0; i < kDevices; ++i) {
    devices.emplace_back([&, i] {
      auto engine = d->identity_engine();
      auto r = run_handshake_udp("127.0.0.1", relays[static_cast<std::size_t>(i)]->port(), engine,
                                 10s, nullptr, kFast);
      if (r) {
        results[static_cast<std::size_t>(i)] = std::move(r).value();
      }
    });
  }
  for (auto& t : devices) {
    t.join();
  }
  std::set<wire::ClientId> ids;
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ids.insert(r->client_id);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDevices));
  // Whatever was lost and resent, each device is in the store exactly once.
  EXPECT_EQ(d->identities(), static_cast<std::size_t>(kDevices));
  EXPECT_EQ(d->server->metrics().handshakes("identity", "ok"),
            static_cast<std::uint64_t>(kDevices));
}

TEST(UdpHandshake, RepeatedMessage3GetsTheSameMessage4AndIsProcessedOnce) {
  auto d = Deployment::start();
  RawUdp udp(d->server->udp_port());
  auto engine = d->identity_engine();
  udp.send(must(engine.start()));
  const Bytes m2 = udp.receive();
  ASSERT_FALSE(m2.empty());
  const Bytes m3 = must(engine.receive(m2, static_cast<std::uint64_t>(unix_now()))).send;
  udp.send(m3);
  const Bytes m4 = udp.receive();
  udp.send(m3);
  const Bytes m4_again = udp.receive();
  ASSERT_FALSE(m4.empty());
  EXPECT_EQ(m4, m4_again);
  EXPECT_EQ(d->identities(), 1u);
  EXPECT_EQ(d->server->metrics().handshakes("identity", "ok"), 1u);
  ASSERT_TRUE(engine.receive(m4, static_cast<std::uint64_t>(unix_now())));
  EXPECT_EQ(engine.state(), handshake::ClientState::kDone);
  // A different message after the end is dropped, not processed.
  Bytes other = m3;
  other.back() ^= 1;
  udp.send(other);
  EXPECT_TRUE(udp.receive(300ms).empty());
  EXPECT_EQ(d->server->metrics().rejected("udp-after-finish"), 1u);
}

TEST(UdpHandshake, MalformedAndOrphanDatagramsGetNoAnswer) {
  auto d = Deployment::start();
  RawUdp udp(d->server->udp_port());
  auto engine = d->identity_engine();
  Bytes client_init = must(engine.start());
  // Length field disagreeing with the datagram size.
  Bytes short_copy(client_init.begin(), client_init.end() - 1);
  udp.send(short_copy);
  EXPECT_TRUE(udp.receive(300ms).empty());
  EXPECT_EQ(d->server->metrics().rejected("udp-bad-framing"), 1u);
  // A message 3 with no ClientInit before it, on a stateful server.
  auto other = d->identity_engine();
  RawUdp elsewhere(d->server->udp_port());
  elsewhere.send(must(other.start()));
  const Bytes m2 = elsewhere.receive();
  ASSERT_FALSE(m2.empty());
  const Bytes m3 = must(other.receive(m2, static_cast<std::uint64_t>(unix_now()))).send;
  udp.send(m3);  // from another port than the ClientInit
  EXPECT_TRUE(udp.receive(300ms).empty());
  EXPECT_EQ(d->server->metrics().rejected("udp-no-context"), 1u);
  EXPECT_EQ(d->identities(), 0u);
}

TEST(UdpHandshake, StatelessCookieLetsMessage3ComeFromAnotherPort) {
  auto d = Deployment::start(handshake::CookieMode::kStateless);
  RawUdp first(d->server->udp_port());
  RawUdp second(d->server->udp_port());
  auto engine = d->identity_engine();
  first.send(must(engine.start()));
  const Bytes m2 = first.receive();
  ASSERT_FALSE(m2.empty());
  const Bytes m3 = must(engine.receive(m2, static_cast<std::uint64_t>(unix_now()))).send;
  second.send(m3);  // same address (the cookie is bound to it), new port
  const Bytes m4 = second.receive();
  ASSERT_FALSE(m4.empty());
  ASSERT_TRUE(engine.receive(m4, static_cast<std::uint64_t>(unix_now())));
  EXPECT_EQ(engine.state(), handshake::ClientState::kDone);
  EXPECT_EQ(d->identities(), 1u);
}

TEST(UdpHandshake, ClientInitsAreRateLimitedPerSource) {
  auto d = Deployment::start(handshake::CookieMode::kStateful, [](ServerOptions& o) {
    o.rate_limits.per_source_rate = 1e-9;
    o.rate_limits.per_source_burst = 2;
  });
  int answered = 0;
  for (int i = 0; i < 4; ++i) {
    RawUdp udp(d->server->udp_port());
    auto engine = d->identity_engine();
    udp.send(must(engine.start()));
    answered += udp.receive(300ms).empty() ? 0 : 1;
  }
  EXPECT_EQ(answered, 2);
  EXPECT_EQ(d->server->metrics().rejected("rate-limited"), 2u);
}

TEST(UdpHandshake, LiveContextsAreCappedPerSourceAndRetransmissionsCostNoToken) {
  auto d = Deployment::start(handshake::CookieMode::kStateful,
                             [](ServerOptions& o) { o.max_udp_contexts_per_source = 2; });
  std::vector<std::unique_ptr<RawUdp>> sockets;
  std::vector<Bytes> inits;
  int answered = 0;
  for (int i = 0; i < 3; ++i) {
    sockets.push_back(std::make_unique<RawUdp>(d->server->udp_port()));
    auto engine = d->identity_engine();
    inits.push_back(must(engine.start()));
    sockets.back()->send(inits.back());
    answered += sockets.back()->receive(300ms).empty() ? 0 : 1;
  }
  EXPECT_EQ(answered, 2);
  EXPECT_EQ(d->server->metrics().rejected("too-many-handshakes-per-source"), 1u);
  // A copy of an admitted ClientInit is answered again from the stored reply.
  sockets[0]->send(inits[0]);
  EXPECT_FALSE(sockets[0]->receive(300ms).empty());
  EXPECT_EQ(d->server->metrics().udp_retransmissions.load(), 1u);
}

TEST(UdpHandshake, ClientGivesUpWhenNothingAnswersAfterIdenticalRetransmissions) {
  auto d = Deployment::start();
  LossyRelay black_hole(d->server->udp_port(), [](bool, ByteSpan) { return true; });
  auto engine = d->identity_engine();
  const auto result =
      run_handshake_udp("127.0.0.1", black_hole.port(), engine, 400ms, nullptr, kFast);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kTimeout);
  const auto seen = black_hole.seen();
  ASSERT_GE(seen.size(), 3u);  // the first send and at least two retransmissions
  for (const auto& [to_server, bytes] : seen) {
    EXPECT_TRUE(to_server);
    EXPECT_EQ(bytes, seen.front().second);
  }
}

TEST(DaaBudget, IdentityHandshakesBeyondTheSourceBudgetAreRefused) {
  auto d = Deployment::start(handshake::CookieMode::kStateful, [](ServerOptions& o) {
    o.daa_limits = RateLimiter::Options{1e-9, 1, 1e6, 1e6, 0, 0, 1000};
  });
  auto first = d->identity_engine();
  ASSERT_TRUE(run_handshake("127.0.0.1", d->server->tcp_port(), first, 5s));
  auto second = d->identity_engine();
  const auto refused = run_handshake_udp("127.0.0.1", d->server->udp_port(), second, 5s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPeerError);
  EXPECT_EQ(d->server->metrics().rejected("daa-rate-limited"), 1u);
  EXPECT_EQ(d->identities(), 1u);
}

TEST(UdpHandshakeTypes, OnlyClientHandshakeMessagesAreRoutedToHandshakes) {
  for (int t : {0x01, 0x11, 0x12, 0x15, 0x21, 0x22, 0x25, 0x41}) {
    EXPECT_TRUE(is_client_handshake_type(static_cast<std::uint8_t>(t))) << t;
  }
  for (int t : {0x00, 0x02, 0x13, 0x23, 0x31, 0xff}) {
    EXPECT_FALSE(is_client_handshake_type(static_cast<std::uint8_t>(t))) << t;
  }
}

}  // namespace
}  // namespace xtt::net::test
