#include "crypto/openssl_handles.hpp"

#include <openssl/err.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace xtt::crypto::ossl {
namespace {

// The handles below live for the whole process and are destroyed by static
// destruction, which runs before OpenSSL's own atexit cleanup (registered
// earlier, when OpenSSL initialised itself during the first fetch).
template <typename T>
T* must(T* p, const char* what) {
  if (p == nullptr) {
    fatal(what);
  }
  return p;
}

}  // namespace

const EVP_MD* sha256_md() {
  static const Md md(must(EVP_MD_fetch(nullptr, "SHA256", nullptr), "fetch SHA256"));
  return md.get();
}

const EVP_MD* sha512_md() {
  static const Md md(must(EVP_MD_fetch(nullptr, "SHA512", nullptr), "fetch SHA512"));
  return md.get();
}

const EVP_MD* blake2b512_md() {
  static const Md md(must(EVP_MD_fetch(nullptr, "BLAKE2B-512", nullptr), "fetch BLAKE2B-512"));
  return md.get();
}

EVP_MAC* hmac_mac() {
  static const Mac mac(must(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "fetch HMAC"));
  return mac.get();
}

EVP_MAC* blake2b_mac() {
  static const Mac mac(must(EVP_MAC_fetch(nullptr, "BLAKE2BMAC", nullptr), "fetch BLAKE2BMAC"));
  return mac.get();
}

const EVP_CIPHER* aes256gcm_cipher() {
  static const Cipher cipher(
      must(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr), "fetch AES-256-GCM"));
  return cipher.get();
}

const EVP_CIPHER* chacha20poly1305_cipher() {
  static const Cipher cipher(
      must(EVP_CIPHER_fetch(nullptr, "ChaCha20-Poly1305", nullptr), "fetch ChaCha20-Poly1305"));
  return cipher.get();
}

Error error(ErrorCode code, std::string_view what) {
  std::string detail(what);
  const unsigned long e = ERR_get_error();
  if (e != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    detail += " (";
    detail += buf;
    detail += ")";
  }
  ERR_clear_error();
  return make_error(code, std::move(detail));
}

void fatal(std::string_view what) {
  std::fprintf(stderr, "xtt crypto: fatal OpenSSL failure: %.*s\n", static_cast<int>(what.size()),
               what.data());
  std::abort();
}

}  // namespace xtt::crypto::ossl
