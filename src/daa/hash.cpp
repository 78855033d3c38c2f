#include "daa/hash.hpp"

#include "base/secret.hpp"
#include "crypto/hash.hpp"
#include "pairing/fp.hpp"

namespace xtt::daa {
namespace {

// Reverses the bit order of a byte with arithmetic only, so a secret byte
// never selects a table entry.
std::uint8_t reverse_bits(std::uint8_t b) {
  unsigned v = b;
  v = ((v & 0xf0u) >> 4) | ((v & 0x0fu) << 4);
  v = ((v & 0xccu) >> 2) | ((v & 0x33u) << 2);
  v = ((v & 0xaau) >> 1) | ((v & 0x55u) << 1);
  return static_cast<std::uint8_t>(v);
}

void put_fp(std::span<std::uint8_t> out, const pairing::Fp& v) {
  v.to_bytes(std::span<std::uint8_t, 32>(out.data(), 32));
}

}  // namespace

Scalar hash_to_scalar(std::initializer_list<ByteSpan> parts) {
  crypto::Sha256 h;
  for (ByteSpan part : parts) {
    h.update(part);
  }
  const crypto::Sha256Digest d = h.finish();
  return Scalar::from_bytes_reduce(d);
}

Result<G1> hash_to_g1(ByteSpan basename) {
  const pairing::Fp three = pairing::Fp::from_u64(3);
  for (std::uint32_t i = 0; i < kHashToG1Tries; ++i) {
    const std::array<std::uint8_t, 4> counter = {
        static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8),
        static_cast<std::uint8_t>(i >> 16), static_cast<std::uint8_t>(i >> 24)};
    crypto::Sha256 h;
    h.update(counter).update(basename);
    // ecdaa reduces the digest mod n (not p) before using it as x; n < p, so
    // the result is always a canonical field element.
    const Scalar xs = Scalar::from_bytes_reduce(h.finish());
    const pairing::Fp x = XTT_TRY(pairing::Fp::from_bytes(xs.to_bytes()));
    const pairing::Fp rhs = x.square() * x + three;
    pairing::Fp y;
    if (rhs.is_zero() || !rhs.sqrt(y)) {
      continue;
    }
    if (y.is_odd()) {
      y = -y;
    }
    return G1::from_affine(x, y);
  }
  return make_error(ErrorCode::kCryptoFailure, "basename does not hash to G1");
}

Scalar scalar_from_draw(std::span<const std::uint8_t, kRandomDrawSize> draw) {
  std::array<std::uint8_t, 64> wide{};
  for (std::size_t i = 0; i < wide.size(); ++i) {
    wide[i] = reverse_bits(draw[i]);
  }
  const Scalar s = Scalar::from_bytes_reduce(wide);
  secure_wipe(wide.data(), wide.size());
  return s;
}

Result<Scalar> random_scalar(Random& rng) {
  SecretBytes<kRandomDrawSize> draw;
  XTT_TRY(rng.fill(draw.span()));
  return scalar_from_draw(draw.span());
}

G1Bytes encode_public(const G1& p) {
  G1Bytes out{};
  out[0] = 0x04;
  const pairing::G1Affine a = p.to_affine_vartime();
  if (!a.infinity) {
    put_fp(std::span(out).subspan(1, 32), a.x);
    put_fp(std::span(out).subspan(33, 32), a.y);
  }
  return out;
}

G2Bytes encode_public(const G2& p) {
  G2Bytes out{};
  out[0] = 0x04;
  const pairing::G2Affine a = p.to_affine_vartime();
  if (!a.infinity) {
    put_fp(std::span(out).subspan(1, 32), a.x.c0);
    put_fp(std::span(out).subspan(33, 32), a.x.c1);
    put_fp(std::span(out).subspan(65, 32), a.y.c0);
    put_fp(std::span(out).subspan(97, 32), a.y.c1);
  }
  return out;
}

const G1Bytes& encoded_p1() {
  static const G1Bytes kP1 = G1::generator().encode();
  return kP1;
}

const G2Bytes& encoded_p2() {
  static const G2Bytes kP2 = G2::generator().encode();
  return kP2;
}

}  // namespace xtt::daa
