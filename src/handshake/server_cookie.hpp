#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/secret.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

// The server cookie (§3.9 stateful, §6.6 stateless). The stateful mode is a
// 130-byte random draw the engine keeps and compares with ct::equal; it
// needs nothing here but the comparison. The stateless mode keeps the whole
// handshake state in the cookie, sealed under a per-minute secret.
namespace xtt::handshake {

// The client's address as the server sees it (IPv6, or IPv4-mapped).
using ClientAddress = std::array<std::uint8_t, 16>;
ClientAddress ipv4_mapped(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);

inline constexpr std::uint64_t kCookieEpochSeconds = 60;
inline constexpr std::uint64_t kCookieLifetimeSeconds = 60;
inline constexpr std::uint64_t kDefaultClockSkewSeconds = 5;
inline constexpr std::size_t kCookieNonceSize = 12;
inline constexpr std::size_t kCookiePlaintextSize = 101;

using CookieNonce = std::array<std::uint8_t, kCookieNonceSize>;

// One epoch's key material, as handed to an engine (a copy, wiped with it).
struct CookieEpochKey {
  std::uint64_t epoch = 0;
  std::uint8_t key_id = 0;
  SecretBytes<32> secret;
};

// The cookie secrets of one node of a replay domain (§6.6), shared by all
// its engines; thread-safe. Secrets are kept only in memory.
//
// Several secrets per key_id: every node creates its own secret per epoch and
// the domain ships them around (net/cookie_sync_*), so no node has to agree
// with another on one secret. A node issues under its own secret only; to
// open a cookie it tries every live secret of the cookie's key_id (own first),
// at most kMaxSecretsPerKeyId of them: one cheap AEAD failure per other node.
// A secret is erased 60 s + skew after its epoch ends, whoever created it.
class CookieKeyring {
 public:
  // Own secret + secrets installed from peers, per key_id. Bounds the work of
  // opening one cookie and the memory a peer can make this node hold.
  static constexpr std::size_t kMaxSecretsPerKeyId = 16;

  // rng must be thread-safe if engines on several threads share the ring.
  explicit CookieKeyring(Random& rng, std::uint64_t skew_seconds = kDefaultClockSkewSeconds);
  CookieKeyring(const CookieKeyring&) = delete;
  CookieKeyring& operator=(const CookieKeyring&) = delete;

  std::uint64_t skew() const { return skew_; }

  // The node's own secret that issues cookies at now (epoch = floor(now /
  // 60)), created from rng if it does not exist yet.
  Result<CookieEpochKey> issuing_key(std::uint64_t now);
  // Every live secret named by key_id at now, the node's own first;
  // kExpiredCookie when there is none (never created or installed here,
  // already erased, or more than skew in the future).
  Result<std::vector<CookieEpochKey>> keys_for(std::uint8_t key_id, std::uint64_t now);
  // The first of keys_for(): the own secret when it is live.
  Result<CookieEpochKey> key_for(std::uint8_t key_id, std::uint64_t now);
  // The node's own secrets to push to the other nodes of the domain: those of
  // the current and the next epoch (created now if missing, so peers hold a
  // secret before its first cookie), and the previous one while it is live.
  Result<std::vector<CookieEpochKey>> own_secrets(std::uint64_t now);
  // Installs a secret another node of the replay domain created. Idempotent
  // for a secret already held. kInvalidArgument for an epoch already over or
  // more than one epoch ahead (a peer's clock is at most skew off);
  // kStorageFailure when the key_id holds kMaxSecretsPerKeyId secrets (a live
  // secret is never evicted).
  Status install(std::uint64_t epoch, std::span<const std::uint8_t, 32> secret, std::uint64_t now);
  // Wipes the secrets whose time is over. Every call above does this too; a
  // driver with a timer calls it so an idle server does not keep a secret
  // past its erasure time.
  void expire(std::uint64_t now);
  // Forgets every secret (§6.6: a domain that lost its replay cache must).
  void erase_all();
  // How many secrets are held (live or not yet purged), for tests and metrics.
  std::size_t size();

 private:
  struct Slot {
    std::uint64_t epoch = 0;
    bool own = false;
    SecretBytes<32> secret;
  };
  bool expired(std::uint64_t epoch, std::uint64_t now) const;
  void purge(std::uint64_t now);
  Result<const Slot*> own_slot(std::uint64_t epoch);
  std::size_t count_for(std::uint8_t key_id) const;

  Random& rng_;
  std::uint64_t skew_;
  std::mutex mu_;
  // Few entries (about 3 per node of the domain); a vector keeps the order
  // "own first" cheap and erasing an element wipes it (SecretBytes moves
  // wipe their source).
  std::vector<Slot> slots_;
};

// Single use of each cookie across a replay domain (§6.6 step 5). The test
// and the insert are one atomic step.
class CookieReplayCache {
 public:
  virtual ~CookieReplayCache() = default;
  // kReplayedCookie if (key_id, nonce) is present; kStorageFailure when the
  // cache is full (fail closed: a live entry is never evicted); otherwise
  // records it until expires_at.
  virtual Status test_and_insert(std::uint8_t key_id, const CookieNonce& nonce,
                                 std::uint64_t expires_at, std::uint64_t now) = 0;
};

// A bounded in-memory cache for one node (a single-node replay domain).
class MemoryReplayCache final : public CookieReplayCache {
 public:
  explicit MemoryReplayCache(std::size_t capacity = 1 << 16) : capacity_(capacity) {}
  Status test_and_insert(std::uint8_t key_id, const CookieNonce& nonce, std::uint64_t expires_at,
                         std::uint64_t now) override;
  std::size_t size();

 private:
  using Key = std::pair<std::uint8_t, CookieNonce>;
  std::size_t capacity_;
  std::mutex mu_;
  std::map<Key, std::uint64_t> entries_;         // -> expiry
  std::multimap<std::uint64_t, Key> by_expiry_;  // for purging
};

// What a stateless cookie carries (P of §6.6, 101 bytes).
struct CookieContents {
  std::uint64_t ts = 0;
  wire::SigningNonce client_nonce;
  wire::DhPublicKey client_dh_pub;
  std::uint8_t cert_index = 0;
};

struct IssuedCookie {
  wire::ServerCookie cookie;
  SecretBytes<32> server_dh_secret;  // HMAC-SHA-256(secret, "XTT cookie dh" || nonce)
};

struct OpenedCookie {
  std::uint8_t key_id = 0;
  CookieNonce nonce{};
  CookieContents contents;
  SecretBytes<32> server_dh_secret;
};

// Seals contents under the epoch key of contents.ts, with a 12-byte
// cookie_nonce drawn from rng; AD = version || suite [|| client_addr].
Result<IssuedCookie> issue_cookie(CookieKeyring& keyring, Random& rng, std::uint8_t version,
                                  wire::SuiteSpec suite,
                                  const std::optional<ClientAddress>& client_addr,
                                  const CookieContents& contents);
// §6.6 steps 2-4: key_id live (kExpiredCookie), AEAD under any live secret
// of key_id (kBadCookie), then now - 60 <= ts <= now + skew (kExpiredCookie).
// Symmetric crypto only.
Result<OpenedCookie> open_cookie(CookieKeyring& keyring, std::uint64_t now, std::uint8_t version,
                                 wire::SuiteSpec suite,
                                 const std::optional<ClientAddress>& client_addr,
                                 const wire::ServerCookie& cookie);
// When a replay-cache entry for this cookie may go: ts + 60 + 2 * skew.
std::uint64_t replay_entry_expiry(const CookieKeyring& keyring, std::uint64_t ts);

}  // namespace xtt::handshake
