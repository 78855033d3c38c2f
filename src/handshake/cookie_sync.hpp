#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/secret.hpp"
#include "crypto/x25519.hpp"
#include "handshake/server_cookie.hpp"

// Shipping the cookie secrets of §6.6 between the nodes of one replay domain,
// sans IO. Not part of XTT: a node-to-node protocol on its own TCP port.
//
// One transfer, pusher P (who owns the secrets) to receiver R:
//   1. P -> R  Hello   = hdr(1, 49)  || version(1) || e_P(32) || nonce(16)
//   2. R -> P  Reply   = hdr(2, 33)  || version(1) || e_R(32)
//   3. P -> R  Secrets = hdr(3, len) || Seal(k_push, count(1) || count x (epoch(8) || secret(32)))
//   4. R -> P  Ack     = hdr(4, 17)  || Seal(k_ack, installed(1))
// hdr(type, len) = type(1) || len(2, big-endian) of what follows.
//   Z = X25519(e, e'), both ephemeral (fresh per transfer, wiped after it);
//   k_push || k_ack = HKDF-SHA-256(salt = domain key, ikm = Z,
//                                  info = "XTT cookie sync v1" || Hello || Reply), 64 bytes;
//   Seal = ChaCha20-Poly1305 with a zero nonce (each key seals one message) and
//   AD = the message's 3-byte header.
// Only a holder of the domain key derives k_push, so the Secrets tag
// authenticates P and only a holder can read the secrets; the Ack tag
// authenticates R. A fresh e_R per transfer makes a recorded Secrets message
// worthless in another transfer, and a stolen domain key does not open
// recorded transfers (Z is gone): forward secrecy.
namespace xtt::handshake::cookie_sync {

inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kDomainKeySize = 32;
inline constexpr std::size_t kHeaderSize = 3;
inline constexpr std::size_t kMaxSecrets = 8;  // a node pushes 2 or 3 (previous, current, next)
inline constexpr std::size_t kSecretEntrySize = 8 + 32;
inline constexpr std::size_t kMaxMessageSize =
    kHeaderSize + 1 + kMaxSecrets * kSecretEntrySize + 16;

enum class MsgType : std::uint8_t { kHello = 1, kReply = 2, kSecrets = 3, kAck = 4 };

using DomainKey = SecretBytes<kDomainKeySize>;

// The whole message length (header included) from its first kHeaderSize
// bytes: the type must be known and the length exactly the type's (Secrets:
// 1..kMaxSecrets entries). Lets a driver read a message without trusting it.
Result<std::size_t> frame_length(ByteSpan header);

// The pushing side of one transfer: hello(), then on_reply(), then on_ack().
class Pusher {
 public:
  // secrets: 1..kMaxSecrets (epoch, secret) pairs; key_id is not sent.
  static Result<Pusher> create(const DomainKey& key, Random& rng,
                               std::vector<CookieEpochKey> secrets);
  Pusher(Pusher&&) noexcept = default;
  Pusher& operator=(Pusher&&) noexcept = default;

  const Bytes& hello() const { return hello_; }
  // Message 2 in, message 3 out.
  Result<Bytes> on_reply(ByteSpan reply);
  // Message 4 in: how many secrets the receiver holds now.
  Result<std::size_t> on_ack(ByteSpan ack);

 private:
  Pusher() = default;
  enum class State : std::uint8_t { kAwaitReply, kAwaitAck, kDone, kFailed };

  State state_ = State::kAwaitReply;
  DomainKey key_;
  crypto::x25519::KeyPair ephemeral_;
  std::vector<CookieEpochKey> secrets_;
  Bytes hello_;
  SecretBytes<32> ack_key_;
};

// The receiving side: on_hello(), on_secrets(), then ack() with the number
// of secrets the caller installed.
class Receiver {
 public:
  static Result<Receiver> create(const DomainKey& key, Random& rng);
  Receiver(Receiver&&) noexcept = default;
  Receiver& operator=(Receiver&&) noexcept = default;

  // Message 1 in, message 2 out.
  Result<Bytes> on_hello(ByteSpan hello);
  // Message 3 in: the secrets, authenticated (key_id filled in from epoch).
  Result<std::vector<CookieEpochKey>> on_secrets(ByteSpan message);
  // Message 4 out.
  Result<Bytes> ack(std::size_t installed);

 private:
  Receiver() = default;
  enum class State : std::uint8_t { kAwaitHello, kAwaitSecrets, kAck, kDone, kFailed };

  State state_ = State::kAwaitHello;
  DomainKey key_;
  crypto::x25519::KeyPair ephemeral_;
  Bytes hello_;
  Bytes reply_;
  SecretBytes<32> ack_key_;
};

}  // namespace xtt::handshake::cookie_sync
