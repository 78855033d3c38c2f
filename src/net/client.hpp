#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/bytes.hpp"
#include "handshake/client_engine.hpp"
#include "record/session.hpp"

namespace xtt::net {

struct ClientStats {
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;
};

// Drives a client handshake over one TCP connection to host:port until it
// is done, fails, or `timeout` passes. On a failure the engine's Error
// message is sent before the connection closes.
Result<handshake::ClientResult> run_handshake(const std::string& host, std::uint16_t port,
                                              handshake::ClientHandshake& engine,
                                              std::chrono::milliseconds timeout,
                                              ClientStats* stats = nullptr);

// When a UDP handshake message gets no answer it is sent again, byte for byte
// (§6.3 requires identical copies of a message 3), after `initial`, then
// after twice as long each time up to `max`; `timeout` bounds the wait for
// each answer overall.
struct RetransmitPolicy {
  std::chrono::milliseconds initial{500};
  std::chrono::milliseconds max{4000};
};

// The same over UDP to the server's UDP port, one message per datagram, with
// retransmission. Copies of an answer the engine already took (the server
// answering a retransmission) are ignored, so the client answers only one
// ServerInitAndAttest per ClientInit (§5).
Result<handshake::ClientResult> run_handshake_udp(const std::string& host, std::uint16_t port,
                                                  handshake::ClientHandshake& engine,
                                                  std::chrono::milliseconds timeout,
                                                  ClientStats* stats = nullptr,
                                                  RetransmitPolicy retransmit = {});

// A client's records for one session over UDP. The session is keyed by its
// SessionID, not the address, so rebind() (a new local port, as after a NAT
// rebinding or a network change) keeps it working (§6.4).
class RecordChannel {
 public:
  static Result<RecordChannel> open(const std::string& host, std::uint16_t udp_port,
                                    const record::SessionKeys& keys, std::int64_t now);
  RecordChannel(RecordChannel&&) noexcept;
  RecordChannel& operator=(RecordChannel&&) noexcept;
  ~RecordChannel();

  Status send(std::uint8_t payload_type, ByteSpan payload);
  Status send_keepalive();
  // The next delivered payload (keepalives and dropped datagrams are
  // skipped); kTimeout if none arrives in time.
  Result<Bytes> receive(std::chrono::milliseconds timeout);
  // Moves to a new local UDP port.
  Status rebind();
  std::uint16_t local_port() const;
  const ClientStats& stats() const;
  record::Session& session();

 private:
  struct Impl;
  explicit RecordChannel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xtt::net
