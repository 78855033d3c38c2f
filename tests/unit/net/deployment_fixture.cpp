#include "deployment_fixture.hpp"

#include <set>

#include "crypto/random.hpp"
#include "net/address.hpp"

namespace xtt::net::test {

std::unique_ptr<Deployment> Deployment::start(handshake::CookieMode mode,
                                              const std::function<void(ServerOptions&)>& adjust) {
  Random& rng = crypto::system_random();
  const std::int64_t now = unix_now();
  auto d = std::make_unique<Deployment>();
  d->root = must(tools::make_root(rng), "root");
  d->group = must(tools::make_group("net-test-group", rng), "group");
  d->member = must(tools::make_member(d->group, rng), "member");
  d->trusted = must(handshake::TrustedRoot::from_certificate(wire::SignatureKind::kEcdsaP256,
                                                             d->root.certificate),
                    "trusted root");
  d->config = must(tools::make_server_config(d->root, rng, now, 30), "server config");
  d->config->cookie_mode = mode;
  if (mode == handshake::CookieMode::kStateless) {
    d->config->keyring = std::make_shared<handshake::CookieKeyring>(rng);
    d->config->replay_cache = std::make_shared<handshake::MemoryReplayCache>();
    d->config->bind_client_address = true;  // §6.6: SHOULD on datagram transports
  }
  d->store = std::shared_ptr<store::Store>(must(store::open_store("memory:"), "store").release());
  EXPECT_TRUE(d->store->put_group(tools::group_record(d->group, now, "net-test")));
  ServerOptions options;
  options.rate_limits = RateLimiter::Options::unlimited();
  options.daa_limits = RateLimiter::Options::unlimited();
  options.max_udp_contexts_per_source = options.max_concurrent_handshakes;
  if (adjust) {
    adjust(options);
  }
  d->server = must(Server::start(options, d->config, d->store), "server");
  return d;
}

handshake::ClientHandshake Deployment::identity_engine(wire::SuiteSpec suite) const {
  handshake::IdentityClientConfig cfg;
  cfg.suite = suite;
  cfg.roots = {trusted};
  cfg.daa = tools::membership(group, member);
  return must(handshake::ClientHandshake::identity(std::move(cfg), crypto::system_random()),
              "identity engine");
}

handshake::ClientHandshake Deployment::session_engine(
    const handshake::ClientResult& identity) const {
  return must(handshake::ClientHandshake::session(tools::session_config(identity, trusted),
                                                  crypto::system_random()),
              "session engine");
}

std::size_t Deployment::identities() const {
  return must(store->list_identities(0, 0), "list").size();
}

LossyRelay::LossyRelay(std::uint16_t server_port, DropRule drop) : drop_(std::move(drop)) {
  const auto loopback = asio::ip::make_address("127.0.0.1");
  server_ = asio::ip::udp::endpoint(loopback, server_port);
  front_.open(asio::ip::udp::v4());
  front_.bind(asio::ip::udp::endpoint(loopback, 0));
  back_.open(asio::ip::udp::v4());
  back_.bind(asio::ip::udp::endpoint(loopback, 0));
  read_front();
  read_back();
  thread_ = std::thread([this] { io_.run(); });
}

LossyRelay::~LossyRelay() {
  io_.stop();
  thread_.join();
}

std::uint16_t LossyRelay::port() const { return front_.local_endpoint().port(); }

std::vector<std::pair<bool, Bytes>> LossyRelay::seen() {
  std::lock_guard lock(mu_);
  return seen_;
}

void LossyRelay::read_front() {
  front_.async_receive_from(
      asio::buffer(front_buf_), front_from_, [this](const asio::error_code& ec, std::size_t n) {
        if (ec) {
          return;
        }
        client_ = front_from_;
        const ByteSpan datagram(front_buf_.data(), n);
        {
          std::lock_guard lock(mu_);
          seen_.emplace_back(true, Bytes(datagram.begin(), datagram.end()));
        }
        if (!drop_(true, datagram)) {
          asio::error_code ignored;
          back_.send_to(asio::buffer(datagram.data(), n), server_, 0, ignored);
        }
        read_front();
      });
}

void LossyRelay::read_back() {
  back_.async_receive_from(
      asio::buffer(back_buf_), back_from_, [this](const asio::error_code& ec, std::size_t n) {
        if (ec) {
          return;
        }
        const ByteSpan datagram(back_buf_.data(), n);
        {
          std::lock_guard lock(mu_);
          seen_.emplace_back(false, Bytes(datagram.begin(), datagram.end()));
        }
        if (!drop_(false, datagram)) {
          asio::error_code ignored;
          front_.send_to(asio::buffer(datagram.data(), n), client_, 0, ignored);
        }
        read_back();
      });
}

LossyRelay::DropRule drop_first_of_each_type() {
  auto dropped = std::make_shared<std::set<std::pair<bool, std::uint8_t>>>();
  auto mu = std::make_shared<std::mutex>();
  return [dropped, mu](bool to_server, ByteSpan datagram) {
    std::lock_guard lock(*mu);
    return !datagram.empty() && dropped->emplace(to_server, datagram[0]).second;
  };
}

}  // namespace xtt::net::test
