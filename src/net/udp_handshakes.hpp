#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "base/bytes.hpp"
#include "net/rate_limiter.hpp"
#include "net/server_app.hpp"
#include "record/peer_path.hpp"

namespace xtt::net {

// Handshakes over UDP, one message per datagram (§5, §6.6, §6.8). UDP has no
// connection, so a handshake's context is found by the client's address and
// port. Datagrams get lost: the client retransmits, and a byte-identical copy
// of the last message a context processed gets the stored reply again without
// touching the engine, so a lost message 2 or 4 costs the server nothing and
// a message 3 (with its DAA verification, its store commit and any early
// data) is processed at most once. Socket-free: the server driver feeds it
// datagrams and sends what it returns; thread-safe, and engine work runs
// outside its lock.
class UdpHandshakes {
 public:
  struct Options {
    // A context lives this long after its last message (the §5 receive
    // timeout); a finished one stays as long to answer retransmissions.
    std::chrono::seconds timeout{30};
    // Handshakes in progress (each holds an engine), in all and per source
    // address (§6.8); a finished one no longer counts.
    std::size_t max_contexts = 1024;
    std::size_t max_contexts_per_source = 16;
    // Finished handshakes kept to answer retransmissions: only the last
    // message and the reply (~1 KB); the oldest go first beyond this.
    std::size_t max_finished = 16384;
  };

  UdpHandshakes(ServerApp& app, RateLimiter& limiter, Options options);

  // A datagram whose first byte is a handshake type. Returns what to send
  // back to `from`; empty for nothing.
  Bytes on_datagram(ByteSpan datagram, const record::PeerAddress& from,
                    std::chrono::steady_clock::time_point now);
  // Drops the contexts whose time is over.
  void expire(std::chrono::steady_clock::time_point now);
  std::size_t size() const;

 private:
  struct Context {
    std::uint64_t serial = 0;
    std::optional<handshake::ServerHandshake> engine;  // dropped once finished
    Bytes last_in;                                     // the last message the engine took
    Bytes last_out;                                    // and what it answered (may be empty)
    bool busy = false;
    std::chrono::steady_clock::time_point last_seen;
    bool finished() const { return !engine.has_value(); }
  };
  using Key = std::array<std::uint8_t, 18>;  // address || port
  using Source = std::array<std::uint8_t, 16>;
  static Key key_of(const record::PeerAddress& peer);
  static Source source_of(const Key& key);

  // Under mu_: a new context for `from`, or null (with the reason counted).
  std::shared_ptr<Context> admit(const record::PeerAddress& from, bool charge_rate,
                                 std::chrono::steady_clock::time_point now);
  void erase_locked(std::map<Key, std::shared_ptr<Context>>::iterator it);
  void release_live_locked(const Key& key);
  void finish_locked(const Key& key, Context& ctx);

  ServerApp& app_;
  RateLimiter& limiter_;
  Options options_;
  mutable std::mutex mu_;
  std::map<Key, std::shared_ptr<Context>> contexts_;
  std::size_t live_ = 0;
  std::map<Source, std::size_t> per_source_;                  // live contexts only
  std::deque<std::pair<Key, std::uint64_t>> finished_order_;  // oldest first
  std::uint64_t next_serial_ = 0;
};

// True for the message types a client sends in a handshake (the types the
// UDP driver routes here rather than to the record layer).
bool is_client_handshake_type(std::uint8_t type);

}  // namespace xtt::net
