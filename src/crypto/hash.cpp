#include "crypto/hash.hpp"

#include <openssl/evp.h>

#include "crypto/openssl_handles.hpp"

namespace xtt::crypto {
namespace {

const EVP_MD* md_of(HashAlg alg) {
  return alg == HashAlg::kSha512 ? ossl::sha512_md() : ossl::blake2b512_md();
}

detail::MdCtxPtr new_md_ctx(const EVP_MD* md) {
  detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1) {
    ossl::fatal("digest init");
  }
  return ctx;
}

void md_update(evp_md_ctx_st* ctx, ByteSpan data) {
  if (!data.empty() && EVP_DigestUpdate(ctx, data.data(), data.size()) != 1) {
    ossl::fatal("digest update");
  }
}

// Finishes into out (exactly the digest size) and re-initialises ctx with the
// same algorithm.
void md_finish(evp_md_ctx_st* ctx, MutableByteSpan out) {
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, out.data(), &len) != 1 || len != out.size() ||
      EVP_DigestInit_ex2(ctx, nullptr, nullptr) != 1) {
    ossl::fatal("digest final");
  }
}

template <std::size_t N>
std::array<std::uint8_t, N> digest(const EVP_MD* md, ByteSpan data) {
  std::array<std::uint8_t, N> out{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1 || len != N) {
    ossl::fatal("digest");
  }
  return out;
}

// HMAC contexts cost a digest fetch per EVP_MAC_CTX_set_params; each hash gets
// one template context with the digest set, duplicated per call.
EVP_MAC_CTX* hmac_template(const char* digest_name) {
  ossl::MacCtx ctx(EVP_MAC_CTX_new(ossl::hmac_mac()));
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest_name), 0),
      OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_CTX_set_params(ctx.get(), params) != 1) {
    ossl::fatal("HMAC template");
  }
  return ctx.release();
}

template <std::size_t N>
std::array<std::uint8_t, N> hmac(const EVP_MAC_CTX* tmpl, ByteSpan key, ByteSpan data) {
  ossl::MacCtx ctx(EVP_MAC_CTX_dup(tmpl));
  // A null key means "keep the previous key" to OpenSSL, so an empty key gets
  // a valid pointer with length 0 (HMAC pads it to a block of zeros).
  static const std::uint8_t kNoKey = 0;
  const std::uint8_t* key_ptr = key.empty() ? &kNoKey : key.data();
  std::array<std::uint8_t, N> out{};
  std::size_t len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key_ptr, key.size(), nullptr) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len != N) {
    ossl::fatal("HMAC");
  }
  return out;
}

}  // namespace

std::string_view name_of(HashAlg alg) {
  return alg == HashAlg::kSha512 ? "SHA-512" : "BLAKE2b-512";
}

Sha256Digest sha256(ByteSpan data) { return digest<kSha256Size>(ossl::sha256_md(), data); }

Digest64 sha512(ByteSpan data) { return digest<kSha512Size>(ossl::sha512_md(), data); }

Digest64 blake2b512(ByteSpan data) { return digest<64>(ossl::blake2b512_md(), data); }

Digest64 hash(HashAlg alg, ByteSpan data) { return digest<kHashSize>(md_of(alg), data); }

Digest64 hash(HashAlg alg, std::initializer_list<ByteSpan> parts) {
  Hasher h(alg);
  for (ByteSpan part : parts) {
    h.update(part);
  }
  return h.finish();
}

Status blake2b_keyed(ByteSpan key, ByteSpan data, MutableByteSpan out) {
  XTT_ENSURE(!key.empty() && key.size() <= kBlake2bMaxKeySize, ErrorCode::kInvalidArgument,
             "keyed BLAKE2b needs a key of 1..64 bytes");
  XTT_ENSURE(!out.empty() && out.size() <= kBlake2bMaxOutSize, ErrorCode::kInvalidArgument,
             "BLAKE2b output length must be 1..64 bytes");
  ossl::MacCtx ctx(EVP_MAC_CTX_new(ossl::blake2b_mac()));
  std::size_t size = out.size();
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
                               OSSL_PARAM_construct_end()};
  std::size_t len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len != out.size()) {
    return ossl::error(ErrorCode::kCryptoFailure, "keyed BLAKE2b");
  }
  return ok();
}

Sha256Digest hmac_sha256(ByteSpan key, ByteSpan data) {
  static const ossl::MacCtx tmpl(hmac_template("SHA256"));
  return hmac<kSha256Size>(tmpl.get(), key, data);
}

Digest64 hmac_sha512(ByteSpan key, ByteSpan data) {
  static const ossl::MacCtx tmpl(hmac_template("SHA512"));
  return hmac<kSha512Size>(tmpl.get(), key, data);
}

void detail::MdCtxFree::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : ctx_(new_md_ctx(ossl::sha256_md())) {}

Sha256& Sha256::update(ByteSpan data) {
  md_update(ctx_.get(), data);
  return *this;
}

Sha256Digest Sha256::finish() {
  Sha256Digest out{};
  md_finish(ctx_.get(), out);
  return out;
}

Hasher::Hasher(HashAlg alg) : alg_(alg), ctx_(new_md_ctx(md_of(alg))) {}

Hasher& Hasher::update(ByteSpan data) {
  md_update(ctx_.get(), data);
  return *this;
}

Digest64 Hasher::finish() {
  Digest64 out{};
  md_finish(ctx_.get(), out);
  return out;
}

}  // namespace xtt::crypto
