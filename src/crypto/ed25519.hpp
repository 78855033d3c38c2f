#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/secret.hpp"

namespace xtt::crypto::ed25519 {

// Ed25519 (RFC 8032, pure, no context), for the server-signature variant of
// spec §6.7.
inline constexpr std::size_t kSeedSize = 32;
inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSignatureSize = 64;

using Seed = SecretBytes<kSeedSize>;
using PublicKey = std::array<std::uint8_t, kPublicKeySize>;
using Signature = std::array<std::uint8_t, kSignatureSize>;

struct KeyPair {
  Seed seed;  // the RFC 8032 private key
  PublicKey public_key{};
};

Result<KeyPair> keypair(std::span<const std::uint8_t, kSeedSize> seed);
// One 32-byte draw, used as the seed.
Result<KeyPair> generate(Random& rng);
Result<Signature> sign(const Seed& seed, ByteSpan message);
// kBadSignature unless sig is 64 bytes and verifies (OpenSSL also rejects
// s >= L); kBadPoint if the public key does not decode.
Status verify(std::span<const std::uint8_t, kPublicKeySize> public_key, ByteSpan message,
              ByteSpan sig);

}  // namespace xtt::crypto::ed25519
