#include "crypto/ecdsa_p256.hpp"

#include <openssl/err.h>

#include "crypto/hash.hpp"
#include "crypto/p256_curve.hpp"
#include "crypto/rfc6979.hpp"

namespace xtt::crypto::ecdsa_p256 {
namespace internal {

const Curve& curve() {
  static const Curve c = [] {
    Curve out;
    out.group.reset(EC_GROUP_new_by_curve_name_ex(nullptr, nullptr, NID_X9_62_prime256v1));
    ossl::BnCtx ctx(BN_CTX_new());
    if (!out.group || !ctx) {
      ossl::fatal("P-256 group");
    }
    out.order = EC_GROUP_get0_order(out.group.get());
    out.order_minus_2.reset(BN_dup(out.order));
    out.mont.reset(BN_MONT_CTX_new());
    if (!out.order_minus_2 || BN_sub_word(out.order_minus_2.get(), 2) != 1 || !out.mont ||
        BN_MONT_CTX_set(out.mont.get(), out.order, ctx.get()) != 1) {
      ossl::fatal("P-256 order");
    }
    char group_name[] = "prime256v1";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group_name, 0),
        OSSL_PARAM_construct_end()};
    ossl::PkeyCtx pctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!pctx || EVP_PKEY_fromdata_init(pctx.get()) != 1 ||
        EVP_PKEY_fromdata(pctx.get(), &raw, EVP_PKEY_KEY_PARAMETERS,
                          const_cast<OSSL_PARAM*>(params)) != 1) {
      ossl::fatal("P-256 parameters key");
    }
    out.params_key.reset(raw);
    return out;
  }();
  return c;
}

ossl::Bn scalar_from_bytes(ByteSpan bytes) {
  ossl::Bn v(BN_secure_new());
  if (!v || BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), v.get()) == nullptr) {
    ossl::fatal("BN_bin2bn");
  }
  BN_set_flags(v.get(), BN_FLG_CONSTTIME);
  return v;
}

bool in_scalar_range(const BIGNUM* v) {
  return !BN_is_zero(v) && !BN_is_negative(v) && BN_cmp(v, curve().order) < 0;
}

}  // namespace internal

namespace {

using internal::curve;
using internal::in_scalar_range;
using internal::scalar_from_bytes;

Status check_private(const BIGNUM* d) {
  XTT_ENSURE(in_scalar_range(d), ErrorCode::kBadScalar, "P-256 private key outside [1, n-1]");
  return ok();
}

// s = k^-1 (e + d·r) mod n and r = (k·G).x mod n, from OpenSSL's constant-time
// primitives: the fixed-window ladder for k·G, Montgomery multiplication, and
// Fermat inversion with BN_mod_exp_mont_consttime. kBadScalar for a
// degenerate k (0 mod n, or r or s zero); the caller then picks another k.
Result<Signature> sign_digest(const BIGNUM* d, const Sha256Digest& digest,
                              std::span<const std::uint8_t, kScalarSize> k_bytes) {
  const auto& c = curve();
  ossl::BnCtx ctx(BN_CTX_secure_new());
  ossl::Bn k = scalar_from_bytes(k_bytes);
  ossl::Bn e = scalar_from_bytes(digest);
  ossl::Bn r(BN_secure_new());
  ossl::Bn s(BN_secure_new());
  ossl::Bn t(BN_secure_new());
  ossl::EcPoint point(EC_POINT_new(c.group.get()));
  if (!ctx || !r || !s || !t || !point) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA sign allocation");
  }
  for (BIGNUM* v : {r.get(), s.get(), t.get()}) {
    BN_set_flags(v, BN_FLG_CONSTTIME);
  }
  // k < 2^256 < 2n, so one reduction suffices; e likewise.
  if (BN_nnmod(k.get(), k.get(), c.order, ctx.get()) != 1 ||
      BN_nnmod(e.get(), e.get(), c.order, ctx.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA sign reduce");
  }
  XTT_ENSURE(!BN_is_zero(k.get()), ErrorCode::kBadScalar, "ECDSA nonce is 0 mod n");
  if (EC_POINT_mul(c.group.get(), point.get(), k.get(), nullptr, nullptr, ctx.get()) != 1 ||
      EC_POINT_get_affine_coordinates(c.group.get(), point.get(), r.get(), nullptr, ctx.get()) !=
          1 ||
      BN_nnmod(r.get(), r.get(), c.order, ctx.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA sign k*G");
  }
  XTT_ENSURE(!BN_is_zero(r.get()), ErrorCode::kBadScalar, "ECDSA r is zero");
  // t = d·r (to Montgomery form and back: mont(d, r·R) = d·r), s = e + t,
  // then s = s·k^-1 the same way.
  BN_MONT_CTX* mont = c.mont.get();
  if (BN_to_montgomery(t.get(), r.get(), mont, ctx.get()) != 1 ||
      BN_mod_mul_montgomery(t.get(), d, t.get(), mont, ctx.get()) != 1 ||
      BN_mod_add_quick(s.get(), e.get(), t.get(), c.order) != 1 ||
      BN_mod_exp_mont_consttime(t.get(), k.get(), c.order_minus_2.get(), c.order, ctx.get(),
                                mont) != 1 ||
      BN_to_montgomery(t.get(), t.get(), mont, ctx.get()) != 1 ||
      BN_mod_mul_montgomery(s.get(), s.get(), t.get(), mont, ctx.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA sign s");
  }
  XTT_ENSURE(!BN_is_zero(s.get()), ErrorCode::kBadScalar, "ECDSA s is zero");
  Signature sig{};
  if (BN_bn2binpad(r.get(), sig.data(), kScalarSize) != kScalarSize ||
      BN_bn2binpad(s.get(), sig.data() + kScalarSize, kScalarSize) != kScalarSize) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA encode");
  }
  return sig;
}

// A draw of the wrong kind from a broken source would loop forever; real
// draws are rejected with probability about 2^-32.
constexpr int kMaxDraws = 64;

}  // namespace

Result<KeyPair> generate(Random& rng) {
  for (int i = 0; i < kMaxDraws; ++i) {
    PrivateKey d;
    XTT_TRY(rng.fill(d.span()));
    if (!in_scalar_range(scalar_from_bytes(d.span()).get())) {
      continue;
    }
    auto pub = XTT_TRY(public_from_private(d));
    return KeyPair{std::move(d), pub};
  }
  return make_error(ErrorCode::kCryptoFailure, "random source gave no valid P-256 scalar");
}

Result<PublicKeyBytes> public_from_private(const PrivateKey& private_key) {
  const auto& c = curve();
  ossl::Bn d = scalar_from_bytes(private_key.span());
  XTT_TRY(check_private(d.get()));
  ossl::BnCtx ctx(BN_CTX_secure_new());
  ossl::EcPoint point(EC_POINT_new(c.group.get()));
  PublicKeyBytes out{};
  if (!ctx || !point ||
      EC_POINT_mul(c.group.get(), point.get(), d.get(), nullptr, nullptr, ctx.get()) != 1 ||
      EC_POINT_point2oct(c.group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, out.data(),
                         out.size(), ctx.get()) != out.size()) {
    return ossl::error(ErrorCode::kCryptoFailure, "P-256 public key");
  }
  return out;
}

Result<Signature> sign_with_nonce(const PrivateKey& private_key, ByteSpan message,
                                  std::span<const std::uint8_t, kScalarSize> k) {
  ossl::Bn d = scalar_from_bytes(private_key.span());
  XTT_TRY(check_private(d.get()));
  return sign_digest(d.get(), sha256(message), k);
}

Result<Signature> sign_deterministic(const PrivateKey& private_key, ByteSpan message) {
  ossl::Bn d = scalar_from_bytes(private_key.span());
  XTT_TRY(check_private(d.get()));
  const auto digest = sha256(message);
  Rfc6979Nonces nonces(private_key, message);
  for (;;) {
    auto sig = sign_digest(d.get(), digest, nonces.next().span());
    if (sig || sig.error().code != ErrorCode::kBadScalar) {
      return sig;
    }
  }
}

Result<Signature> sign(const PrivateKey& private_key, ByteSpan message, Random& rng) {
  ossl::Bn d = scalar_from_bytes(private_key.span());
  XTT_TRY(check_private(d.get()));
  const auto digest = sha256(message);
  for (int i = 0; i < kMaxDraws; ++i) {
    SecretBytes<kScalarSize> k;
    XTT_TRY(rng.fill(k.span()));
    auto sig = sign_digest(d.get(), digest, k.span());
    if (sig || sig.error().code != ErrorCode::kBadScalar) {
      return sig;
    }
  }
  return make_error(ErrorCode::kCryptoFailure, "random source gave no usable ECDSA nonce");
}

void detail::PkeyFree::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

Result<PublicKey> PublicKey::parse(ByteSpan encoded) {
  XTT_ENSURE(encoded.size() == kPublicKeySize && encoded[0] == 0x04, ErrorCode::kBadPoint,
             "P-256 public key must be 65 bytes starting 0x04");
  const auto& c = curve();
  ossl::BnCtx ctx(BN_CTX_new());
  ossl::EcPoint point(EC_POINT_new(c.group.get()));
  if (!ctx || !point) {
    return ossl::error(ErrorCode::kCryptoFailure, "P-256 point allocation");
  }
  // oct2point rejects coordinates >= p and points off the curve.
  if (EC_POINT_oct2point(c.group.get(), point.get(), encoded.data(), encoded.size(), ctx.get()) !=
          1 ||
      EC_POINT_is_at_infinity(c.group.get(), point.get()) == 1 ||
      EC_POINT_is_on_curve(c.group.get(), point.get(), ctx.get()) != 1) {
    ERR_clear_error();
    return make_error(ErrorCode::kBadPoint, "P-256 public key is not a curve point");
  }
  // Duplicating a parameters-only key and setting the point is several
  // times cheaper than importing group name and point together, which builds
  // the group from its name for every key.
  ossl::Pkey pkey(EVP_PKEY_dup(c.params_key.get()));
  if (!pkey) {
    return ossl::error(ErrorCode::kCryptoFailure, "P-256 key allocation");
  }
  if (EVP_PKEY_set1_encoded_public_key(pkey.get(), encoded.data(), encoded.size()) != 1) {
    return ossl::error(ErrorCode::kBadPoint, "P-256 public key import");
  }
  PublicKey key;
  key.pkey_ = std::unique_ptr<evp_pkey_st, detail::PkeyFree>(pkey.release());
  std::copy(encoded.begin(), encoded.end(), key.bytes_.begin());
  return key;
}

Status PublicKey::verify(ByteSpan message, ByteSpan sig) const {
  return verify_digest(sha256(message), sig);
}

Status PublicKey::verify_digest(ByteSpan digest, ByteSpan sig) const {
  XTT_ENSURE(sig.size() == kSignatureSize, ErrorCode::kBadSignature,
             "ECDSA signature must be 64 bytes");
  ossl::Bn r(BN_bin2bn(sig.data(), kScalarSize, nullptr));
  ossl::Bn s(BN_bin2bn(sig.data() + kScalarSize, kScalarSize, nullptr));
  if (!r || !s) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA signature decode");
  }
  XTT_ENSURE(in_scalar_range(r.get()) && in_scalar_range(s.get()), ErrorCode::kBadSignature,
             "ECDSA r or s outside [1, n-1]");
  // EVP verifies DER signatures; the conversion is OpenSSL's, not ours.
  ossl::EcdsaSig der_sig(ECDSA_SIG_new());
  if (!der_sig || ECDSA_SIG_set0(der_sig.get(), r.get(), s.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA_SIG");
  }
  r.release();  // owned by der_sig now
  s.release();
  std::uint8_t der[80];
  std::uint8_t* p = der;
  const int der_len = i2d_ECDSA_SIG(der_sig.get(), nullptr);
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  if (der_len <= 0 || der_len > static_cast<int>(sizeof(der)) ||
      i2d_ECDSA_SIG(der_sig.get(), &p) != der_len || !ctx || EVP_PKEY_verify_init(ctx.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "ECDSA verify setup");
  }
  if (EVP_PKEY_verify(ctx.get(), der, static_cast<std::size_t>(der_len), digest.data(),
                      digest.size()) != 1) {
    ERR_clear_error();
    return make_error(ErrorCode::kBadSignature, "ECDSA signature does not verify");
  }
  return ok();
}

Status verify(ByteSpan public_key, ByteSpan message, ByteSpan sig) {
  auto key = XTT_TRY(PublicKey::parse(public_key));
  return key.verify(message, sig);
}

}  // namespace xtt::crypto::ecdsa_p256
