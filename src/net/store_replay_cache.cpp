#include "net/store_replay_cache.hpp"

#include <algorithm>

namespace xtt::net {

Status StoreReplayCache::test_and_insert(std::uint8_t key_id, const handshake::CookieNonce& nonce,
                                         std::uint64_t expires_at, std::uint64_t now) {
  // The cookie's identity: key_id || cookie_nonce, zero-padded to 16 bytes.
  store::CookieId id;
  id.bytes[0] = key_id;
  std::copy(nonce.begin(), nonce.end(), id.bytes.begin() + 1);
  std::uint64_t last = last_purge_.load();
  if (now >= last + 60 && last_purge_.compare_exchange_strong(last, now)) {
    (void)store_->purge_cookies(static_cast<store::UnixTime>(now));
  }
  const bool fresh =
      XTT_TRY(store_->mark_cookie_used(id, static_cast<store::UnixTime>(expires_at)));
  XTT_ENSURE(fresh, ErrorCode::kReplayedCookie, "cookie already used in this replay domain");
  return ok();
}

}  // namespace xtt::net
