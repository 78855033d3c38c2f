#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/random.hpp"
#include "base/result.hpp"
#include "base/secret.hpp"

namespace xtt::crypto::x25519 {

inline constexpr std::size_t kKeySize = 32;

using PublicKey = std::array<std::uint8_t, kKeySize>;

struct KeyPair {
  SecretBytes<kKeySize> secret;  // as drawn; X25519 clamps it when used
  PublicKey public_key{};
};

// The key pair for a 32-byte secret (RFC 7748: any 32 bytes are a secret).
Result<KeyPair> keypair(std::span<const std::uint8_t, kKeySize> secret);
// One 32-byte draw from rng, used as the secret (libxtt's draw order).
Result<KeyPair> generate(Random& rng);
// The shared secret Z = X25519(secret, peer). An all-zero Z (the peer sent a
// low-order point) is refused with kWeakKeyShare (spec §3.1).
Result<SecretBytes<kKeySize>> derive(const SecretBytes<kKeySize>& secret,
                                     std::span<const std::uint8_t, kKeySize> peer);
// The same from a key pair: half the cost, because OpenSSL does not recompute
// the own public key (the result depends on the secret only).
Result<SecretBytes<kKeySize>> derive(const KeyPair& own,
                                     std::span<const std::uint8_t, kKeySize> peer);

}  // namespace xtt::crypto::x25519
