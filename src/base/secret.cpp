#include "base/secret.hpp"

// base/ does not include OpenSSL headers (only crypto/ does), but it links
// libcrypto and uses its cleanse, which no optimiser removes.
extern "C" void OPENSSL_cleanse(void* ptr, std::size_t len);

namespace xtt {

void secure_wipe(void* p, std::size_t n) {
  if (n != 0) {
    OPENSSL_cleanse(p, n);
  }
}

}  // namespace xtt
