#include "net/rate_limiter.hpp"

#include <algorithm>
#include <cstring>

namespace xtt::net {

std::size_t RateLimiter::KeyHash::operator()(const Key& k) const {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, k.data(), 8);
  std::memcpy(&b, k.data() + 8, 8);
  return static_cast<std::size_t>(a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull));
}

bool RateLimiter::take(std::unordered_map<Key, Bucket, KeyHash>& map, const Key& key, double rate,
                       double burst, std::chrono::steady_clock::time_point now) {
  if (map.size() >= options_.max_tracked) {
    // Drop buckets that have refilled completely: they carry no state.
    for (auto it = map.begin(); it != map.end();) {
      const double idle = std::chrono::duration<double>(now - it->second.last).count();
      it = (it->second.tokens + idle * rate >= burst) ? map.erase(it) : std::next(it);
    }
  }
  auto [it, inserted] = map.try_emplace(key, Bucket{burst, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst, b.tokens + elapsed * rate);
    b.last = now;
  }
  if (b.tokens < 1.0) {
    return false;
  }
  b.tokens -= 1.0;
  return true;
}

bool RateLimiter::allow(const Key& address, std::chrono::steady_clock::time_point now) {
  static constexpr std::uint8_t kV4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  Key prefix{};
  if (std::memcmp(address.data(), kV4Mapped, 12) == 0) {
    std::memcpy(prefix.data(), address.data(), 15);  // /24 of the IPv4 address
  } else {
    std::memcpy(prefix.data(), address.data(), 8);  // /64
  }
  std::lock_guard lock(mu_);
  if (options_.global_rate > 0 &&
      !take(global_, Key{}, options_.global_rate, options_.global_burst, now)) {
    return false;
  }
  if (!take(prefixes_, prefix, options_.per_prefix_rate, options_.per_prefix_burst, now)) {
    return false;
  }
  return take(sources_, address, options_.per_source_rate, options_.per_source_burst, now);
}

}  // namespace xtt::net
