#include "crypto/x25519.hpp"

#include "base/ct.hpp"
#include "crypto/openssl_handles.hpp"

namespace xtt::crypto::x25519 {
namespace {

Result<ossl::Pkey> private_key(std::span<const std::uint8_t, kKeySize> secret) {
  ossl::Pkey key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, secret.data(), secret.size()));
  if (!key) {
    return ossl::error(ErrorCode::kCryptoFailure, "X25519 private key");
  }
  return key;
}

}  // namespace

Result<KeyPair> keypair(std::span<const std::uint8_t, kKeySize> secret) {
  auto key = XTT_TRY(private_key(secret));
  KeyPair pair{SecretBytes<kKeySize>(secret), {}};
  std::size_t len = pair.public_key.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), pair.public_key.data(), &len) != 1 ||
      len != kKeySize) {
    return ossl::error(ErrorCode::kCryptoFailure, "X25519 public key");
  }
  return pair;
}

Result<KeyPair> generate(Random& rng) {
  SecretBytes<kKeySize> secret;
  XTT_TRY(rng.fill(secret.span()));
  return keypair(secret.span());
}

Result<SecretBytes<kKeySize>> derive(const SecretBytes<kKeySize>& secret,
                                     std::span<const std::uint8_t, kKeySize> peer) {
  auto own = XTT_TRY(private_key(secret.span()));
  ossl::Pkey peer_key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, peer.data(), peer.size()));
  if (!peer_key) {
    return ossl::error(ErrorCode::kBadPoint, "X25519 peer key");
  }
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own.get(), nullptr));
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer_ex(ctx.get(), peer_key.get(), 0) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "X25519 derive setup");
  }
  SecretBytes<kKeySize> shared;
  std::size_t len = shared.size();
  // OpenSSL itself fails the derivation when Z is all zero (its only failure
  // for well-formed keys); the explicit check keeps the rule visible here.
  if (EVP_PKEY_derive(ctx.get(), shared.data(), &len) != 1) {
    return ossl::error(ErrorCode::kWeakKeyShare, "X25519 shared secret is all zero");
  }
  if (len != kKeySize || ct::is_zero(shared.span())) {
    return make_error(ErrorCode::kWeakKeyShare, "X25519 shared secret is all zero");
  }
  return shared;
}

}  // namespace xtt::crypto::x25519
