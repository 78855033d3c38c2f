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

// Both halves given, so OpenSSL skips deriving the public key (a full scalar
// multiplication) as EVP_PKEY_new_raw_private_key would.
Result<ossl::Pkey> private_key(const KeyPair& pair) {
  // OSSL_PARAM wants mutable pointers; OpenSSL only reads them here.
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY,
                                        const_cast<std::uint8_t*>(pair.secret.data()), kKeySize),
      OSSL_PARAM_construct_octet_string(
          OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(pair.public_key.data()), kKeySize),
      OSSL_PARAM_construct_end()};
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "X25519", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "X25519 key pair import");
  }
  return ossl::Pkey(raw);
}

Result<SecretBytes<kKeySize>> derive_with(const ossl::Pkey& own,
                                          std::span<const std::uint8_t, kKeySize> peer) {
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
  return derive_with(own, peer);
}

Result<SecretBytes<kKeySize>> derive(const KeyPair& own,
                                     std::span<const std::uint8_t, kKeySize> peer) {
  auto key = XTT_TRY(private_key(own));
  return derive_with(key, peer);
}

}  // namespace xtt::crypto::x25519
