#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "base/bytes.hpp"

struct evp_cipher_ctx_st;

namespace xtt::crypto {

enum class AeadAlg : std::uint8_t { kChaCha20Poly1305, kAes256Gcm };
std::string_view name_of(AeadAlg alg);

inline constexpr std::size_t kAeadKeySize = 32;
inline constexpr std::size_t kAeadNonceSize = 12;
inline constexpr std::size_t kAeadTagSize = 16;

namespace detail {
struct CipherCtxFree {
  void operator()(evp_cipher_ctx_st* ctx) const;
};
using CipherCtxPtr = std::unique_ptr<evp_cipher_ctx_st, CipherCtxFree>;
}  // namespace detail

// A key scheduled once: the record layer seals and opens every packet with
// the same object, and only the nonce is set per call (no context is created
// per packet). Not for concurrent use: seal/open mutate the contexts. The
// key schedule is wiped when the object is destroyed.
class AeadKey {
 public:
  // key must be kAeadKeySize bytes (both algorithms use 256-bit keys).
  static Result<AeadKey> create(AeadAlg alg, ByteSpan key);

  AeadAlg alg() const { return alg_; }

  // Writes ciphertext || tag into out, which must be exactly
  // plaintext.size() + kAeadTagSize bytes; out may start at plaintext's first
  // byte (in place) but must not overlap it otherwise. nonce must be 12 bytes.
  Status seal(ByteSpan nonce, ByteSpan aad, ByteSpan plaintext, MutableByteSpan out);

  // Checks the tag (the last kAeadTagSize bytes of ciphertext_and_tag) and
  // writes the plaintext into out (exactly ciphertext_and_tag.size() - 16
  // bytes, in place allowed as for seal). A wrong tag gives kBadTag and out is
  // wiped; input shorter than a tag gives kTruncated.
  Status open(ByteSpan nonce, ByteSpan aad, ByteSpan ciphertext_and_tag, MutableByteSpan out);

 private:
  AeadKey(AeadAlg alg, detail::CipherCtxPtr seal, detail::CipherCtxPtr open)
      : alg_(alg), seal_(std::move(seal)), open_(std::move(open)) {}

  AeadAlg alg_;
  detail::CipherCtxPtr seal_;
  detail::CipherCtxPtr open_;
};

}  // namespace xtt::crypto
