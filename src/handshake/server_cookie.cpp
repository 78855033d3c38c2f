#include "handshake/server_cookie.hpp"

#include <algorithm>
#include <string_view>

#include "base/ct.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace xtt::handshake {

namespace {

constexpr std::string_view kEncLabel = "XTT cookie enc";
constexpr std::string_view kDhLabel = "XTT cookie dh";
constexpr std::size_t kKeyIdOffset = 0;
constexpr std::size_t kNonceOffset = 1;
constexpr std::size_t kSealedOffset = 1 + kCookieNonceSize;  // 13
static_assert(kSealedOffset + kCookiePlaintextSize + crypto::kAeadTagSize ==
              wire::kServerCookieSize);

ByteSpan text(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::uint64_t epoch_of(std::uint64_t t) { return t / kCookieEpochSeconds; }

SecretBytes<32> enc_key(const SecretBytes<32>& secret) {
  auto k = crypto::hmac_sha256(secret.span(), text(kEncLabel));
  SecretBytes<32> out{std::span<const std::uint8_t, 32>(k)};
  secure_wipe(k.data(), k.size());
  return out;
}

SecretBytes<32> dh_secret(const SecretBytes<32>& secret, const CookieNonce& nonce) {
  ByteWriter input(kDhLabel.size() + nonce.size());
  input.bytes(text(kDhLabel));
  input.bytes(nonce);
  auto k = crypto::hmac_sha256(secret.span(), input.view());
  SecretBytes<32> out{std::span<const std::uint8_t, 32>(k)};
  secure_wipe(k.data(), k.size());
  return out;
}

Bytes cookie_aad(std::uint8_t version, wire::SuiteSpec suite,
                 const std::optional<ClientAddress>& addr) {
  ByteWriter w(19);
  w.u8(version);
  w.u16(static_cast<std::uint16_t>(suite));
  if (addr) {
    w.bytes(*addr);
  }
  return std::move(w).take();
}

}  // namespace

ClientAddress ipv4_mapped(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  ClientAddress out{};
  out[10] = 0xff;
  out[11] = 0xff;
  out[12] = a;
  out[13] = b;
  out[14] = c;
  out[15] = d;
  return out;
}

CookieKeyring::CookieKeyring(Random& rng, std::uint64_t skew_seconds)
    : rng_(rng), skew_(skew_seconds) {
  slots_.reserve(4 * kMaxSecretsPerKeyId);
}

// A secret issues during its epoch and is erased 60 s + skew after the
// epoch ends.
bool CookieKeyring::expired(std::uint64_t epoch, std::uint64_t now) const {
  const std::uint64_t erase_at = (epoch + 1) * kCookieEpochSeconds + kCookieLifetimeSeconds + skew_;
  return now >= erase_at;
}

void CookieKeyring::purge(std::uint64_t now) {
  std::erase_if(slots_, [&](const Slot& s) { return expired(s.epoch, now); });
}

std::size_t CookieKeyring::count_for(std::uint8_t key_id) const {
  return static_cast<std::size_t>(std::count_if(
      slots_.begin(), slots_.end(), [&](const Slot& s) { return s.epoch % 256 == key_id; }));
}

// The own secret of epoch, created on first use. It always has room: install()
// leaves one place per key_id free for it.
Result<const CookieKeyring::Slot*> CookieKeyring::own_slot(std::uint64_t epoch) {
  for (const Slot& s : slots_) {
    if (s.own && s.epoch == epoch) {
      return &s;
    }
  }
  Slot fresh;
  XTT_TRY(rng_.fill(fresh.secret.span()));
  fresh.epoch = epoch;
  fresh.own = true;
  slots_.push_back(std::move(fresh));
  return &slots_.back();
}

Result<CookieEpochKey> CookieKeyring::issuing_key(std::uint64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  purge(now);
  const std::uint64_t epoch = epoch_of(now);
  const Slot* slot = XTT_TRY(own_slot(epoch));
  return CookieEpochKey{epoch, static_cast<std::uint8_t>(epoch % 256), slot->secret.clone()};
}

Result<std::vector<CookieEpochKey>> CookieKeyring::keys_for(std::uint8_t key_id,
                                                            std::uint64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  purge(now);
  std::vector<CookieEpochKey> out;
  for (const bool own : {true, false}) {
    for (const Slot& s : slots_) {
      // A secret from the future is live only within the clock skew.
      if (s.own == own && s.epoch % 256 == key_id && s.epoch * kCookieEpochSeconds <= now + skew_) {
        out.push_back(CookieEpochKey{s.epoch, key_id, s.secret.clone()});
      }
    }
  }
  XTT_ENSURE(!out.empty(), ErrorCode::kExpiredCookie, "the cookie's key is not live");
  return out;
}

Result<CookieEpochKey> CookieKeyring::key_for(std::uint8_t key_id, std::uint64_t now) {
  auto keys = XTT_TRY(keys_for(key_id, now));
  return std::move(keys.front());
}

Result<std::vector<CookieEpochKey>> CookieKeyring::own_secrets(std::uint64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  purge(now);
  const std::uint64_t epoch = epoch_of(now);
  XTT_TRY(own_slot(epoch));
  XTT_TRY(own_slot(epoch + 1));
  std::vector<CookieEpochKey> out;
  for (const Slot& s : slots_) {
    if (s.own) {
      out.push_back(
          CookieEpochKey{s.epoch, static_cast<std::uint8_t>(s.epoch % 256), s.secret.clone()});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const CookieEpochKey& a, const CookieEpochKey& b) { return a.epoch < b.epoch; });
  return out;
}

Status CookieKeyring::install(std::uint64_t epoch, std::span<const std::uint8_t, 32> secret,
                              std::uint64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  purge(now);
  XTT_ENSURE(!expired(epoch, now), ErrorCode::kInvalidArgument,
             "the cookie secret's epoch is already over");
  // A peer pushes at most its next epoch, and its clock is at most skew ahead.
  XTT_ENSURE(epoch <= epoch_of(now + skew_) + 1, ErrorCode::kInvalidArgument,
             "the cookie secret's epoch is too far in the future");
  for (const Slot& s : slots_) {
    if (s.epoch == epoch && ct::equal(s.secret.span(), secret)) {
      return ok();  // pushed again (every epoch, or after a lost ack)
    }
  }
  const auto key_id = static_cast<std::uint8_t>(epoch % 256);
  const auto installed =
      static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [&](const Slot& s) {
        return !s.own && s.epoch % 256 == key_id;
      }));
  XTT_ENSURE(installed + 1 < kMaxSecretsPerKeyId, ErrorCode::kStorageFailure,
             "too many cookie secrets for one key_id");
  Slot slot;
  slot.epoch = epoch;
  slot.secret = SecretBytes<32>(secret);
  slots_.push_back(std::move(slot));
  return ok();
}

void CookieKeyring::expire(std::uint64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  purge(now);
}

void CookieKeyring::erase_all() {
  std::lock_guard<std::mutex> lock(mu_);
  slots_.clear();  // each SecretBytes wipes itself
}

std::size_t CookieKeyring::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_.size();
}

Status MemoryReplayCache::test_and_insert(std::uint8_t key_id, const CookieNonce& nonce,
                                          std::uint64_t expires_at, std::uint64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  while (!by_expiry_.empty() && by_expiry_.begin()->first <= now) {
    entries_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
  const Key key{key_id, nonce};
  XTT_ENSURE(entries_.find(key) == entries_.end(), ErrorCode::kReplayedCookie,
             "the cookie was already used");
  XTT_ENSURE(entries_.size() < capacity_, ErrorCode::kStorageFailure,
             "the cookie replay cache is full");
  entries_.emplace(key, expires_at);
  by_expiry_.emplace(expires_at, key);
  return ok();
}

std::size_t MemoryReplayCache::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

Result<IssuedCookie> issue_cookie(CookieKeyring& keyring, Random& rng, std::uint8_t version,
                                  wire::SuiteSpec suite,
                                  const std::optional<ClientAddress>& client_addr,
                                  const CookieContents& contents) {
  const CookieEpochKey key = XTT_TRY(keyring.issuing_key(contents.ts));
  CookieNonce nonce{};
  XTT_TRY(rng.fill(nonce));

  SecretVector plain(kCookiePlaintextSize);
  std::uint8_t* p = plain.data();
  store_be64(p, contents.ts);
  std::copy(contents.client_nonce.bytes.begin(), contents.client_nonce.bytes.end(), p + 8);
  std::copy(contents.client_dh_pub.bytes.begin(), contents.client_dh_pub.bytes.end(), p + 40);
  p[72] = contents.cert_index;

  IssuedCookie out;
  auto& c = out.cookie.bytes;
  c[kKeyIdOffset] = key.key_id;
  std::copy(nonce.begin(), nonce.end(), c.begin() + kNonceOffset);
  const SecretBytes<32> k = enc_key(key.secret);
  auto aead = XTT_TRY(crypto::AeadKey::create(crypto::AeadAlg::kChaCha20Poly1305, k.span()));
  const Bytes aad = cookie_aad(version, suite, client_addr);
  XTT_TRY(aead.seal(nonce, aad, plain.span(), std::span(c).subspan(kSealedOffset)));
  out.server_dh_secret = dh_secret(key.secret, nonce);
  return out;
}

Result<OpenedCookie> open_cookie(CookieKeyring& keyring, std::uint64_t now, std::uint8_t version,
                                 wire::SuiteSpec suite,
                                 const std::optional<ClientAddress>& client_addr,
                                 const wire::ServerCookie& cookie) {
  const auto& c = cookie.bytes;
  OpenedCookie out;
  out.key_id = c[kKeyIdOffset];
  std::copy(c.begin() + kNonceOffset, c.begin() + kSealedOffset, out.nonce.begin());
  const std::vector<CookieEpochKey> keys = XTT_TRY(keyring.keys_for(out.key_id, now));

  // One secret per node of the domain may carry this key_id; the AEAD tells
  // which one sealed the cookie (a wrong key fails like a forged tag).
  const Bytes aad = cookie_aad(version, suite, client_addr);
  SecretVector plain(kCookiePlaintextSize);
  const CookieEpochKey* key = nullptr;
  for (const CookieEpochKey& candidate : keys) {
    const SecretBytes<32> k = enc_key(candidate.secret);
    auto aead = XTT_TRY(crypto::AeadKey::create(crypto::AeadAlg::kChaCha20Poly1305, k.span()));
    if (aead.open(out.nonce, aad, ByteSpan(c).subspan(kSealedOffset), plain.span()).has_value()) {
      key = &candidate;
      break;
    }
  }
  XTT_ENSURE(key != nullptr, ErrorCode::kBadCookie, "the cookie does not authenticate");
  const std::uint8_t* p = plain.data();
  XTT_ENSURE(ct::is_zero(ByteSpan(p + 73, 28)), ErrorCode::kBadCookie,
             "the cookie's reserved bytes are not zero");

  out.contents.ts = load_be64(p);
  std::copy(p + 8, p + 40, out.contents.client_nonce.bytes.begin());
  std::copy(p + 40, p + 72, out.contents.client_dh_pub.bytes.begin());
  out.contents.cert_index = p[72];
  const std::uint64_t ts = out.contents.ts;
  XTT_ENSURE(ts + kCookieLifetimeSeconds >= now && ts <= now + keyring.skew(),
             ErrorCode::kExpiredCookie, "the cookie is outside its validity window");
  // The epoch the cookie claims must be the one that issued it; otherwise a
  // node with a stale clock could stretch a secret's life.
  XTT_ENSURE(epoch_of(ts) == key->epoch, ErrorCode::kBadCookie,
             "the cookie's time does not match its key");
  out.server_dh_secret = dh_secret(key->secret, out.nonce);
  return out;
}

std::uint64_t replay_entry_expiry(const CookieKeyring& keyring, std::uint64_t ts) {
  return ts + kCookieLifetimeSeconds + 2 * keyring.skew();
}

}  // namespace xtt::handshake
