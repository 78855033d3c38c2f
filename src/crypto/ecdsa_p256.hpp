#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/secret.hpp"

struct evp_pkey_st;

namespace xtt::crypto::ecdsa_p256 {

// ECDSA over NIST P-256 with SHA-256 of the message (spec §3.8): raw r || s
// signatures, uncompressed public keys, big-endian private scalars. No low-s
// normalisation when signing, and verification accepts high s (libxtt's
// signatures have s > n/2 more often than not).
inline constexpr std::size_t kScalarSize = 32;
inline constexpr std::size_t kPublicKeySize = 65;  // 0x04 || X || Y
inline constexpr std::size_t kSignatureSize = 64;  // r || s

using PrivateKey = SecretBytes<kScalarSize>;
using PublicKeyBytes = std::array<std::uint8_t, kPublicKeySize>;
using Signature = std::array<std::uint8_t, kSignatureSize>;

struct KeyPair {
  PrivateKey private_key;
  PublicKeyBytes public_key{};
};

// libxtt's key generation: one 32-byte draw read big-endian as the scalar; a
// draw of 0 or >= n is discarded and drawn again (so replays stay aligned).
Result<KeyPair> generate(Random& rng);
// d·G, encoded. kBadScalar unless 1 <= d <= n-1.
Result<PublicKeyBytes> public_from_private(const PrivateKey& private_key);

// Signs with the given nonce: k is 32 bytes big-endian, reduced mod n (as
// libxtt via AMCL does with its random draw). Replays reference signatures
// byte for byte. kBadScalar for k = 0 mod n or a zero r or s.
Result<Signature> sign_with_nonce(const PrivateKey& private_key, ByteSpan message,
                                  std::span<const std::uint8_t, kScalarSize> k);
// RFC 6979 deterministic k (HMAC-SHA-256).
Result<Signature> sign_deterministic(const PrivateKey& private_key, ByteSpan message);
// k from one 32-byte draw (libxtt); a degenerate k is drawn again.
Result<Signature> sign(const PrivateKey& private_key, ByteSpan message, Random& rng);

namespace detail {
struct PkeyFree {
  void operator()(evp_pkey_st* key) const;
};
}  // namespace detail

// A validated public key (prefix 0x04, coordinates below p, on the curve, not
// the point at infinity), ready to verify many signatures.
class PublicKey {
 public:
  // kBadPoint for anything but a valid 65-byte uncompressed point.
  static Result<PublicKey> parse(ByteSpan encoded);

  const PublicKeyBytes& bytes() const { return bytes_; }

  // kBadSignature unless sig is 64 bytes, r and s lie in [1, n-1] and the
  // signature verifies over SHA-256(message).
  Status verify(ByteSpan message, ByteSpan sig) const;
  // The same with the hash already taken: digest is the ECDSA input, its
  // leftmost 256 bits being e. For other hashes (Wycheproof's SHA-512 files)
  // and prehashed input.
  Status verify_digest(ByteSpan digest, ByteSpan sig) const;

 private:
  PublicKey() = default;
  PublicKeyBytes bytes_{};
  std::unique_ptr<evp_pkey_st, detail::PkeyFree> pkey_;
};

// parse + verify in one call; a bad key gives kBadPoint.
Status verify(ByteSpan public_key, ByteSpan message, ByteSpan sig);

}  // namespace xtt::crypto::ecdsa_p256
