#include "crypto/hkdf.hpp"

#include <algorithm>

#include "base/secret.hpp"
#include "crypto/hash.hpp"

namespace xtt::crypto {

Status hkdf_sha256(ByteSpan salt, ByteSpan ikm, ByteSpan info, MutableByteSpan out) {
  XTT_ENSURE(!out.empty() && out.size() <= kHkdfSha256MaxOut, ErrorCode::kInvalidArgument,
             "HKDF-SHA-256 output must be 1..8160 bytes");
  // HMAC pads a short key with zeros, so an empty salt is the RFC's
  // HashLen zero bytes.
  Sha256Digest prk = hmac_sha256(salt, ikm);
  WipeOnExit wipe_prk(prk);
  Sha256Digest t{};
  WipeOnExit wipe_t(t);
  SecretVector block(t.size() + info.size() + 1);
  std::size_t done = 0;
  for (std::uint8_t i = 1; done < out.size(); ++i) {
    // T(i) = HMAC(PRK, T(i-1) || info || i), with T(0) empty.
    const std::size_t prev = i == 1 ? 0 : t.size();
    std::copy(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(prev), block.data());
    std::copy(info.begin(), info.end(), block.data() + prev);
    block.data()[prev + info.size()] = i;
    t = hmac_sha256(prk, block.span().first(prev + info.size() + 1));
    const std::size_t n = std::min(t.size(), out.size() - done);
    std::copy_n(t.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
  }
  return ok();
}

}  // namespace xtt::crypto
