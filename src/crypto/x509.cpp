#include "crypto/x509.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "crypto/openssl_handles.hpp"

namespace xtt::crypto::x509 {

namespace {

using X509Ptr = std::unique_ptr<X509, ossl::Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, ossl::Deleter<BIO, BIO_free_all>>;

Result<ossl::Pkey> keypair(const ecdsa_p256::PrivateKey& key) {
  const auto pub = XTT_TRY(ecdsa_p256::public_from_private(key));
  ossl::Bn priv(BN_secure_new());
  if (!priv || BN_bin2bn(key.data(), static_cast<int>(key.size()), priv.get()) == nullptr) {
    return ossl::error(ErrorCode::kCryptoFailure, "private key import");
  }
  ossl::ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, pub.data(),
                                       pub.size()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "key parameters");
  }
  ossl::Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "key import");
  }
  return ossl::Pkey(raw);
}

Result<std::string> drain(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  if (len <= 0 || data == nullptr) {
    return ossl::error(ErrorCode::kCryptoFailure, "PEM output");
  }
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

Result<std::string> self_signed_pem(const ecdsa_p256::PrivateKey& key,
                                    const std::string& common_name, std::int64_t not_before,
                                    std::int64_t not_after, std::uint64_t serial) {
  ossl::Pkey pkey = XTT_TRY(keypair(key));
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1 ||
      ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial) != 1 ||
      ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after)) == nullptr) {
    return ossl::error(ErrorCode::kCryptoFailure, "certificate fields");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), pkey.get()) != 1 ||
      X509_sign(cert.get(), pkey.get(), EVP_sha256()) <= 0) {
    return ossl::error(ErrorCode::kCryptoFailure, "certificate signing");
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "PEM encoding");
  }
  return drain(bio.get());
}

Result<std::string> private_key_pem(const ecdsa_p256::PrivateKey& key) {
  ossl::Pkey pkey = XTT_TRY(keypair(key));
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return ossl::error(ErrorCode::kCryptoFailure, "PEM encoding");
  }
  return drain(bio.get());
}

}  // namespace xtt::crypto::x509
