// Several nodes of one replay domain, each with its own cookie secrets
// (§6.6): a cookie opens on another node once that node holds the issuer's
// secret, and only then; the keyring's bounds and erasure times hold for
// installed secrets as for its own.

#include <gtest/gtest.h>

#include "base/ct.hpp"
#include "fixture.hpp"

namespace xtt::handshake::test {
namespace {

using wire::SuiteSpec;

constexpr SuiteSpec kSuite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;

void install_all(CookieKeyring& to, CookieKeyring& from, std::uint64_t now) {
  for (const CookieEpochKey& k : must(from.own_secrets(now))) {
    ASSERT_TRUE(to.install(k.epoch, k.secret.span(), now).has_value());
  }
}

// Node A answers the ClientInit; node B (own keyring, own engine) gets
// message 3. Both share one replay cache, as one domain does.
struct TwoNodes {
  TwoNodes() : a(server_setup(CookieMode::kStateless, true, &rng_a)) {
    b = server_setup(CookieMode::kStateless, true, &rng_b);
    b.cache = a.cache;
    b.config->replay_cache = a.cache;
  }
  SeededRandom rng_a{"domain node a"};
  SeededRandom rng_b{"domain node b"};
  ServerSetup a;
  ServerSetup b;
};

struct Flow {
  explicit Flow(ServerSetup& node, const char* seed = "domain client")
      : crng(seed), client(must(ClientHandshake::identity(identity_config(kSuite), crng))) {
    // Seeded per flow: two flows must not draw the same cookie_nonce.
    SeededRandom srng(std::string(seed) + " server");
    ServerHandshake engine(node.config, srng);
    const Bytes sia = must(engine.receive(must(client.start()), kNow)).send;
    ca = must(client.receive(sia, kNow)).send;
  }
  SeededRandom crng;
  ClientHandshake client;
  Bytes ca;
};

Result<ServerOutput> finish_on(ServerHandshake& engine, ByteSpan ca, std::uint64_t now,
                               Directory& dir) {
  return dir.drive(engine, engine.receive(ca, now));
}

TEST(CookieDomain, OpensOnAnotherNodeOnlyWithTheIssuersSecret) {
  TwoNodes n;
  Flow f(n.a);
  Directory dir;
  SeededRandom srng("domain engine b");
  {  // B has no secret for the key_id at all
    ServerHandshake engine(n.b.config, srng);
    EXPECT_EQ(finish_on(engine, f.ca, kNow + 1, dir).error().code, ErrorCode::kExpiredCookie);
  }
  {  // B has its own secret for that epoch, which is not A's
    (void)must(n.b.keyring->issuing_key(kNow));
    ServerHandshake engine(n.b.config, srng);
    EXPECT_EQ(finish_on(engine, f.ca, kNow + 1, dir).error().code, ErrorCode::kBadCookie);
  }
  // A failed cookie is not burnt: the replay cache is consulted after the AEAD.
  install_all(*n.b.keyring, *n.a.keyring, kNow);
  ServerHandshake engine(n.b.config, srng);
  const auto out = finish_on(engine, f.ca, kNow + 1, dir);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  EXPECT_EQ(engine.state(), ServerState::kDone);
  ASSERT_TRUE(f.client.receive(out->send, kNow + 1).has_value());
  EXPECT_EQ(f.client.state(), ClientState::kDone);
  // B's own secrets still open B's cookies with A's installed beside them.
  Flow g(n.b, "domain client 2");
  ServerHandshake again(n.b.config, srng);
  EXPECT_TRUE(finish_on(again, g.ca, kNow + 2, dir).has_value());
}

TEST(CookieDomain, SecretPushedAheadOpensTheNextEpochsCookies) {
  TwoNodes n;
  const std::uint64_t next = (kNow / 60 + 1) * 60;  // start of the next epoch
  install_all(*n.b.keyring, *n.a.keyring, kNow);    // pushed during the epoch before
  SeededRandom crng("ahead client");
  auto client = must(ClientHandshake::identity(identity_config(kSuite), crng));
  SeededRandom srng("ahead engine");
  ServerHandshake a(n.a.config, srng);
  const Bytes sia = must(a.receive(must(client.start()), next)).send;
  const Bytes ca = must(client.receive(sia, next)).send;
  Directory dir;
  ServerHandshake b(n.b.config, srng);
  const auto out = dir.drive(b, b.receive(ca, next + 1));
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  EXPECT_EQ(b.state(), ServerState::kDone);
}

TEST(CookieKeyring, OwnSecretsAreCurrentAndNextEpoch) {
  SeededRandom rng("own secrets");
  CookieKeyring ring(rng, 5);
  const std::uint64_t t = 60 * 2000 + 10;
  const auto own = must(ring.own_secrets(t));
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].epoch, 2000u);
  EXPECT_EQ(own[1].epoch, 2001u);
  // The current one is the issuing secret; the next one issues next epoch.
  EXPECT_TRUE(ct::equal(must(ring.issuing_key(t)).secret.span(), own[0].secret.span()));
  EXPECT_TRUE(ct::equal(must(ring.issuing_key(t + 60)).secret.span(), own[1].secret.span()));
  // Not live for opening before its epoch (minus skew).
  EXPECT_EQ(ring.keys_for(2001 % 256, t).error().code, ErrorCode::kExpiredCookie);
  EXPECT_TRUE(ring.keys_for(2001 % 256, 60 * 2001 - 5).has_value());
  // One epoch later: previous (still live), current, next.
  const auto later = must(ring.own_secrets(t + 60));
  ASSERT_EQ(later.size(), 3u);
  EXPECT_EQ(later[0].epoch, 2000u);
  EXPECT_EQ(later[2].epoch, 2002u);
  const auto after = must(ring.own_secrets(t + 180));  // 2000 and 2001 are erased
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].epoch, 2002u);
}

TEST(CookieKeyring, InstalledSecretsAreBoundedPerKeyId) {
  SeededRandom rng("bounded");
  CookieKeyring ring(rng, 5);
  const std::uint64_t t = 60 * 3000;
  std::array<std::uint8_t, 32> s{};
  const std::size_t room = CookieKeyring::kMaxSecretsPerKeyId - 1;  // one place stays own
  for (std::size_t i = 0; i < room; ++i) {
    s[0] = static_cast<std::uint8_t>(i);
    ASSERT_TRUE(ring.install(3000, s, t).has_value()) << i;
  }
  EXPECT_TRUE(ring.install(3000, s, t).has_value());  // the same again: no new slot
  s[0] = 0xee;
  EXPECT_EQ(ring.install(3000, s, t).error().code, ErrorCode::kStorageFailure);
  // Another key_id is not affected, and the node's own secret always fits.
  EXPECT_TRUE(ring.install(3001, s, t).has_value());
  EXPECT_TRUE(ring.issuing_key(t).has_value());
  const auto keys = must(ring.keys_for(3000 % 256, t));
  ASSERT_EQ(keys.size(), CookieKeyring::kMaxSecretsPerKeyId);
  EXPECT_TRUE(ct::equal(keys[0].secret.span(), must(ring.issuing_key(t)).secret.span()));
  EXPECT_EQ(ring.size(), CookieKeyring::kMaxSecretsPerKeyId + 1);
}

TEST(CookieKeyring, InstallWindowAndErasure) {
  SeededRandom rng("install window");
  CookieKeyring ring(rng, 5);
  const std::uint64_t t = 60 * 4000 + 30;
  std::array<std::uint8_t, 32> s{};
  s.fill(7);
  EXPECT_EQ(ring.install(4002, s, t).error().code, ErrorCode::kInvalidArgument);  // too early
  EXPECT_TRUE(ring.install(4001, s, t).has_value());
  EXPECT_TRUE(ring.install(3999, s, t).has_value());  // previous epoch, still live
  EXPECT_EQ(ring.install(3998, s, t).error().code, ErrorCode::kInvalidArgument);  // over
  // Erased 60 s + skew after its epoch ends, like an own secret.
  const std::uint64_t erase_4001 = 60 * 4002 + 60 + 5;
  EXPECT_TRUE(ring.keys_for(4001 % 256, erase_4001 - 1).has_value());
  ring.expire(erase_4001);
  EXPECT_EQ(ring.size(), 0u);
  EXPECT_EQ(ring.keys_for(4001 % 256, erase_4001).error().code, ErrorCode::kExpiredCookie);
}

}  // namespace
}  // namespace xtt::handshake::test
