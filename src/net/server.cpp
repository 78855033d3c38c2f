#include "net/server.hpp"

#include <asio.hpp>
#include <csignal>
#include <thread>

#include "crypto/random.hpp"
#include "net/address.hpp"
#include "net/udp_handshakes.hpp"
#include "wire/header.hpp"

namespace xtt::net {

namespace {
constexpr std::uint8_t kErrorMessage[4] = {0x41, 0x00, 0x04, 0x01};
// UDP handshake datagrams queued for the thread pool; beyond this they are
// dropped (the clients retransmit) rather than queued without bound.
constexpr int kMaxUdpHandshakeBacklog = 256;
}  // namespace

struct Server::Impl {
  ServerOptions options;
  Metrics metrics;
  std::unique_ptr<ServerApp> app;
  std::unique_ptr<CookieSyncService> cookie_sync;
  RateLimiter limiter;
  std::unique_ptr<UdpHandshakes> udp_handshakes;
  std::atomic<int> udp_backlog{0};
  std::mutex udp_send_mu;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  asio::ip::tcp::acceptor acceptor{io};
  asio::ip::udp::socket udp{io};
  asio::ip::tcp::acceptor metrics_acceptor{io};
  asio::steady_timer sweep_timer{io};
  asio::ip::udp::endpoint udp_from;
  std::array<std::uint8_t, 65536> udp_in{};
  std::array<std::uint8_t, 65536> udp_out{};
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::mutex stop_mu;
  std::condition_variable stopped_cv;
  bool stopped = false;

  explicit Impl(ServerOptions o) : options(std::move(o)), limiter(options.rate_limits) {}

  void accept();
  void accept_metrics();
  void receive_datagram();
  void on_datagram(std::size_t size);
  void on_handshake_datagram(std::size_t size);
  void send_datagram(ByteSpan bytes, const asio::ip::udp::endpoint& to);
  void sweep();
};

namespace {

// One TCP connection: one handshake (libxtt's tool closes after it).
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server::Impl& server, asio::ip::tcp::socket socket)
      : server_(server),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        engine_(server.app->config(), crypto::system_random(),
                to_client_address(socket_.remote_endpoint().address())),
        peer_(to_peer(socket_.remote_endpoint())) {
    ++server_.metrics.active_handshakes;
  }
  ~Connection() { --server_.metrics.active_handshakes; }

  void start() { read_header(); }

 private:
  void arm_timer() {
    timer_.expires_after(server_.options.handshake_timeout);
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (!ec) {
        self->server_.metrics.count_rejected("handshake-timeout");
        asio::error_code ignored;
        self->socket_.close(ignored);
      }
    });
  }

  void read_header() {
    arm_timer();
    asio::async_read(socket_, asio::buffer(header_),
                     [self = shared_from_this()](const asio::error_code& ec, std::size_t) {
                       if (!ec) {
                         self->on_header();
                       }
                     });
  }

  void on_header() {
    auto total = wire::frame_length(header_);
    if (!total) {
      server_.metrics.count_rejected(std::string(name_of(total.error().code)));
      send_and_close(Bytes(std::begin(kErrorMessage), std::end(kErrorMessage)));
      return;
    }
    message_.assign(header_.begin(), header_.end());
    message_.resize(*total);
    asio::async_read(socket_, asio::buffer(message_.data() + 4, *total - 4),
                     [self = shared_from_this()](const asio::error_code& ec, std::size_t) {
                       if (!ec) {
                         self->on_message();
                       }
                     });
  }

  void on_message() {
    timer_.cancel();
    HandshakeStep step = server_.app->on_message(engine_, message_, unix_now(), peer_);
    if (step.finished) {
      send_and_close(std::move(step.send));
      return;
    }
    auto out = std::make_shared<Bytes>(std::move(step.send));
    asio::async_write(socket_, asio::buffer(*out),
                      [self = shared_from_this(), out](const asio::error_code& ec, std::size_t) {
                        if (!ec) {
                          self->read_header();
                        }
                      });
  }

  void send_and_close(Bytes bytes) {
    timer_.cancel();
    auto out = std::make_shared<Bytes>(std::move(bytes));
    asio::async_write(socket_, asio::buffer(*out),
                      [self = shared_from_this(), out](const asio::error_code&, std::size_t) {
                        asio::error_code ignored;
                        self->socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
                        self->socket_.close(ignored);
                      });
  }

  Server::Impl& server_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  handshake::ServerHandshake engine_;
  std::optional<record::PeerAddress> peer_;
  std::array<std::uint8_t, 4> header_{};
  Bytes message_;
};

}  // namespace

void Server::Impl::accept() {
  acceptor.async_accept([this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
    if (ec) {
      if (!stopping) {
        accept();
      }
      return;
    }
    asio::error_code addr_ec;
    const auto remote = socket.remote_endpoint(addr_ec);
    if (addr_ec) {
      accept();
      return;
    }
    if (metrics.active_handshakes.load() >=
        static_cast<std::int64_t>(options.max_concurrent_handshakes)) {
      metrics.count_rejected("too-many-handshakes");
    } else if (!limiter.allow(to_peer(remote).ip, std::chrono::steady_clock::now())) {
      metrics.count_rejected("rate-limited");
    } else {
      std::make_shared<Connection>(*this, std::move(socket))->start();
    }
    accept();
  });
}

// A minimal HTTP/1.0 responder for Prometheus scrapes: whatever the request,
// the answer is the metrics text, then the connection closes.
void Server::Impl::accept_metrics() {
  metrics_acceptor.async_accept([this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
    if (ec) {
      if (!stopping) {
        accept_metrics();
      }
      return;
    }
    auto sock = std::make_shared<asio::ip::tcp::socket>(std::move(socket));
    auto request = std::make_shared<std::array<char, 1024>>();
    sock->async_read_some(
        asio::buffer(*request), [this, sock, request](const asio::error_code&, std::size_t) {
          const std::string body = metrics.render_prometheus();
          auto response = std::make_shared<std::string>(
              "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\n\r\n" + body);
          asio::async_write(*sock, asio::buffer(*response),
                            [sock, response](const asio::error_code&, std::size_t) {
                              asio::error_code ignored;
                              sock->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
                              sock->close(ignored);
                            });
        });
    accept_metrics();
  });
}

void Server::Impl::receive_datagram() {
  udp.async_receive_from(asio::buffer(udp_in), udp_from,
                         [this](const asio::error_code& ec, std::size_t size) {
                           if (ec) {
                             if (!stopping) {
                               receive_datagram();
                             }
                             return;
                           }
                           on_datagram(size);
                           receive_datagram();
                         });
}

void Server::Impl::send_datagram(ByteSpan bytes, const asio::ip::udp::endpoint& to) {
  asio::error_code ec;
  {
    std::lock_guard lock(udp_send_mu);  // sends come from several pool threads
    udp.send_to(asio::buffer(bytes.data(), bytes.size()), to, 0, ec);
  }
  if (!ec) {
    metrics.bytes_out += bytes.size();
  }
}

void Server::Impl::on_handshake_datagram(std::size_t size) {
  const ByteSpan datagram(udp_in.data(), size);
  // One whole message per datagram; the header check is the cheapest one.
  const auto total = wire::frame_length(datagram);
  if (!total || *total != size) {
    metrics.count_rejected("udp-bad-framing");
    return;
  }
  if (udp_backlog.fetch_add(1) >= kMaxUdpHandshakeBacklog) {
    udp_backlog.fetch_sub(1);
    metrics.count_rejected("udp-backlog");
    return;
  }
  // Engine work takes milliseconds (pairings, a durable commit): it goes to
  // the pool so this receive loop keeps serving records.
  asio::post(io, [this, bytes = Bytes(datagram.begin(), datagram.end()), from = udp_from] {
    const Bytes reply =
        udp_handshakes->on_datagram(bytes, to_peer(from), std::chrono::steady_clock::now());
    udp_backlog.fetch_sub(1);
    if (!reply.empty()) {
      send_datagram(reply, from);
    }
  });
}

void Server::Impl::sweep() {
  sweep_timer.expires_after(std::chrono::seconds(1));
  sweep_timer.async_wait([this](const asio::error_code& ec) {
    if (ec || stopping) {
      return;
    }
    udp_handshakes->expire(std::chrono::steady_clock::now());
    sweep();
  });
}

void Server::Impl::on_datagram(std::size_t size) {
  const ByteSpan datagram(udp_in.data(), size);
  if (size > 0 && is_client_handshake_type(datagram[0])) {
    metrics.bytes_in += size;
    on_handshake_datagram(size);
    return;
  }
  const std::int64_t now = unix_now();
  metrics.records_in++;
  metrics.bytes_in += size;
  record::SessionTable& table = app->sessions();
  const record::TableOpened opened =
      table.open(datagram, MutableByteSpan(udp_out.data(), udp_out.size()), now, to_peer(udp_from));
  if (!opened.record.authenticated()) {
    metrics.count_rejected(std::string("record-") + record::name_of(opened.record.reason));
    return;
  }
  if (opened.record.outcome != record::RecordOutcome::kDelivered || !options.echo_records) {
    return;
  }
  // The demo's application: echo the payload on the same session, to the
  // session's current address (which this record may just have moved).
  const Bytes payload(opened.record.payload.begin(), opened.record.payload.end());
  auto sealed = table.seal(*opened.session_id, opened.record.payload_type, payload,
                           MutableByteSpan(udp_out.data(), udp_out.size()), now);
  const auto peer = table.peer(*opened.session_id);
  if (!sealed || !peer) {
    metrics.count_rejected(sealed ? "no-peer" : std::string(name_of(sealed.error().code)));
    return;
  }
  send_datagram(ByteSpan(udp_out.data(), *sealed), to_udp_endpoint(*peer));
  metrics.records_out++;
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

Result<std::unique_ptr<Server>> Server::start(ServerOptions options,
                                              std::shared_ptr<const handshake::ServerConfig> config,
                                              std::shared_ptr<store::Store> store) {
  auto impl = std::make_unique<Impl>(std::move(options));
  impl->app = std::make_unique<ServerApp>(std::move(config), std::move(store), impl->metrics,
                                          impl->options.daa_limits);
  UdpHandshakes::Options udp_options;
  udp_options.timeout = impl->options.handshake_timeout;
  udp_options.max_contexts = impl->options.max_concurrent_handshakes;
  udp_options.max_contexts_per_source = impl->options.max_udp_contexts_per_source;
  impl->udp_handshakes = std::make_unique<UdpHandshakes>(*impl->app, impl->limiter, udp_options);
  asio::error_code ec;
  const auto address = asio::ip::make_address(impl->options.listen_address, ec);
  if (ec) {
    return make_error(ErrorCode::kInvalidArgument,
                      "bad listen address '" + impl->options.listen_address + "'");
  }
  const asio::ip::tcp::endpoint tcp_ep(address, impl->options.tcp_port);
  impl->acceptor.open(tcp_ep.protocol(), ec);
  if (!ec) {
    impl->acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    impl->acceptor.bind(tcp_ep, ec);
  }
  if (!ec) {
    impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return make_error(ErrorCode::kIoFailure,
                      "cannot listen on TCP " + impl->options.listen_address + ":" +
                          std::to_string(impl->options.tcp_port) + ": " + ec.message());
  }
  const asio::ip::udp::endpoint udp_ep(address, impl->options.udp_port);
  impl->udp.open(udp_ep.protocol(), ec);
  if (!ec) {
    impl->udp.bind(udp_ep, ec);
  }
  if (ec) {
    return make_error(ErrorCode::kIoFailure, "cannot bind UDP " + impl->options.listen_address +
                                                 ":" + std::to_string(impl->options.udp_port) +
                                                 ": " + ec.message());
  }
  if (impl->options.metrics_port) {
    const asio::ip::tcp::endpoint metrics_ep(address, *impl->options.metrics_port);
    impl->metrics_acceptor.open(metrics_ep.protocol(), ec);
    if (!ec) {
      impl->metrics_acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
      impl->metrics_acceptor.bind(metrics_ep, ec);
    }
    if (!ec) {
      impl->metrics_acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
      return make_error(ErrorCode::kIoFailure, "cannot listen for metrics on port " +
                                                   std::to_string(*impl->options.metrics_port) +
                                                   ": " + ec.message());
    }
    impl->accept_metrics();
  }
  if (impl->options.cookie_sync) {
    impl->cookie_sync = XTT_TRY(CookieSyncService::start(
        impl->options.listen_address, *impl->options.cookie_sync, impl->app->config()->keyring));
  }
  impl->accept();
  impl->receive_datagram();
  impl->sweep();
  const unsigned threads = std::max(1u, impl->options.threads);
  for (unsigned i = 0; i < threads; ++i) {
    impl->threads.emplace_back([raw = impl.get()] { raw->io.run(); });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));  // NOLINT: private constructor
}

std::uint16_t Server::tcp_port() const { return impl_->acceptor.local_endpoint().port(); }
std::uint16_t Server::udp_port() const { return impl_->udp.local_endpoint().port(); }
std::optional<std::uint16_t> Server::metrics_port() const {
  if (!impl_->metrics_acceptor.is_open()) {
    return std::nullopt;
  }
  return impl_->metrics_acceptor.local_endpoint().port();
}
Metrics& Server::metrics() { return impl_->metrics; }
ServerApp& Server::app() { return *impl_->app; }
CookieSyncService* Server::cookie_sync() { return impl_->cookie_sync.get(); }

void Server::stop() {
  if (!impl_ || impl_->stopping.exchange(true)) {
    wait();
    return;
  }
  asio::post(impl_->io, [impl = impl_.get()] {
    asio::error_code ignored;
    impl->acceptor.close(ignored);
    impl->metrics_acceptor.close(ignored);
    impl->sweep_timer.cancel();
    std::lock_guard lock(impl->udp_send_mu);
    impl->udp.close(ignored);
  });
  if (impl_->cookie_sync) {
    impl_->cookie_sync->stop();
  }
  // Let running handshakes finish (each is bounded by its timeout).
  const auto deadline = std::chrono::steady_clock::now() + impl_->options.handshake_timeout;
  while (impl_->metrics.active_handshakes.load() > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->work.reset();
  impl_->io.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) {
      t.join();
    }
  }
  {
    std::lock_guard lock(impl_->stop_mu);
    impl_->stopped = true;
  }
  impl_->stopped_cv.notify_all();
}

void Server::wait() {
  std::unique_lock lock(impl_->stop_mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

void wait_for_termination_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  int sig = 0;
  sigwait(&set, &sig);
}

}  // namespace xtt::net
