#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "net/cookie_sync_service.hpp"
#include "net/metrics.hpp"
#include "net/rate_limiter.hpp"
#include "net/server_app.hpp"

namespace xtt::net {

struct ServerOptions {
  std::string listen_address = "127.0.0.1";
  std::uint16_t tcp_port = 0;  // 0: any free port (see Server::tcp_port())
  std::uint16_t udp_port = 0;
  unsigned threads = 2;
  std::chrono::seconds handshake_timeout{30};  // per message (§5)
  // TCP connections in a handshake, and separately UDP handshake contexts.
  std::size_t max_concurrent_handshakes = 1024;
  std::size_t max_udp_contexts_per_source = 16;
  // New TCP connections and UDP ClientInits, per source, per prefix (§6.8).
  RateLimiter::Options rate_limits;
  // DAA verifications (identity handshakes past the cheap checks), §6.8.
  RateLimiter::Options daa_limits = ServerApp::daa_defaults();
  // Prometheus text format over HTTP at /metrics on this TCP port of
  // listen_address (0: no endpoint).
  std::optional<std::uint16_t> metrics_port;
  // What the server does with a delivered record payload: by default it
  // echoes it back on the same session (the demo's application).
  bool echo_records = true;
  // Stateless cookie mode: ship cookie secrets to and from the other nodes
  // of the replay domain (§6.6; net/cookie_sync_service.hpp).
  std::optional<CookieSyncOptions> cookie_sync;
};

// The XTT server over Asio: handshakes on TCP (messages back to back on the
// stream, as libxtt clients send them) and on UDP (one message per datagram,
// the client retransmits; see UdpHandshakes), records on UDP keyed by
// SessionID (so a client may change address, §6.4). A multithreaded
// io_context; per-message handshake timeouts; caps on concurrent handshakes;
// per-source and per-prefix rate limits and DAA budgets (§6.8). stop() is
// graceful: no new connections, the running handshakes finish or time out.
class Server {
 public:
  static Result<std::unique_ptr<Server>> start(
      ServerOptions options, std::shared_ptr<const handshake::ServerConfig> config,
      std::shared_ptr<store::Store> store);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t tcp_port() const;
  std::uint16_t udp_port() const;
  std::optional<std::uint16_t> metrics_port() const;
  Metrics& metrics();
  ServerApp& app();
  // Null unless ServerOptions::cookie_sync was set.
  CookieSyncService* cookie_sync();

  void stop();
  // Blocks until stop() (from another thread or a signal handler) finished.
  void wait();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGINT and SIGTERM in the calling thread (call before starting the
// server so its threads inherit the mask) and returns once one arrives.
void wait_for_termination_signal();

}  // namespace xtt::net
