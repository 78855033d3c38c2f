#include "crypto/aead.hpp"

#include <openssl/err.h>

#include <algorithm>
#include <climits>

#include "base/secret.hpp"
#include "crypto/openssl_handles.hpp"

namespace xtt::crypto {
namespace {

// EVP lengths are ints; a record is far smaller, so this only rejects misuse.
constexpr std::size_t kMaxLength = INT_MAX - kAeadTagSize;

const EVP_CIPHER* cipher_of(AeadAlg alg) {
  return alg == AeadAlg::kAes256Gcm ? ossl::aes256gcm_cipher() : ossl::chacha20poly1305_cipher();
}

Result<detail::CipherCtxPtr> keyed_ctx(AeadAlg alg, ByteSpan key, bool encrypt) {
  detail::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex2(ctx.get(), cipher_of(alg), key.data(), nullptr, encrypt ? 1 : 0,
                                 nullptr) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "AEAD key setup");
  }
  return ctx;
}

Status check_nonce(ByteSpan nonce) {
  XTT_ENSURE(nonce.size() == kAeadNonceSize, ErrorCode::kInvalidArgument,
             "AEAD nonce must be 12 bytes");
  return ok();
}

// The only overlap EVP allows is exact (in place).
bool bad_overlap(ByteSpan in, MutableByteSpan out) {
  if (in.empty() || out.empty() || in.data() == out.data()) {
    return false;
  }
  const auto* a = in.data();
  const auto* b = out.data();
  return a < b + out.size() && b < a + in.size();
}

}  // namespace

std::string_view name_of(AeadAlg alg) {
  return alg == AeadAlg::kAes256Gcm ? "AES-256-GCM" : "ChaCha20-Poly1305";
}

void detail::CipherCtxFree::operator()(evp_cipher_ctx_st* ctx) const { EVP_CIPHER_CTX_free(ctx); }

Result<AeadKey> AeadKey::create(AeadAlg alg, ByteSpan key) {
  XTT_ENSURE(alg == AeadAlg::kAes256Gcm || alg == AeadAlg::kChaCha20Poly1305,
             ErrorCode::kInvalidArgument, "unknown AEAD");
  XTT_ENSURE(key.size() == kAeadKeySize, ErrorCode::kInvalidArgument, "AEAD key must be 32 bytes");
  auto seal = XTT_TRY(keyed_ctx(alg, key, true));
  auto open = XTT_TRY(keyed_ctx(alg, key, false));
  return AeadKey(alg, std::move(seal), std::move(open));
}

Status AeadKey::seal(ByteSpan nonce, ByteSpan aad, ByteSpan plaintext, MutableByteSpan out) {
  XTT_TRY(check_nonce(nonce));
  XTT_ENSURE(plaintext.size() <= kMaxLength && aad.size() <= kMaxLength, ErrorCode::kTooLarge,
             "AEAD input too long");
  XTT_ENSURE(out.size() == plaintext.size() + kAeadTagSize, ErrorCode::kInvalidArgument,
             "AEAD seal output must be plaintext + 16 bytes");
  XTT_ENSURE(!bad_overlap(plaintext, out), ErrorCode::kInvalidArgument,
             "AEAD buffers overlap partially");
  EVP_CIPHER_CTX* ctx = seal_.get();
  int aad_len = 0;
  int len = 0;
  int final_len = 0;
  if (EVP_EncryptInit_ex2(ctx, nullptr, nullptr, nonce.data(), nullptr) != 1 ||
      (!aad.empty() &&
       EVP_EncryptUpdate(ctx, nullptr, &aad_len, aad.data(), static_cast<int>(aad.size())) != 1) ||
      (!plaintext.empty() && EVP_EncryptUpdate(ctx, out.data(), &len, plaintext.data(),
                                               static_cast<int>(plaintext.size())) != 1)) {
    return ossl::error(ErrorCode::kCryptoFailure, "AEAD seal");
  }
  if (static_cast<std::size_t>(len) != plaintext.size() ||
      EVP_EncryptFinal_ex(ctx, out.data() + len, &final_len) != 1 || final_len != 0 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kAeadTagSize),
                          out.data() + plaintext.size()) != 1) {
    secure_wipe(out.data(), out.size());
    return ossl::error(ErrorCode::kCryptoFailure, "AEAD seal");
  }
  return ok();
}

Status AeadKey::open(ByteSpan nonce, ByteSpan aad, ByteSpan ciphertext_and_tag,
                     MutableByteSpan out) {
  XTT_TRY(check_nonce(nonce));
  XTT_ENSURE(ciphertext_and_tag.size() >= kAeadTagSize, ErrorCode::kTruncated,
             "AEAD input shorter than its tag");
  XTT_ENSURE(ciphertext_and_tag.size() <= kMaxLength && aad.size() <= kMaxLength,
             ErrorCode::kTooLarge, "AEAD input too long");
  const std::size_t ct_len = ciphertext_and_tag.size() - kAeadTagSize;
  XTT_ENSURE(out.size() == ct_len, ErrorCode::kInvalidArgument,
             "AEAD open output must be ciphertext - 16 bytes");
  const ByteSpan ciphertext = ciphertext_and_tag.first(ct_len);
  XTT_ENSURE(!bad_overlap(ciphertext, out), ErrorCode::kInvalidArgument,
             "AEAD buffers overlap partially");
  // EVP takes the expected tag through a mutable pointer.
  std::uint8_t tag[kAeadTagSize];
  const auto tag_in = ciphertext_and_tag.last(kAeadTagSize);
  std::copy(tag_in.begin(), tag_in.end(), tag);
  EVP_CIPHER_CTX* ctx = open_.get();
  int aad_len = 0;
  int len = 0;
  int final_len = 0;
  if (EVP_DecryptInit_ex2(ctx, nullptr, nullptr, nonce.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kAeadTagSize), tag) != 1 ||
      (!aad.empty() &&
       EVP_DecryptUpdate(ctx, nullptr, &aad_len, aad.data(), static_cast<int>(aad.size())) != 1) ||
      (ct_len != 0 && EVP_DecryptUpdate(ctx, out.data(), &len, ciphertext.data(),
                                        static_cast<int>(ct_len)) != 1)) {
    secure_wipe(out.data(), out.size());
    return ossl::error(ErrorCode::kCryptoFailure, "AEAD open");
  }
  if (static_cast<std::size_t>(len) != ct_len ||
      EVP_DecryptFinal_ex(ctx, out.data() + len, &final_len) != 1 || final_len != 0) {
    secure_wipe(out.data(), out.size());
    ERR_clear_error();
    return make_error(ErrorCode::kBadTag, "AEAD tag mismatch");
  }
  return ok();
}

}  // namespace xtt::crypto
