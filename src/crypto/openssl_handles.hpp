#pragma once

// Internal to src/crypto/: owning handles for OpenSSL objects and the mapping
// of OpenSSL failures to Errors. Public headers never include this file, so
// OpenSSL headers stay inside the crypto layer.

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string_view>

#include "base/error.hpp"

namespace xtt::crypto::ossl {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};

using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Md = std::unique_ptr<EVP_MD, Deleter<EVP_MD, EVP_MD_free>>;
using Mac = std::unique_ptr<EVP_MAC, Deleter<EVP_MAC, EVP_MAC_free>>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using Cipher = std::unique_ptr<EVP_CIPHER, Deleter<EVP_CIPHER, EVP_CIPHER_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
// BN_clear_free: every BIGNUM here may hold a scalar, so all are wiped.
using Bn = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using BnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;
using BnMontCtx = std::unique_ptr<BN_MONT_CTX, Deleter<BN_MONT_CTX, BN_MONT_CTX_free>>;
using EcGroup = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using EcPoint = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_clear_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

// The algorithms are fetched once per process: OpenSSL 3's implicit fetch on
// every EVP_*Init costs a lock and a lookup per call, which shows on small
// inputs. The returned pointers live until exit.
const EVP_MD* sha256_md();
const EVP_MD* sha512_md();
const EVP_MD* blake2b512_md();
EVP_MAC* hmac_mac();
EVP_MAC* blake2b_mac();
const EVP_CIPHER* aes256gcm_cipher();
const EVP_CIPHER* chacha20poly1305_cipher();

// An Error of code with OpenSSL's first queued reason appended; clears the
// queue so a later failure does not report this one's reason.
Error error(ErrorCode code, std::string_view what);

// For calls that can fail only when OpenSSL cannot allocate (hashing a
// buffer with a fixed algorithm): there is no meaningful recovery, so this
// aborts like std::vector's allocation failure would.
[[noreturn]] void fatal(std::string_view what);

}  // namespace xtt::crypto::ossl
