#pragma once

#include "base/result.hpp"

namespace xtt::crypto {

// Known-answer checks, one per primitive (hashes, HMAC, keyed BLAKE2b and
// the PRF, X25519, both AEADs, ECDSA P-256 with RFC 6979, Ed25519), so a
// broken or misconfigured OpenSSL is caught before any key is used.
// kCryptoFailure naming the first failing check.
Status self_test();

}  // namespace xtt::crypto
