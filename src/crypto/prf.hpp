#pragma once

#include "base/bytes.hpp"
#include "crypto/hash.hpp"

namespace xtt::crypto {

inline constexpr std::size_t kPrfMaxOut = 64;

// The XTT PRF (spec §3.2), filling out (1..64 bytes):
// - kSha512: HMAC-SHA-512(key, input) truncated to out.size();
// - kBlake2b: keyed BLAKE2b with key and digest length out.size() (not a
//   truncation); the key must be 1..64 bytes.
Status prf(HashAlg alg, ByteSpan key, ByteSpan input, MutableByteSpan out);

}  // namespace xtt::crypto
