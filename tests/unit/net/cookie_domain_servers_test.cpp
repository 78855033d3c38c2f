// The point of cookie sync (§6.6): two server nodes of one replay domain, in
// stateless cookie mode, sharing one store (the replay cache) and syncing
// their cookie secrets with the domain key. A client's ClientInit goes to
// node A over one TCP connection, its message 3 to node B over another, and
// the handshake completes. A node that does not hold A's secret (no sync, or
// the wrong domain key) refuses that message 3.

#include <gtest/gtest.h>

#include <asio.hpp>
#include <filesystem>
#include <thread>

#include "crypto/random.hpp"
#include "fixture.hpp"
#include "net/address.hpp"
#include "net/server.hpp"
#include "net/store_replay_cache.hpp"
#include "store/store.hpp"
#include "wire/header.hpp"

namespace xtt::net {
namespace {

using handshake::cookie_sync::DomainKey;
using handshake::test::identity_config;
using handshake::test::pki;
using wire::SuiteSpec;

constexpr SuiteSpec kSuite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;

std::shared_ptr<const DomainKey> domain_key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> k{};
  k.fill(fill);
  return std::make_shared<const DomainKey>(k);
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xtt-cookie-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One node: its own keyring and its own connection to the shared store.
struct NodeSpec {
  std::shared_ptr<const DomainKey> key;  // null: no cookie sync
  std::vector<std::string> peers;
};

std::unique_ptr<Server> start_node(const std::string& store_url, const NodeSpec& spec) {
  std::shared_ptr<store::Store> store(store::open_store(store_url).value().release());
  auto config = std::make_shared<handshake::ServerConfig>();
  config->credentials.push_back(pki().server_ecdsa.clone());
  config->cookie_mode = handshake::CookieMode::kStateless;
  config->keyring = std::make_shared<handshake::CookieKeyring>(crypto::system_random());
  config->replay_cache = std::make_shared<StoreReplayCache>(store);
  ServerOptions o;
  o.threads = 1;
  // The connection that carried message 1 is left by the client, and the
  // driver keeps it until this timeout; stop() waits for it.
  o.handshake_timeout = std::chrono::seconds(2);
  if (spec.key) {
    CookieSyncOptions sync;
    sync.domain_key = spec.key;
    sync.peers = spec.peers;
    sync.retry_after = std::chrono::milliseconds(100);
    o.cookie_sync = sync;
  }
  auto server = Server::start(o, config, store);
  EXPECT_TRUE(server.has_value()) << server.error().to_string();
  return std::move(server).value();
}

std::string sync_endpoint(Server& s) {
  return "127.0.0.1:" + std::to_string(s.cookie_sync()->port());
}

// One message out, one message back, on a fresh connection (the TCP driver
// runs one handshake per connection). nullopt when the server closes without
// answering (a replayed cookie is dropped silently, §6.6 step 5).
std::optional<Bytes> round_trip(std::uint16_t port, ByteSpan message) {
  asio::io_context io;
  asio::ip::tcp::socket s(io);
  s.connect({asio::ip::make_address("127.0.0.1"), port});
  asio::write(s, asio::buffer(message.data(), message.size()));
  Bytes in(4);
  asio::error_code ec;
  asio::read(s, asio::buffer(in), ec);
  if (ec) {
    return std::nullopt;
  }
  const std::size_t total = wire::frame_length(in).value();
  in.resize(total);
  asio::read(s, asio::buffer(in.data() + 4, total - 4));
  return in;
}

template <typename Pred>
bool eventually(Pred pred) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!pred() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

struct Client {
  explicit Client(const char* seed)
      : rng(seed),
        engine(handshake::ClientHandshake::identity(identity_config(kSuite), rng).value()) {}
  // Message 1 to `first`; returns message 3.
  Bytes begin_on(Server& first) {
    const Bytes ci = engine.start().value();
    const auto sia = round_trip(first.tcp_port(), ci);
    EXPECT_TRUE(sia.has_value());
    auto out = engine.receive(*sia, static_cast<std::uint64_t>(unix_now()));
    EXPECT_TRUE(out.has_value()) << out.error().to_string();
    return out->send;
  }
  handshake::SeededRandom rng;
  handshake::ClientHandshake engine;
};

TEST(CookieDomainServers, MessageThreeFinishesOnAnotherSyncedNode) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "domain.db").string();
  {
    auto s = store::open_store(url).value();
    store::GroupRecord g;
    g.gid = pki().gid;
    std::copy(pki().group_public_key.begin(), pki().group_public_key.end(), g.public_key.begin());
    g.basename = pki().basename;
    g.name = "cookie-domain";
    ASSERT_TRUE(s->put_group(g).has_value());
  }
  auto b = start_node(url, {domain_key(1), {}});
  auto wrong = start_node(url, {domain_key(2), {}});  // another domain key
  auto unsynced = start_node(url, {nullptr, {}});     // stateless, no sync at all
  auto a = start_node(url, {domain_key(1), {sync_endpoint(*b), sync_endpoint(*wrong)}});
  ASSERT_TRUE(eventually([&] { return b->cookie_sync()->stats().transfers_received >= 1; }));
  ASSERT_TRUE(eventually([&] { return wrong->cookie_sync()->stats().transfers_rejected >= 1; }));

  {  // the point: A issues, B finishes
    Client c("domain servers client 1");
    const Bytes ca = c.begin_on(*a);
    const auto sf = round_trip(b->tcp_port(), ca);
    ASSERT_TRUE(sf.has_value());
    const auto done = c.engine.receive(*sf, static_cast<std::uint64_t>(unix_now()));
    ASSERT_TRUE(done.has_value()) << done.error().to_string();
    ASSERT_EQ(c.engine.state(), handshake::ClientState::kDone);
    const auto stored = b->app().store().find_identity(c.engine.result()->client_id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_TRUE(stored->has_value());  // provisioned by B, durably
    // One replay domain: the same message 3 is not accepted again, on any node.
    EXPECT_FALSE(round_trip(a->tcp_port(), ca).has_value());
    EXPECT_FALSE(round_trip(b->tcp_port(), ca).has_value());
  }
  for (Server* other : {wrong.get(), unsynced.get()}) {
    Client c(other == wrong.get() ? "domain servers client 2" : "domain servers client 3");
    const Bytes ca = c.begin_on(*a);
    const auto reply = round_trip(other->tcp_port(), ca);
    ASSERT_TRUE(reply.has_value());  // an Error message: the cookie's key is unknown there
    const auto r = c.engine.receive(*reply, static_cast<std::uint64_t>(unix_now()));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kPeerError);
    EXPECT_NE(c.engine.state(), handshake::ClientState::kDone);
  }
  EXPECT_EQ(wrong->cookie_sync()->stats().secrets_installed, 0u);
}

}  // namespace
}  // namespace xtt::net
