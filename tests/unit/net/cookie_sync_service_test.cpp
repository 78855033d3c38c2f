// The cookie-sync service on its own: peers parsed strictly, a push installs
// the pusher's own secrets on the receiver, a wrong domain key installs
// nothing, and a dead peer is retried without blocking anything.

#include "net/cookie_sync_service.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "base/ct.hpp"
#include "crypto/random.hpp"
#include "net/address.hpp"

namespace xtt::net {
namespace {

using handshake::CookieKeyring;
using handshake::cookie_sync::DomainKey;

std::shared_ptr<const DomainKey> key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> k{};
  k.fill(fill);
  return std::make_shared<const DomainKey>(k);
}

template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

TEST(CookieSyncService, ParseHostPort) {
  EXPECT_EQ(parse_host_port("10.0.0.1:7000").value(),
            std::pair(std::string("10.0.0.1"), std::uint16_t{7000}));
  EXPECT_EQ(parse_host_port("node-b.example:1").value().first, "node-b.example");
  EXPECT_EQ(parse_host_port("[::1]:65535").value(),
            std::pair(std::string("::1"), std::uint16_t{65535}));
  for (const char* bad : {"", "host", "host:", ":80", "host:0", "host:65536", "host:12a", "::1:80",
                          "[::1:80", "host:999999"}) {
    EXPECT_EQ(parse_host_port(bad).error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

struct Node {
  Node(std::shared_ptr<const DomainKey> k, std::vector<std::string> peers)
      : ring(std::make_shared<CookieKeyring>(crypto::system_random())) {
    CookieSyncOptions o;
    o.domain_key = std::move(k);
    o.peers = std::move(peers);
    o.retry_after = std::chrono::milliseconds(50);
    o.io_timeout = std::chrono::milliseconds(2000);
    service = CookieSyncService::start("127.0.0.1", o, ring).value();
  }
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(service->port()); }
  std::shared_ptr<CookieKeyring> ring;
  std::unique_ptr<CookieSyncService> service;
};

TEST(CookieSyncService, PushInstallsOwnSecretsOnlyWithTheDomainKey) {
  Node b(key(1), {});
  Node wrong(key(2), {});
  Node a(key(1), {b.endpoint(), wrong.endpoint()});
  ASSERT_TRUE(eventually([&] { return b.service->stats().transfers_received >= 1; }));
  ASSERT_TRUE(eventually([&] { return wrong.service->stats().transfers_rejected >= 1; }));
  const auto now = static_cast<std::uint64_t>(unix_now());
  const auto owns = a.ring->own_secrets(now);
  ASSERT_TRUE(owns.has_value());
  for (const auto& own : *owns) {
    const auto held = b.ring->keys_for(own.key_id, own.epoch * 60);
    ASSERT_TRUE(held.has_value()) << own.epoch;
    bool found = false;
    for (const auto& k : *held) {
      found = found || ct::equal(k.secret.span(), own.secret.span());
    }
    EXPECT_TRUE(found) << own.epoch;
  }
  EXPECT_EQ(wrong.ring->size(), 0u);
  EXPECT_EQ(wrong.service->stats().secrets_installed, 0u);
  EXPECT_GE(a.service->stats().pushes_ok, 1u);
  // The push to the wrong domain fails at A (no authenticated ack) and is retried.
  EXPECT_TRUE(eventually([&] { return a.service->stats().pushes_failed >= 2; }));
}

TEST(CookieSyncService, DeadPeerIsRetriedAndStopIsPrompt) {
  // A port nobody listens on: take one and close it again.
  std::uint16_t dead = 0;
  {
    Node probe(key(3), {});
    dead = probe.service->port();
  }
  Node a(key(3), {"127.0.0.1:" + std::to_string(dead)});
  EXPECT_TRUE(eventually([&] { return a.service->stats().pushes_failed >= 3; }));
  const auto t0 = std::chrono::steady_clock::now();
  a.service->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

TEST(CookieSyncService, NeedsAKeyringAndAKey) {
  CookieSyncOptions o;
  o.domain_key = key(4);
  EXPECT_EQ(CookieSyncService::start("127.0.0.1", o, nullptr).error().code,
            ErrorCode::kInvalidArgument);
  auto ring = std::make_shared<CookieKeyring>(crypto::system_random());
  o.domain_key = nullptr;
  EXPECT_EQ(CookieSyncService::start("127.0.0.1", o, ring).error().code,
            ErrorCode::kInvalidArgument);
  o.domain_key = key(4);
  o.peers = {"nonsense"};
  EXPECT_EQ(CookieSyncService::start("127.0.0.1", o, ring).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace xtt::net
