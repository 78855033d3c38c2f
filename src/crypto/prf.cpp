#include "crypto/prf.hpp"

#include <algorithm>

namespace xtt::crypto {

Status prf(HashAlg alg, ByteSpan key, ByteSpan input, MutableByteSpan out) {
  XTT_ENSURE(!out.empty() && out.size() <= kPrfMaxOut, ErrorCode::kInvalidArgument,
             "PRF output must be 1..64 bytes");
  if (alg == HashAlg::kBlake2b) {
    return blake2b_keyed(key, input, out);
  }
  auto full = hmac_sha512(key, input);
  std::copy_n(full.begin(), out.size(), out.begin());
  secure_wipe(full.data(), full.size());
  return ok();
}

}  // namespace xtt::crypto
