#include "crypto_test_util.hpp"

namespace xtt::crypto::test {

std::vector<std::pair<std::string, json::Value>> libxtt_transcripts() {
  std::vector<std::pair<std::string, json::Value>> out;
  for (const char* suite :
       {"X25519_LRSW_ECDSAP256_CHACHA20POLY1305_SHA512",
        "X25519_LRSW_ECDSAP256_CHACHA20POLY1305_BLAKE2B", "X25519_LRSW_ECDSAP256_AES256GCM_SHA512",
        "X25519_LRSW_ECDSAP256_AES256GCM_BLAKE2B"}) {
    auto path = libxtt_file(std::string("handshake_") + suite + ".json");
    if (!path.empty()) {
      out.emplace_back(suite, xtt::test::load_json(path));
    }
  }
  // At least the transcript committed under tests/vectors/libxtt exists.
  EXPECT_FALSE(out.empty()) << "no libxtt transcript found";
  return out;
}

}  // namespace xtt::crypto::test
