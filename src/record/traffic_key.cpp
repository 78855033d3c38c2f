#include "record/traffic_key.hpp"

#include <algorithm>
#include <cstring>

#include "base/ct.hpp"
#include "crypto/prf.hpp"

namespace xtt::record {

crypto::HashAlg hash_alg_of(const wire::SuiteInfo& suite) {
  return suite.hash == wire::HashKind::kSha512 ? crypto::HashAlg::kSha512
                                               : crypto::HashAlg::kBlake2b;
}

Result<TrafficKey> TrafficKey::create(const wire::SuiteInfo& suite, ByteSpan key, ByteSpan iv) {
  XTT_ENSURE(key.size() == kKeySize, ErrorCode::kInvalidArgument, "traffic key must be 32 bytes");
  XTT_ENSURE(iv.size() == kIvSize, ErrorCode::kInvalidArgument, "traffic iv must be 12 bytes");
  TrafficKey out;
  std::memcpy(out.iv_.data(), iv.data(), kIvSize);
  switch (suite.aead) {
    case wire::AeadKind::kChaCha20Poly1305:
      out.aead_.emplace(XTT_TRY(crypto::AeadKey::create(crypto::AeadAlg::kChaCha20Poly1305, key)));
      break;
    case wire::AeadKind::kAes256Gcm:
      out.aead_.emplace(XTT_TRY(crypto::AeadKey::create(crypto::AeadAlg::kAes256Gcm, key)));
      break;
    case wire::AeadKind::kNull:
      out.mac_hash_ = hash_alg_of(suite);
      std::memcpy(out.mac_key_.data(), key.data(), kKeySize);
      break;
  }
  return out;
}

std::array<std::uint8_t, kIvSize> TrafficKey::nonce(std::uint32_t seq) const {
  std::array<std::uint8_t, kIvSize> n = iv_;
  n[8] ^= static_cast<std::uint8_t>(seq >> 24);
  n[9] ^= static_cast<std::uint8_t>(seq >> 16);
  n[10] ^= static_cast<std::uint8_t>(seq >> 8);
  n[11] ^= static_cast<std::uint8_t>(seq);
  return n;
}

// §6.5: tag = PRF(key, nonce || be64(|AD|) || AD || be64(|P|) || P, 16).
std::array<std::uint8_t, kTagSize> TrafficKey::null_tag(
    std::span<const std::uint8_t, kIvSize> nonce_bytes, ByteSpan aad, ByteSpan plaintext) {
  const std::size_t size = kIvSize + 16 + aad.size() + plaintext.size();
  mac_input_.resize(size);
  std::uint8_t* p = mac_input_.data();
  std::memcpy(p, nonce_bytes.data(), kIvSize);
  p += kIvSize;
  store_be64(p, aad.size());
  p += 8;
  if (!aad.empty()) {
    std::memcpy(p, aad.data(), aad.size());
    p += aad.size();
  }
  store_be64(p, plaintext.size());
  p += 8;
  if (!plaintext.empty()) {
    std::memcpy(p, plaintext.data(), plaintext.size());
  }
  std::array<std::uint8_t, kTagSize> tag{};
  // Cannot fail: the key is 32 bytes and the output 16.
  (void)crypto::prf(mac_hash_, mac_key_.span(), mac_input_, tag);
  secure_wipe(mac_input_.data(), mac_input_.size());
  return tag;
}

Status TrafficKey::seal(std::uint32_t seq, ByteSpan aad, ByteSpan plaintext, MutableByteSpan out) {
  XTT_ENSURE(out.size() == plaintext.size() + kTagSize, ErrorCode::kInvalidArgument,
             "seal: output must be plaintext + 16 bytes");
  const auto n = nonce(seq);
  if (aead_) {
    return aead_->seal(n, aad, plaintext, out);
  }
  const auto tag = null_tag(n, aad, plaintext);
  if (out.data() != plaintext.data()) {
    std::memmove(out.data(), plaintext.data(), plaintext.size());
  }
  std::memcpy(out.data() + plaintext.size(), tag.data(), kTagSize);
  return ok();
}

Status TrafficKey::open(std::uint32_t seq, ByteSpan aad, ByteSpan sealed, MutableByteSpan out) {
  XTT_ENSURE(sealed.size() >= kTagSize, ErrorCode::kTruncated, "sealed part shorter than a tag");
  XTT_ENSURE(out.size() == sealed.size() - kTagSize, ErrorCode::kInvalidArgument,
             "open: output must be sealed - 16 bytes");
  const auto n = nonce(seq);
  if (aead_) {
    return aead_->open(n, aad, sealed, out);
  }
  const ByteSpan body = sealed.first(sealed.size() - kTagSize);
  const auto tag = null_tag(n, aad, body);
  if (!ct::equal(tag, sealed.last(kTagSize))) {
    return make_error(ErrorCode::kBadTag, "integrity tag mismatch");
  }
  if (out.data() != body.data()) {
    std::memmove(out.data(), body.data(), body.size());
  }
  return ok();
}

Result<Bytes> TrafficKey::seal(std::uint32_t seq, ByteSpan aad, ByteSpan plaintext) {
  Bytes out(plaintext.size() + kTagSize);
  XTT_TRY(seal(seq, aad, plaintext, out));
  return out;
}

Result<SecretVector> TrafficKey::open(std::uint32_t seq, ByteSpan aad, ByteSpan sealed) {
  XTT_ENSURE(sealed.size() >= kTagSize, ErrorCode::kTruncated, "sealed part shorter than a tag");
  SecretVector out(sealed.size() - kTagSize);
  XTT_TRY(open(seq, aad, sealed, out.span()));
  return out;
}

}  // namespace xtt::record
