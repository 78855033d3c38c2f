#pragma once

#include <atomic>
#include <memory>

#include "handshake/server_cookie.hpp"
#include "store/store.hpp"

namespace xtt::net {

// The stateless cookie's single-use check (§6.6 step 5) kept in the shared
// store, so every server node of a replay domain that shares the store (e.g.
// one PostgreSQL database) accepts each message 3 at most once.
class StoreReplayCache final : public handshake::CookieReplayCache {
 public:
  explicit StoreReplayCache(std::shared_ptr<store::Store> store) : store_(std::move(store)) {}
  Status test_and_insert(std::uint8_t key_id, const handshake::CookieNonce& nonce,
                         std::uint64_t expires_at, std::uint64_t now) override;

 private:
  std::shared_ptr<store::Store> store_;
  std::atomic<std::uint64_t> last_purge_{0};
};

}  // namespace xtt::net
