#include "crypto/ed25519.hpp"

#include <openssl/err.h>

#include "crypto/openssl_handles.hpp"

namespace xtt::crypto::ed25519 {
namespace {

Result<ossl::Pkey> private_key(std::span<const std::uint8_t, kSeedSize> seed) {
  ossl::Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!key) {
    return ossl::error(ErrorCode::kCryptoFailure, "Ed25519 private key");
  }
  return key;
}

// Some EVP paths treat a null input pointer as "no input given" even with
// length 0, so an empty message gets a valid pointer.
const std::uint8_t* data_of(ByteSpan s) {
  static const std::uint8_t kEmpty = 0;
  return s.empty() ? &kEmpty : s.data();
}

}  // namespace

Result<KeyPair> keypair(std::span<const std::uint8_t, kSeedSize> seed) {
  auto key = XTT_TRY(private_key(seed));
  KeyPair pair{Seed(seed), {}};
  std::size_t len = pair.public_key.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), pair.public_key.data(), &len) != 1 ||
      len != kPublicKeySize) {
    return ossl::error(ErrorCode::kCryptoFailure, "Ed25519 public key");
  }
  return pair;
}

Result<KeyPair> generate(Random& rng) {
  Seed seed;
  XTT_TRY(rng.fill(seed.span()));
  return keypair(seed.span());
}

Result<Signature> sign(const Seed& seed, ByteSpan message) {
  auto key = XTT_TRY(private_key(seed.span()));
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  Signature sig{};
  std::size_t len = sig.size();
  // Ed25519 hashes internally, so the digest argument is null.
  if (!ctx ||
      EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key.get(), nullptr) !=
          1 ||
      EVP_DigestSign(ctx.get(), sig.data(), &len, data_of(message), message.size()) != 1 ||
      len != kSignatureSize) {
    return ossl::error(ErrorCode::kCryptoFailure, "Ed25519 sign");
  }
  return sig;
}

Status verify(std::span<const std::uint8_t, kPublicKeySize> public_key, ByteSpan message,
              ByteSpan sig) {
  XTT_ENSURE(sig.size() == kSignatureSize, ErrorCode::kBadSignature,
             "Ed25519 signature must be 64 bytes");
  ossl::Pkey key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  if (!key) {
    return ossl::error(ErrorCode::kBadPoint, "Ed25519 public key");
  }
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key.get(),
                                      nullptr) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "Ed25519 verify setup");
  }
  if (EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), data_of(message), message.size()) != 1) {
    ERR_clear_error();
    return make_error(ErrorCode::kBadSignature, "Ed25519 signature does not verify");
  }
  return ok();
}

}  // namespace xtt::crypto::ed25519
