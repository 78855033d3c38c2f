#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "base/bytes.hpp"
#include "base/secret.hpp"

struct evp_md_ctx_st;

namespace xtt::crypto {

inline constexpr std::size_t kSha256Size = 32;
inline constexpr std::size_t kSha512Size = 64;
// Every XTT suite hash (SHA-512 or BLAKE2b-512) has a 64-byte output.
inline constexpr std::size_t kHashSize = 64;
// RFC 7693 limits for keyed BLAKE2b.
inline constexpr std::size_t kBlake2bMaxKeySize = 64;
inline constexpr std::size_t kBlake2bMaxOutSize = 64;

using Sha256Digest = std::array<std::uint8_t, kSha256Size>;
using Digest64 = std::array<std::uint8_t, 64>;

// The suite hash, named by the suite (spec §3: H).
enum class HashAlg : std::uint8_t { kSha512, kBlake2b };
std::string_view name_of(HashAlg alg);

// One-shot digests. With a fixed algorithm and an in-memory input these fail
// only when OpenSSL cannot allocate, which aborts (like std::vector would).
Sha256Digest sha256(ByteSpan data);
Digest64 sha512(ByteSpan data);
// Unkeyed BLAKE2b with the 64-byte digest length (RFC 7693 BLAKE2b-512).
Digest64 blake2b512(ByteSpan data);
// The suite hash H of the concatenation of parts (spec §3.3 hashes several
// fields with a length prefix; no caller has to concatenate first).
Digest64 hash(HashAlg alg, ByteSpan data);
Digest64 hash(HashAlg alg, std::initializer_list<ByteSpan> parts);

// Keyed BLAKE2b (RFC 7693): key of 1..64 bytes, and out.size() (1..64) is the
// digest-length parameter, so a 32-byte output is NOT the first half of the
// 64-byte one (spec §3.2). An empty key is refused: keyed BLAKE2b with a
// zero-length key is unkeyed BLAKE2b, which OpenSSL 3.0 only has at 64 bytes.
Status blake2b_keyed(ByteSpan key, ByteSpan data, MutableByteSpan out);

// HMAC (RFC 2104) with any key length, including empty.
Sha256Digest hmac_sha256(ByteSpan key, ByteSpan data);
Digest64 hmac_sha512(ByteSpan key, ByteSpan data);

namespace detail {
struct MdCtxFree {
  void operator()(evp_md_ctx_st* ctx) const;
};
using MdCtxPtr = std::unique_ptr<evp_md_ctx_st, MdCtxFree>;
}  // namespace detail

// Incremental SHA-256 (e.g. for RFC 6979 and the ECDAA Schnorr hash).
// finish() returns the digest and resets the object for a new message.
class Sha256 {
 public:
  Sha256();
  Sha256& update(ByteSpan data);
  Sha256Digest finish();

 private:
  detail::MdCtxPtr ctx_;
};

// Incremental suite hash H, for transcript hashes built from many fields.
class Hasher {
 public:
  explicit Hasher(HashAlg alg);
  HashAlg alg() const { return alg_; }
  Hasher& update(ByteSpan data);
  Digest64 finish();

 private:
  HashAlg alg_;
  detail::MdCtxPtr ctx_;
};

}  // namespace xtt::crypto
