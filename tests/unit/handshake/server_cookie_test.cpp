// The stateless cookie (§6.6): a fresh engine on another node finishes the
// handshake from the cookie alone; each cookie is used once; cookies expire
// with their time window and their key; address binding; the keyring and the
// replay cache on their own.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fixture.hpp"

namespace xtt::handshake::test {
namespace {

using wire::SuiteSpec;

constexpr SuiteSpec kSuite = SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512;
constexpr SuiteSpec kEdSuite = SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Blake2b;

// One client; node A answers its ClientInit, the test decides who gets
// message 3.
struct StatelessFlow {
  StatelessFlow(ServerSetup& setup, SuiteSpec s = kSuite,
                std::optional<ClientAddress> addr = std::nullopt, std::uint64_t now = kNow)
      : client(must(ClientHandshake::identity(identity_config(s), crng))),
        node_a(setup.config, srng, addr) {
    ci = must(client.start());
    sia = must(node_a.receive(ci, now)).send;
    ca = must(client.receive(sia, now)).send;
  }
  SeededRandom crng{"cookie client"};
  SeededRandom srng{"cookie node a"};
  ClientHandshake client;
  ServerHandshake node_a;
  Bytes ci, sia, ca;
};

Result<ServerOutput> deliver(ServerSetup& setup, ByteSpan msg3, std::uint64_t now,
                             std::optional<ClientAddress> addr, Directory& dir,
                             ServerHandshake* keep = nullptr) {
  static SeededRandom rng("cookie node b");
  ServerHandshake fresh(setup.config, rng, addr);
  ServerHandshake& node = keep ? *keep : fresh;
  return dir.drive(node, node.receive(msg3, now));
}

TEST(StatelessCookie, AnotherNodeFinishesTheHandshake) {
  for (SuiteSpec s : {kSuite, kEdSuite}) {
    auto setup = server_setup(CookieMode::kStateless);
    StatelessFlow f(setup, s);
    Directory dir;
    SeededRandom rng("node b");
    ServerHandshake node_b(setup.config, rng);  // fresh: never saw the ClientInit
    const auto out = dir.drive(node_b, node_b.receive(f.ca, kNow + 30));
    ASSERT_TRUE(out.has_value()) << out.error().to_string();
    EXPECT_EQ(node_b.state(), ServerState::kDone);
    ASSERT_TRUE(f.client.receive(out->send, kNow + 30).has_value());
    EXPECT_EQ(f.client.state(), ClientState::kDone);
    EXPECT_EQ(f.client.result()->session->session_id, node_b.result()->session->session_id);
  }
}

TEST(StatelessCookie, MessageTwoIsTheSameOnEveryNode) {
  // Same ClientInit, same cookie_nonce draw and time: two nodes sharing the
  // keyring send identical bytes (deterministic signature, §6.6).
  auto setup = server_setup(CookieMode::kStateless);
  SeededRandom crng("det client");
  auto client = must(ClientHandshake::identity(identity_config(kSuite), crng));
  const Bytes ci = must(client.start());
  SeededRandom r1("same nonce"), r2("same nonce");
  ServerHandshake a(setup.config, r1), b(setup.config, r2);
  EXPECT_EQ(must(a.receive(ci, kNow)).send, must(b.receive(ci, kNow)).send);
}

TEST(StatelessCookie, ReplayedMessageThreeIsDroppedSilently) {
  auto setup = server_setup(CookieMode::kStateless);
  StatelessFlow f(setup);
  Directory dir;
  ASSERT_TRUE(deliver(setup, f.ca, kNow + 1, {}, dir).has_value());
  SeededRandom rng("replay node");
  ServerHandshake again(setup.config, rng);
  const auto r = dir.drive(again, again.receive(f.ca, kNow + 2));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kReplayedCookie);
  EXPECT_EQ(again.state(), ServerState::kFailed);
  EXPECT_FALSE(again.error_message().has_value());  // §6.6 step 5: no answer
  EXPECT_EQ(dir.clients.size(), 1u);
}

TEST(StatelessCookie, TimeWindow) {
  struct {
    std::int64_t delay;
    std::optional<ErrorCode> error;
  } cases[] = {
      {0, std::nullopt},
      {60, std::nullopt},
      {61, ErrorCode::kExpiredCookie},
      {-5, std::nullopt},  // a node up to skew behind the issuer
      {-6, ErrorCode::kExpiredCookie},
      {3600, ErrorCode::kExpiredCookie},  // the key is long erased
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.delay);
    auto setup = server_setup(CookieMode::kStateless);
    StatelessFlow f(setup);
    Directory dir;
    const auto r = deliver(setup, f.ca, static_cast<std::uint64_t>(kNow + c.delay), {}, dir);
    if (c.error) {
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error().code, *c.error);
    } else {
      EXPECT_TRUE(r.has_value()) << r.error().to_string();
    }
  }
}

TEST(StatelessCookie, AddressBinding) {
  auto setup = server_setup(CookieMode::kStateless);
  setup.config->bind_client_address = true;
  const ClientAddress here = ipv4_mapped(192, 0, 2, 1);
  const ClientAddress there = ipv4_mapped(198, 51, 100, 7);
  {
    StatelessFlow f(setup, kSuite, here);
    Directory dir;
    const auto r = deliver(setup, f.ca, kNow, there, dir);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kBadCookie);
  }
  {
    StatelessFlow f(setup, kSuite, here);
    Directory dir;
    // The failed attempt above did not burn this cookie: it was another one.
    EXPECT_TRUE(deliver(setup, f.ca, kNow, here, dir).has_value());
  }
}

TEST(StatelessCookie, TamperedCookieAndSuite) {
  auto setup = server_setup(CookieMode::kStateless);
  const std::size_t offsets[] = {6 + 1, 6 + 20, 6 + 129};  // nonce, sealed part, tag
  for (std::size_t off : offsets) {
    StatelessFlow f(setup);
    Directory dir;
    const auto r = deliver(setup, flip_bit(f.ca, off), kNow, {}, dir);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kBadCookie);
  }
  {  // key_id naming no live key
    StatelessFlow f(setup);
    Directory dir;
    const auto r = deliver(setup, flip_bit(f.ca, 6), kNow, {}, dir);
    EXPECT_EQ(r.error().code, ErrorCode::kExpiredCookie);
  }
  {  // another suite of the same size: the cookie's AD no longer matches
    StatelessFlow f(setup);
    Bytes ca = f.ca;
    store_be16(ca.data() + 4,
               static_cast<std::uint16_t>(SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b));
    Directory dir;
    EXPECT_EQ(deliver(setup, ca, kNow, {}, dir).error().code, ErrorCode::kBadCookie);
  }
  {  // a cookie from another replay domain (other secrets)
    StatelessFlow f(setup);
    SeededRandom other_rng("other domain");
    auto other = server_setup(CookieMode::kStateless, true, &other_rng);
    (void)other.keyring->issuing_key(kNow);  // a live key with the same key_id
    Directory dir;
    EXPECT_EQ(deliver(other, f.ca, kNow, {}, dir).error().code, ErrorCode::kBadCookie);
  }
}

TEST(StatelessCookie, ReplayCacheFullFailsClosed) {
  auto setup = server_setup(CookieMode::kStateless);
  setup.cache = std::make_shared<MemoryReplayCache>(1);
  setup.config->replay_cache = setup.cache;
  StatelessFlow f1(setup);
  Directory dir;
  ASSERT_TRUE(deliver(setup, f1.ca, kNow, {}, dir).has_value());
  SeededRandom c2("second client");
  auto client = must(ClientHandshake::identity(identity_config(kSuite), c2));
  SeededRandom s2("second node");
  ServerHandshake node(setup.config, s2);
  const Bytes sia = must(node.receive(must(client.start()), kNow)).send;
  const Bytes ca = must(client.receive(sia, kNow)).send;
  const auto r = dir.drive(node, node.receive(ca, kNow));
  EXPECT_EQ(r.error().code, ErrorCode::kStorageFailure);
}

TEST(CookieKeyring, EpochsAndErasure) {
  SeededRandom rng("keyring unit");
  CookieKeyring ring(rng, 5);
  const std::uint64_t t = 60 * 1000;  // start of epoch 1000
  const auto k1 = must(ring.issuing_key(t));
  const auto k1b = must(ring.issuing_key(t + 59));
  EXPECT_EQ(k1.epoch, 1000u);
  EXPECT_EQ(k1.key_id, 1000 % 256);
  EXPECT_TRUE(
      std::equal(k1.secret.span().begin(), k1.secret.span().end(), k1b.secret.span().begin()));
  const auto k2 = must(ring.issuing_key(t + 60));
  EXPECT_EQ(k2.epoch, 1001u);
  EXPECT_FALSE(
      std::equal(k1.secret.span().begin(), k1.secret.span().end(), k2.secret.span().begin()));
  // Live until 60 s + skew after the epoch ends.
  EXPECT_TRUE(ring.key_for(k1.key_id, t + 60 + 60 + 4).has_value());
  EXPECT_EQ(ring.key_for(k1.key_id, t + 60 + 60 + 5).error().code, ErrorCode::kExpiredCookie);
  EXPECT_EQ(ring.key_for(7, t).error().code, ErrorCode::kExpiredCookie);
  // Another node's secret, installed.
  std::array<std::uint8_t, 32> secret{};
  secret.fill(9);
  ASSERT_TRUE(ring.install(1002, secret, t + 120).has_value());
  EXPECT_EQ(must(ring.key_for(1002 % 256, t + 120)).secret.span()[0], 9);
  EXPECT_EQ(ring.install(900, secret, t + 120).error().code, ErrorCode::kInvalidArgument);
  ring.expire(t + 3 * 60 + 5);  // epoch 1002 ends at t + 180; its secret lives 65 s more
  EXPECT_TRUE(ring.key_for(1002 % 256, t + 120).has_value());
  ring.expire(t + 4 * 60 + 5);
  EXPECT_EQ(ring.key_for(1002 % 256, t + 120).error().code, ErrorCode::kExpiredCookie);
  ASSERT_TRUE(ring.install(1003, secret, t + 200).has_value());
  ring.erase_all();
  EXPECT_EQ(ring.key_for(1003 % 256, t + 200).error().code, ErrorCode::kExpiredCookie);
}

TEST(CookieCodec, RoundTripAndChecks) {
  SeededRandom rng("codec");
  CookieKeyring ring(rng);
  CookieContents c;
  c.ts = kNow;
  c.client_nonce.bytes.fill(1);
  c.client_dh_pub.bytes.fill(2);
  c.cert_index = 3;
  const auto addr = ipv4_mapped(10, 0, 0, 1);
  const IssuedCookie issued = must(issue_cookie(ring, rng, 1, kSuite, addr, c));
  const OpenedCookie opened = must(open_cookie(ring, kNow + 10, 1, kSuite, addr, issued.cookie));
  EXPECT_EQ(opened.contents.ts, kNow);
  EXPECT_EQ(opened.contents.client_nonce, c.client_nonce);
  EXPECT_EQ(opened.contents.client_dh_pub, c.client_dh_pub);
  EXPECT_EQ(opened.contents.cert_index, 3);
  EXPECT_TRUE(std::equal(opened.server_dh_secret.span().begin(),
                         opened.server_dh_secret.span().end(),
                         issued.server_dh_secret.span().begin()));
  EXPECT_EQ(open_cookie(ring, kNow, 1, kSuite, std::nullopt, issued.cookie).error().code,
            ErrorCode::kBadCookie);
  EXPECT_EQ(open_cookie(ring, kNow, 1, kEdSuite, addr, issued.cookie).error().code,
            ErrorCode::kBadCookie);
  EXPECT_EQ(open_cookie(ring, kNow + 61, 1, kSuite, addr, issued.cookie).error().code,
            ErrorCode::kExpiredCookie);
}

TEST(MemoryReplayCache, SingleUseAndExpiry) {
  MemoryReplayCache cache(2);
  CookieNonce n1{}, n2{}, n3{};
  n2[0] = 1;
  n3[0] = 2;
  EXPECT_TRUE(cache.test_and_insert(1, n1, 100, 10).has_value());
  EXPECT_EQ(cache.test_and_insert(1, n1, 100, 11).error().code, ErrorCode::kReplayedCookie);
  EXPECT_TRUE(cache.test_and_insert(2, n1, 100, 11).has_value());  // other key_id
  EXPECT_EQ(cache.test_and_insert(1, n2, 100, 12).error().code, ErrorCode::kStorageFailure);
  EXPECT_EQ(cache.size(), 2u);
  // Entries expire; then there is room again, and the old cookie is fresh
  // to the cache (its key has been erased long before, §6.6).
  EXPECT_TRUE(cache.test_and_insert(1, n3, 300, 100).has_value());
  EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace xtt::handshake::test

namespace xtt::handshake::test {
namespace {

// Engines on several threads share one keyring and one cache (§6.6): every
// cookie is accepted exactly once, whichever thread sees it.
TEST(StatelessCookie, SharedAcrossThreads) {
  SeededRandom ring_rng("threads ring");
  CookieKeyring ring(ring_rng);
  MemoryReplayCache cache;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 200;
  std::vector<CookieNonce> nonces(kPerThread);
  for (int i = 0; i < kPerThread; ++i) {
    store_be32(nonces[static_cast<std::size_t>(i)].data(), static_cast<std::uint32_t>(i));
  }
  std::atomic<int> accepted{0};
  std::atomic<int> replayed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (const CookieNonce& n : nonces) {
        const auto issued = ring.issuing_key(kNow);
        if (!issued || !ring.key_for(issued->key_id, kNow + 1).has_value()) {
          continue;
        }
        const auto r = cache.test_and_insert(1, n, kNow + 100, kNow);
        (r.has_value() ? accepted : replayed).fetch_add(1);
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(accepted.load(), kPerThread);
  EXPECT_EQ(replayed.load(), (kThreads - 1) * kPerThread);
}

}  // namespace
}  // namespace xtt::handshake::test
