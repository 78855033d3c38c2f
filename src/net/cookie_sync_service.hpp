#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "handshake/cookie_sync.hpp"
#include "handshake/server_cookie.hpp"

namespace xtt::net {

// Cookie-secret distribution inside one replay domain (§6.6), for a server in
// stateless cookie mode.
struct CookieSyncOptions {
  std::uint16_t port = 0;          // TCP, on the server's listen address; 0: any free port
  std::vector<std::string> peers;  // the other nodes' sync endpoints, "host:port" or "[v6]:port"
  std::shared_ptr<const handshake::cookie_sync::DomainKey> domain_key;
  std::chrono::milliseconds retry_after{5000};  // after a failed push to one peer
  std::chrono::milliseconds io_timeout{5000};   // a whole transfer, either side
  std::size_t max_concurrent_transfers = 16;    // incoming; more are closed at accept
};

struct CookieSyncStats {
  std::uint64_t pushes_ok = 0;
  std::uint64_t pushes_failed = 0;
  std::uint64_t transfers_received = 0;  // authenticated, secrets installed
  std::uint64_t transfers_rejected = 0;  // bad framing, wrong domain key, timeout...
  std::uint64_t secrets_installed = 0;
};

// The network side of handshake/cookie_sync: listens for pushes and installs
// what authenticates into the keyring; pushes this node's own secrets
// (previous, current and next epoch) to every peer once per epoch, at the
// start of the epoch, and again every retry_after while a peer fails. Runs on
// its own thread and io_context, so a dead or slow peer never delays a
// handshake; every transfer has a deadline. Failures are logged at warn.
class CookieSyncService {
 public:
  static Result<std::unique_ptr<CookieSyncService>> start(
      const std::string& listen_address, CookieSyncOptions options,
      std::shared_ptr<handshake::CookieKeyring> keyring);
  ~CookieSyncService();
  CookieSyncService(const CookieSyncService&) = delete;
  CookieSyncService& operator=(const CookieSyncService&) = delete;

  // The bound port (0 once stopped).
  std::uint16_t port() const;
  CookieSyncStats stats() const;
  // Closes the listener, abandons transfers under way, joins the thread.
  void stop();

  struct Impl;

 private:
  explicit CookieSyncService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "host:port" or "[v6]:port" split in two; kInvalidArgument otherwise.
Result<std::pair<std::string, std::uint16_t>> parse_host_port(const std::string& text);

}  // namespace xtt::net
