#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace xtt::net {

// Server counters, rendered in Prometheus text format. Counters are atomics
// (hot paths touch them per record); labelled families take a mutex and are
// only touched per handshake or per rejected input.
class Metrics {
 public:
  std::atomic<std::uint64_t> records_in{0};
  std::atomic<std::uint64_t> records_out{0};
  std::atomic<std::uint64_t> bytes_in{0};
  std::atomic<std::uint64_t> bytes_out{0};
  std::atomic<std::int64_t> active_sessions{0};
  std::atomic<std::int64_t> active_handshakes{0};       // TCP connections in a handshake
  std::atomic<std::int64_t> udp_handshake_contexts{0};  // live or kept to answer retransmissions
  std::atomic<std::uint64_t> udp_retransmissions{0};    // copies answered from a stored reply

  // handshake kind/suite/result, e.g. ("identity", 1, "ok").
  void count_handshake(const std::string& kind, std::uint16_t suite, const std::string& result);
  // Why an input was rejected or dropped ("rate-limited", "bad-tag", ...).
  void count_rejected(const std::string& reason);

  std::uint64_t handshakes(const std::string& kind, const std::string& result) const;
  std::uint64_t rejected(const std::string& reason) const;
  std::string render_prometheus() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t> handshakes_;  // "kind|suite|result"
  std::map<std::string, std::uint64_t> rejected_;
};

}  // namespace xtt::net
