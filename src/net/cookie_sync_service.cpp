#include "net/cookie_sync_service.hpp"

#include <spdlog/spdlog.h>

#include <asio.hpp>
#include <atomic>
#include <functional>
#include <thread>

#include "crypto/random.hpp"

namespace xtt::net {

namespace cs = handshake::cookie_sync;

namespace {

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr auto kTick = std::chrono::milliseconds(250);
// Pushes happen this long after an epoch starts, so a peer whose clock is a
// little behind already accepts the next epoch's secret (install() allows
// one epoch ahead of its own clock plus skew).
constexpr std::int64_t kAfterEpochStartMs = 1000;

}  // namespace

Result<std::pair<std::string, std::uint16_t>> parse_host_port(const std::string& text) {
  const auto colon = text.rfind(':');
  XTT_ENSURE(colon != std::string::npos && colon > 0 && colon + 1 < text.size(),
             ErrorCode::kInvalidArgument, "peer '" + text + "' is not host:port");
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    XTT_ENSURE(host.size() > 2 && host.back() == ']', ErrorCode::kInvalidArgument,
               "peer '" + text + "': an IPv6 host is written [addr]:port");
    host = host.substr(1, host.size() - 2);
  } else {
    XTT_ENSURE(host.find(':') == std::string::npos, ErrorCode::kInvalidArgument,
               "peer '" + text + "': an IPv6 host is written [addr]:port");
  }
  const std::string port = text.substr(colon + 1);
  XTT_ENSURE(port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos,
             ErrorCode::kInvalidArgument, "peer '" + text + "': bad port");
  const unsigned long value = std::stoul(port);
  XTT_ENSURE(value >= 1 && value <= 65535, ErrorCode::kInvalidArgument,
             "peer '" + text + "': bad port");
  return std::pair{std::move(host), static_cast<std::uint16_t>(value)};
}

struct CookieSyncService::Impl {
  struct Peer {
    std::string name;
    std::string host;
    std::uint16_t port = 0;
    std::int64_t next_push_ms = 0;  // wall clock; 0: at once
    bool in_flight = false;
    bool failing = true;  // until the first success, so that one is logged
  };

  CookieSyncOptions options;
  std::shared_ptr<handshake::CookieKeyring> keyring;
  std::vector<Peer> peers;
  std::atomic<std::uint64_t> pushes_ok{0}, pushes_failed{0}, transfers_received{0},
      transfers_rejected{0}, secrets_installed{0};
  std::size_t incoming = 0;  // io thread only
  // Declared after everything handlers touch, so pending handlers (and the
  // connections they own) go first when the io_context is destroyed.
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  asio::ip::tcp::acceptor acceptor{io};
  asio::steady_timer tick{io};
  std::thread thread;
  std::atomic<bool> stopped{false};

  void accept();
  void on_tick();
  void push(Peer& peer);
};

namespace {

// One transfer on one TCP connection, either side: framed reads and writes
// under one deadline for the whole transfer.
class Transfer : public std::enable_shared_from_this<Transfer> {
 public:
  Transfer(CookieSyncService::Impl& svc, asio::ip::tcp::socket socket)
      : svc_(svc), socket_(std::move(socket)), deadline_(svc.io) {}
  // An unconnected socket, made in place.
  explicit Transfer(CookieSyncService::Impl& svc) : svc_(svc), socket_(svc.io), deadline_(svc.io) {}
  virtual ~Transfer() = default;

 protected:
  using Next = std::function<void(ByteSpan)>;

  void arm_deadline() {
    deadline_.expires_after(svc_.options.io_timeout);
    deadline_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (!ec) {
        self->finish(make_error(ErrorCode::kTimeout, "cookie sync transfer timed out"));
      }
    });
  }

  void read_frame(Next next) {
    buf_.assign(cs::kHeaderSize, 0);
    asio::async_read(socket_, asio::buffer(buf_),
                     [self = shared_from_this(), next = std::move(next)](const asio::error_code& ec,
                                                                         std::size_t) mutable {
                       if (ec) {
                         self->finish(io_error(ec));
                         return;
                       }
                       self->on_header(std::move(next));
                     });
  }

  void write(Bytes bytes, std::function<void()> next) {
    out_ = std::move(bytes);
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this(), next = std::move(next)](
                          const asio::error_code& ec, std::size_t) {
                        if (ec) {
                          self->finish(io_error(ec));
                          return;
                        }
                        next();
                      });
  }

  // Ends the transfer once: closes the socket, cancels the deadline.
  void finish(Status status) {
    if (done_) {
      return;
    }
    done_ = true;
    asio::error_code ignored;
    deadline_.cancel();
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    on_finished(std::move(status));
  }

  virtual void on_finished(Status status) = 0;

  static Error io_error(const asio::error_code& ec) {
    return make_error(ErrorCode::kIoFailure, ec.message());
  }

  CookieSyncService::Impl& svc_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer deadline_;
  bool done_ = false;

 private:
  void on_header(Next next) {
    const auto total = cs::frame_length(buf_);
    if (!total) {
      finish(total.error());
      return;
    }
    buf_.resize(*total);
    asio::async_read(socket_, asio::buffer(buf_.data() + cs::kHeaderSize, *total - cs::kHeaderSize),
                     [self = shared_from_this(), next = std::move(next)](const asio::error_code& ec,
                                                                         std::size_t) {
                       if (ec) {
                         self->finish(io_error(ec));
                         return;
                       }
                       next(self->buf_);
                     });
  }

  Bytes buf_;
  Bytes out_;
};

// Receiving side: hello -> reply, secrets -> install -> ack.
class Incoming final : public Transfer {
 public:
  Incoming(CookieSyncService::Impl& svc, asio::ip::tcp::socket socket, cs::Receiver receiver)
      : Transfer(svc, std::move(socket)), receiver_(std::move(receiver)) {
    asio::error_code ec;
    const auto remote = socket_.remote_endpoint(ec);
    from_ =
        ec ? std::string("?") : remote.address().to_string() + ":" + std::to_string(remote.port());
    ++svc_.incoming;
  }
  ~Incoming() override { --svc_.incoming; }

  void start() {
    arm_deadline();
    read_frame([this](ByteSpan hello) {
      auto reply = receiver_.on_hello(hello);
      if (!reply) {
        finish(reply.error());
        return;
      }
      write(std::move(*reply), [this] { read_frame([this](ByteSpan m) { on_secrets(m); }); });
    });
  }

 private:
  void on_secrets(ByteSpan message) {
    auto secrets = receiver_.on_secrets(message);
    if (!secrets) {
      finish(secrets.error());
      return;
    }
    const std::uint64_t now = static_cast<std::uint64_t>(wall_ms() / 1000);
    std::size_t installed = 0;
    for (const handshake::CookieEpochKey& k : *secrets) {
      const Status st = svc_.keyring->install(k.epoch, k.secret.span(), now);
      if (st) {
        ++installed;
      } else {
        // An epoch already over is normal for a slow push; the rest is not.
        spdlog::warn("event=cookie_sync from={} epoch={} result=not_installed error=\"{}\"", from_,
                     k.epoch, st.error().to_string());
      }
    }
    svc_.secrets_installed += installed;
    auto ack = receiver_.ack(installed);
    if (!ack) {
      finish(ack.error());
      return;
    }
    authenticated_ = true;
    write(std::move(*ack), [this] { finish(ok()); });
  }

  void on_finished(Status status) override {
    if (status) {
      ++svc_.transfers_received;
      return;
    }
    ++svc_.transfers_rejected;
    spdlog::warn("event=cookie_sync from={} result=rejected authenticated={} error=\"{}\"", from_,
                 authenticated_, status.error().to_string());
  }

  cs::Receiver receiver_;
  std::string from_;
  bool authenticated_ = false;
};

// Pushing side: resolve, connect, hello, reply -> secrets, ack.
class Outgoing final : public Transfer {
 public:
  Outgoing(CookieSyncService::Impl& svc, CookieSyncService::Impl::Peer& peer, cs::Pusher pusher,
           std::size_t count)
      : Transfer(svc), peer_(peer), pusher_(std::move(pusher)), count_(count), resolver_(svc.io) {}

  void start() {
    peer_.in_flight = true;
    arm_deadline();
    resolver_.async_resolve(
        peer_.host, std::to_string(peer_.port),
        [self = shared_from_this(), this](const asio::error_code& ec,
                                          const asio::ip::tcp::resolver::results_type& results) {
          if (ec) {
            finish(io_error(ec));
            return;
          }
          asio::async_connect(socket_, results,
                              [self, this](const asio::error_code& cec, const auto&) {
                                if (cec) {
                                  finish(io_error(cec));
                                  return;
                                }
                                on_connected();
                              });
        });
  }

 private:
  void on_connected() {
    write(pusher_.hello(), [this] {
      read_frame([this](ByteSpan reply) {
        auto secrets = pusher_.on_reply(reply);
        if (!secrets) {
          finish(secrets.error());
          return;
        }
        write(std::move(*secrets), [this] {
          read_frame([this](ByteSpan ack) {
            auto installed = pusher_.on_ack(ack);
            if (!installed) {
              finish(installed.error());
              return;
            }
            installed_ = *installed;
            finish(ok());
          });
        });
      });
    });
  }

  void on_finished(Status status) override {
    peer_.in_flight = false;
    const std::int64_t now = wall_ms();
    if (!status) {
      ++svc_.pushes_failed;
      peer_.failing = true;
      peer_.next_push_ms = now + svc_.options.retry_after.count();
      spdlog::warn("event=cookie_sync peer={} result=failed retry_in_ms={} error=\"{}\"",
                   peer_.name, svc_.options.retry_after.count(), status.error().to_string());
      return;
    }
    ++svc_.pushes_ok;
    constexpr std::int64_t kEpochMs = handshake::kCookieEpochSeconds * 1000;
    peer_.next_push_ms = (now / kEpochMs + 1) * kEpochMs + kAfterEpochStartMs;
    if (installed_ < count_) {
      // The peer holds the others already or refused them (its log says
      // why); retrying would not change that before the next epoch.
      spdlog::warn("event=cookie_sync peer={} result=partial installed={} sent={}", peer_.name,
                   installed_, count_);
    } else if (peer_.failing) {
      spdlog::info("event=cookie_sync peer={} result=ok secrets={}", peer_.name, count_);
    }
    peer_.failing = false;
  }

  CookieSyncService::Impl::Peer& peer_;
  cs::Pusher pusher_;
  std::size_t count_;
  std::size_t installed_ = 0;
  asio::ip::tcp::resolver resolver_;
};

}  // namespace

void CookieSyncService::Impl::accept() {
  acceptor.async_accept([this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
    if (ec) {
      if (!stopped) {
        accept();
      }
      return;
    }
    if (incoming >= options.max_concurrent_transfers) {
      ++transfers_rejected;
      spdlog::warn("event=cookie_sync result=rejected error=\"too many transfers\"");
    } else if (auto receiver = cs::Receiver::create(*options.domain_key, crypto::system_random())) {
      std::make_shared<Incoming>(*this, std::move(socket), std::move(*receiver))->start();
    }
    accept();
  });
}

void CookieSyncService::Impl::push(Peer& peer) {
  const auto now = static_cast<std::uint64_t>(wall_ms() / 1000);
  auto secrets = keyring->own_secrets(now);
  const std::size_t count = secrets ? secrets->size() : 0;
  Result<cs::Pusher> pusher =
      secrets
          ? cs::Pusher::create(*options.domain_key, crypto::system_random(), std::move(*secrets))
          : Result<cs::Pusher>(secrets.error());
  if (!pusher) {
    ++pushes_failed;
    peer.next_push_ms = wall_ms() + options.retry_after.count();
    spdlog::warn("event=cookie_sync peer={} result=failed error=\"{}\"", peer.name,
                 pusher.error().to_string());
    return;
  }
  std::make_shared<Outgoing>(*this, peer, std::move(*pusher), count)->start();
}

void CookieSyncService::Impl::on_tick() {
  // Erase expired secrets even when no handshake touches the keyring.
  keyring->expire(static_cast<std::uint64_t>(wall_ms() / 1000));
  const std::int64_t now = wall_ms();
  for (Peer& p : peers) {
    if (!p.in_flight && now >= p.next_push_ms) {
      push(p);
    }
  }
  tick.expires_after(kTick);
  tick.async_wait([this](const asio::error_code& ec) {
    if (!ec && !stopped) {
      on_tick();
    }
  });
}

CookieSyncService::CookieSyncService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CookieSyncService::~CookieSyncService() { stop(); }

Result<std::unique_ptr<CookieSyncService>> CookieSyncService::start(
    const std::string& listen_address, CookieSyncOptions options,
    std::shared_ptr<handshake::CookieKeyring> keyring) {
  XTT_ENSURE(keyring != nullptr, ErrorCode::kInvalidArgument,
             "cookie sync needs the stateless cookie keyring");
  XTT_ENSURE(options.domain_key != nullptr, ErrorCode::kInvalidArgument,
             "cookie sync needs a domain key");
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->keyring = std::move(keyring);
  for (const std::string& text : impl->options.peers) {
    auto [host, port] = XTT_TRY(parse_host_port(text));
    Impl::Peer peer;
    peer.name = text;
    peer.host = std::move(host);
    peer.port = port;
    impl->peers.push_back(std::move(peer));
  }
  asio::error_code ec;
  const auto address = asio::ip::make_address(listen_address, ec);
  XTT_ENSURE(!ec, ErrorCode::kInvalidArgument, "bad listen address '" + listen_address + "'");
  const asio::ip::tcp::endpoint ep(address, impl->options.port);
  impl->acceptor.open(ep.protocol(), ec);
  if (!ec) {
    impl->acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    impl->acceptor.bind(ep, ec);
  }
  if (!ec) {
    impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return make_error(ErrorCode::kIoFailure, "cannot listen for cookie sync on " + listen_address +
                                                 ":" + std::to_string(impl->options.port) + ": " +
                                                 ec.message());
  }
  Impl* raw = impl.get();
  asio::post(raw->io, [raw] {
    raw->accept();
    raw->on_tick();
  });
  raw->thread = std::thread([raw] { raw->io.run(); });
  return std::unique_ptr<CookieSyncService>(new CookieSyncService(std::move(impl)));  // NOLINT
}

std::uint16_t CookieSyncService::port() const {
  asio::error_code ec;
  const auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

CookieSyncStats CookieSyncService::stats() const {
  CookieSyncStats s;
  s.pushes_ok = impl_->pushes_ok;
  s.pushes_failed = impl_->pushes_failed;
  s.transfers_received = impl_->transfers_received;
  s.transfers_rejected = impl_->transfers_rejected;
  s.secrets_installed = impl_->secrets_installed;
  return s;
}

void CookieSyncService::stop() {
  if (!impl_ || impl_->stopped.exchange(true)) {
    return;
  }
  Impl* raw = impl_.get();
  asio::post(raw->io, [raw] {
    asio::error_code ignored;
    raw->acceptor.close(ignored);
    raw->tick.cancel();
  });
  raw->work.reset();
  raw->io.stop();  // transfers under way are abandoned; their sockets close with them
  if (raw->thread.joinable()) {
    raw->thread.join();
  }
}

}  // namespace xtt::net
