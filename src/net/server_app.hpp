#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "base/bytes.hpp"
#include "daa/verify.hpp"
#include "handshake/server_engine.hpp"
#include "net/metrics.hpp"
#include "net/rate_limiter.hpp"
#include "record/peer_path.hpp"
#include "record/session_table.hpp"
#include "store/store.hpp"

namespace xtt::net {

// What one received handshake message led to.
struct HandshakeStep {
  Bytes send;             // the engine's reply, or its Error message
  bool finished = false;  // the handshake ended (successfully or not)
  bool failed = false;
  std::optional<Error> error;
};

// The server's application side, shared by every connection and transport:
// it answers the engine's pauses from the store (groups, identities) and the
// session table, and keeps the prepared group keys (the dominant per-group
// precomputation) cached. The engine pauses; this resolves; so the order
// "stored, then ServerFinished" is the engine's, not the driver's.
class ServerApp {
 public:
  ServerApp(std::shared_ptr<const handshake::ServerConfig> config,
            std::shared_ptr<store::Store> store, Metrics& metrics,
            RateLimiter::Options daa_limits = daa_defaults());

  // §6.8: DAA verifications (four pairings each) per source, per prefix and
  // for the whole server; sized for what two cores verify.
  static RateLimiter::Options daa_defaults() { return {10, 20, 50, 100, 800, 1600, 100000}; }

  const std::shared_ptr<const handshake::ServerConfig>& config() const { return config_; }
  store::Store& store() { return *store_; }
  record::SessionTable& sessions() { return sessions_; }
  Metrics& metrics() { return metrics_; }

  // Feeds one whole message to the engine and resolves every pause.
  HandshakeStep on_message(handshake::ServerHandshake& engine, ByteSpan message, std::int64_t now,
                           const std::optional<record::PeerAddress>& peer);

 private:
  Result<handshake::ServerOutput> resolve(handshake::ServerHandshake& engine,
                                          handshake::ServerOutput out, std::int64_t now,
                                          const std::optional<record::PeerAddress>& peer);
  std::optional<handshake::GroupInfo> lookup_group(const wire::GroupId& gid);
  Status finish(handshake::ServerHandshake& engine, std::int64_t now,
                const std::optional<record::PeerAddress>& peer);

  std::shared_ptr<const handshake::ServerConfig> config_;
  std::shared_ptr<store::Store> store_;
  Metrics& metrics_;
  record::SessionTable sessions_;
  RateLimiter daa_limiter_;
  std::mutex groups_mu_;
  std::map<wire::GroupId, std::shared_ptr<const daa::PreparedGroupKey>> prepared_;
};

std::string_view kind_name(handshake::HandshakeKind kind);

}  // namespace xtt::net
