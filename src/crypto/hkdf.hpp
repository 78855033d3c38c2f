#pragma once

#include "base/bytes.hpp"

namespace xtt::crypto {

inline constexpr std::size_t kHkdfSha256MaxOut = 255 * 32;

// HKDF with HMAC-SHA-256 (RFC 5869): extract with salt (any length, empty
// meaning 32 zero bytes), then expand with info to fill out (1..8160 bytes).
// Not part of XTT itself (the handshake uses the suite PRF, §3.2); the
// cookie-secret transfer between the nodes of a replay domain uses it.
Status hkdf_sha256(ByteSpan salt, ByteSpan ikm, ByteSpan info, MutableByteSpan out);

}  // namespace xtt::crypto
