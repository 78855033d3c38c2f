#include "crypto/rfc6979.hpp"

#include <algorithm>

#include "crypto/hash.hpp"
#include "crypto/p256_curve.hpp"

namespace xtt::crypto::ecdsa_p256 {
namespace {

// bits2octets(h1) = (h1 mod n) as 32 bytes; h1 < 2^256 < 2n.
std::array<std::uint8_t, kScalarSize> bits2octets(const Sha256Digest& h1) {
  const auto& c = internal::curve();
  ossl::Bn v(BN_bin2bn(h1.data(), static_cast<int>(h1.size()), nullptr));
  std::array<std::uint8_t, kScalarSize> out{};
  if (!v || (BN_cmp(v.get(), c.order) >= 0 && BN_sub(v.get(), v.get(), c.order) != 1) ||
      BN_bn2binpad(v.get(), out.data(), static_cast<int>(out.size())) != kScalarSize) {
    ossl::fatal("RFC 6979 bits2octets");
  }
  return out;
}

}  // namespace

Rfc6979Nonces::Rfc6979Nonces(const PrivateKey& private_key, ByteSpan message) {
  const auto h1 = bits2octets(sha256(message));
  // Step b and c: V = 0x01..., K = 0x00... (key_ starts zeroed).
  std::fill(v_.span().begin(), v_.span().end(), 0x01);
  step(0x00, private_key.span(), h1);
  step(0x01, private_key.span(), h1);
}

// K = HMAC_K(V || sep || x || h); V = HMAC_K(V). Steps d-g with x and h, and
// step h.3 (x and h empty).
void Rfc6979Nonces::step(std::uint8_t separator, ByteSpan x, ByteSpan h) {
  std::array<std::uint8_t, 2 * kScalarSize + 1 + kScalarSize> buf{};
  WipeOnExit wipe_buf(buf);
  auto* p = std::copy(v_.span().begin(), v_.span().end(), buf.begin());
  *p++ = separator;
  p = std::copy(x.begin(), x.end(), p);
  p = std::copy(h.begin(), h.end(), p);
  auto k = hmac_sha256(key_.span(), ByteSpan(buf.data(), static_cast<std::size_t>(p - buf.data())));
  std::copy(k.begin(), k.end(), key_.span().begin());
  secure_wipe(k.data(), k.size());
  auto v = hmac_sha256(key_.span(), v_.span());
  std::copy(v.begin(), v.end(), v_.span().begin());
  secure_wipe(v.data(), v.size());
}

SecretBytes<kScalarSize> Rfc6979Nonces::next() {
  for (;;) {
    if (started_) {
      step(0x00, {}, {});
    }
    started_ = true;
    // Step h.2: T = V = HMAC_K(V); with qlen = hlen one block suffices.
    auto v = hmac_sha256(key_.span(), v_.span());
    std::copy(v.begin(), v.end(), v_.span().begin());
    secure_wipe(v.data(), v.size());
    ossl::Bn k = internal::scalar_from_bytes(v_.span());
    if (internal::in_scalar_range(k.get())) {
      return v_.clone();
    }
  }
}

}  // namespace xtt::crypto::ecdsa_p256
