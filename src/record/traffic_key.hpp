#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/secret.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "wire/constants.hpp"

namespace xtt::record {

inline constexpr std::size_t kKeySize = 32;
inline constexpr std::size_t kIvSize = 12;
inline constexpr std::size_t kTagSize = 16;

// One direction's key and IV under a suite: the AEAD of the suite, or for
// the integrity-only suites (§6.5) the identity cipher with a PRF tag. The
// nonce rule is XTT's everywhere (§3.4, §6.4): iv XOR (0^8 || be32(seq)).
// Handshake messages and records both seal through this, so there is one
// place where a (key, nonce) pair is formed.
class TrafficKey {
 public:
  static Result<TrafficKey> create(const wire::SuiteInfo& suite, ByteSpan key, ByteSpan iv);

  std::array<std::uint8_t, kIvSize> nonce(std::uint32_t seq) const;

  // out = ciphertext || tag, exactly plaintext.size() + 16 bytes; in place
  // (out starting at plaintext) is allowed.
  Status seal(std::uint32_t seq, ByteSpan aad, ByteSpan plaintext, MutableByteSpan out);
  // out = plaintext, exactly sealed.size() - 16 bytes; kBadTag on a wrong tag
  // (out is then wiped), kTruncated when shorter than a tag.
  Status open(std::uint32_t seq, ByteSpan aad, ByteSpan sealed, MutableByteSpan out);

  // Convenience for handshake messages (allocates).
  Result<Bytes> seal(std::uint32_t seq, ByteSpan aad, ByteSpan plaintext);
  Result<SecretVector> open(std::uint32_t seq, ByteSpan aad, ByteSpan sealed);

 private:
  TrafficKey() = default;
  std::array<std::uint8_t, kTagSize> null_tag(std::span<const std::uint8_t, kIvSize> nonce,
                                              ByteSpan aad, ByteSpan plaintext);

  std::optional<crypto::AeadKey> aead_;  // empty for the null suites
  crypto::HashAlg mac_hash_ = crypto::HashAlg::kSha512;
  SecretBytes<kKeySize> mac_key_;  // null suites only
  // The null suites' MAC input, kept so a steady stream of records does not
  // allocate; wiped after every use because it holds plaintext.
  Bytes mac_input_;
  std::array<std::uint8_t, kIvSize> iv_{};
};

crypto::HashAlg hash_alg_of(const wire::SuiteInfo& suite);

}  // namespace xtt::record
