#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>

#include "crypto/openssl_handles.hpp"

namespace xtt::crypto {
namespace {

class SystemRandom final : public Random {
 public:
  Status fill(std::span<std::uint8_t> out) override {
    // RAND_bytes takes an int length, so very large requests go in pieces.
    while (!out.empty()) {
      const std::size_t n = std::min<std::size_t>(out.size(), INT_MAX);
      if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
        return ossl::error(ErrorCode::kCryptoFailure, "RAND_bytes");
      }
      out = out.subspan(n);
    }
    return ok();
  }
};

}  // namespace

Random& system_random() {
  static SystemRandom random;
  return random;
}

}  // namespace xtt::crypto
