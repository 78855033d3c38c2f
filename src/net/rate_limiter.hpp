#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace xtt::net {

// Token buckets per source address, per prefix (/24 for IPv4, /64 for IPv6)
// and, optionally, one for all sources (spec §6.8): a spoofing client that
// varies its address inside one prefix still meets the prefix bucket, and one
// that varies prefixes meets the global one. Addresses are 16-byte IPv6 (IPv4
// in v4-mapped form).
class RateLimiter {
 public:
  struct Options {
    double per_source_rate = 50;  // tokens per second
    double per_source_burst = 100;
    double per_prefix_rate = 200;
    double per_prefix_burst = 400;
    double global_rate = 0;  // 0: no global bucket
    double global_burst = 0;
    std::size_t max_tracked = 100000;  // beyond this, idle entries are purged

    // For a closed test bed (the demo, the bench) where every client is one
    // loopback address.
    static Options unlimited() { return {1e9, 1e9, 1e9, 1e9, 0, 0, 100000}; }
  };

  explicit RateLimiter(Options options) : options_(options) {}

  // Takes one token from every bucket; false if any is empty.
  bool allow(const std::array<std::uint8_t, 16>& address,
             std::chrono::steady_clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  using Key = std::array<std::uint8_t, 16>;
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  bool take(std::unordered_map<Key, Bucket, KeyHash>& map, const Key& key, double rate,
            double burst, std::chrono::steady_clock::time_point now);

  Options options_;
  std::mutex mu_;
  std::unordered_map<Key, Bucket, KeyHash> sources_;
  std::unordered_map<Key, Bucket, KeyHash> prefixes_;
  std::unordered_map<Key, Bucket, KeyHash> global_;  // one entry, the all-zero key
};

}  // namespace xtt::net
