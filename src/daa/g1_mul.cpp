#include "daa/g1_mul.hpp"

#include <cstddef>

#include "base/ct.hpp"
#include "base/secret.hpp"
#include "pairing/bigint.hpp"

namespace xtt::daa {
namespace detail {
namespace {

using U128 = unsigned __int128;

// The reduced GLV lattice of FP256BN, from the extended Euclidean algorithm
// on (n, lambda): v1 = (kA1, -kB1Abs), v2 = (kA2, kB2), both with
// a + b * lambda = 0 mod n and determinant n. kG1 = round(2^256 kB2 / n) and
// kG2 = round(2^256 kB1Abs / n) turn Babai rounding into two multiply-highs.
constexpr std::uint64_t kA1 = 0xd105eb8061615001;
constexpr std::array<std::uint64_t, 2> kB1Abs = {0x3af0036e1b054003, 0xfffffffffffe7866};
constexpr std::array<std::uint64_t, 2> kA2 = {0x0bf5eeee7c669004, 0xfffffffffffe7867};
constexpr std::uint64_t kB2 = 0xd105eb8061615001;
constexpr std::uint64_t kG1 = 0xd105eb806163cf7c;
constexpr std::array<std::uint64_t, 3> kG2 = {0xf40a1113da9e04d5, 0x0000000000018798, 1};
constexpr pairing::Limbs kLambda = {0x67081e9398533016, 0x379baf3be321c370, 0x7311c281242030ce,
                                    0x2};

// a * b for little-endian limb arrays; the result has A + B limbs.
template <std::size_t A, std::size_t B>
std::array<std::uint64_t, A + B> mul(const std::array<std::uint64_t, A>& a,
                                     const std::array<std::uint64_t, B>& b) {
  std::array<std::uint64_t, A + B> r{};
  for (std::size_t i = 0; i < A; ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < B; ++j) {
      const U128 t = static_cast<U128>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint64_t>(t);
      carry = static_cast<std::uint64_t>(t >> 64);
    }
    r[i + B] = carry;
  }
  return r;
}

// Widens (zero-extends) or truncates to N limbs.
template <std::size_t N, std::size_t M>
std::array<std::uint64_t, N> resize(const std::array<std::uint64_t, M>& a) {
  std::array<std::uint64_t, N> r{};
  for (std::size_t i = 0; i < N && i < M; ++i) {
    r[i] = a[i];
  }
  return r;
}

template <std::size_t N>
std::array<std::uint64_t, N> sub(const std::array<std::uint64_t, N>& a,
                                 const std::array<std::uint64_t, N>& b) {
  std::array<std::uint64_t, N> r{};
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const U128 t = static_cast<U128>(a[i]) - b[i] - borrow;
    r[i] = static_cast<std::uint64_t>(t);
    borrow = static_cast<std::uint64_t>(t >> 64) & 1;
  }
  return r;
}

// round(k * g / 2^256): adds 2^255, keeps the limbs from 2^256 up.
template <std::size_t G>
std::array<std::uint64_t, G> round_mul_high(const pairing::Limbs& k,
                                            const std::array<std::uint64_t, G>& g) {
  std::array<std::uint64_t, 4 + G> t = mul(k, g);
  std::array<std::uint64_t, 4 + G> half{};
  half[3] = 0x8000000000000000;
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const U128 s = static_cast<U128>(t[i]) + half[i] + carry;
    t[i] = static_cast<std::uint64_t>(s);
    carry = static_cast<std::uint64_t>(s >> 64);
  }
  std::array<std::uint64_t, G> r{};
  for (std::size_t i = 0; i < G; ++i) {
    r[i] = t[4 + i];
  }
  return r;
}

// A 320-bit two's complement value (|v| < 2^129) as magnitude and sign mask.
void to_signed(const std::array<std::uint64_t, 5>& v, std::array<std::uint64_t, 3>& mag,
               std::uint64_t& negative) {
  negative = ct::mask_from_bit(v[4] >> 63);
  std::uint64_t carry = negative & 1;
  for (std::size_t i = 0; i < 3; ++i) {
    const U128 t = static_cast<U128>(v[i] ^ negative) + carry;
    mag[i] = static_cast<std::uint64_t>(t);
    carry = static_cast<std::uint64_t>(t >> 64);
  }
}

}  // namespace

GlvSplit glv_split(const Scalar& k) {
  const pairing::Limbs& kl = k.limbs();
  // c1 = round(k b2 / n), c2 = round(k |b1| / n) (b1 < 0), then
  // k1 = k - c1 a1 - c2 a2 and k2 = -c1 b1 - c2 b2 = c1 |b1| - c2 b2.
  const std::array<std::uint64_t, 1> c1 = round_mul_high(kl, std::array<std::uint64_t, 1>{kG1});
  const std::array<std::uint64_t, 3> c2 = round_mul_high(kl, kG2);
  const auto c1a1 = resize<5>(mul(c1, std::array<std::uint64_t, 1>{kA1}));
  const auto c2a2 = resize<5>(mul(c2, kA2));
  const auto k1 = sub(sub(resize<5>(kl), c1a1), c2a2);
  const auto c1b1 = resize<5>(mul(c1, kB1Abs));
  const auto c2b2 = resize<5>(mul(c2, std::array<std::uint64_t, 1>{kB2}));
  const auto k2 = sub(c1b1, c2b2);
  GlvSplit out;
  to_signed(k1, out.k1, out.k1_negative);
  to_signed(k2, out.k2, out.k2_negative);
  return out;
}

Scalar glv_lambda() { return Scalar::from_limbs(kLambda); }

}  // namespace detail

G1 mul_secret(const G1& p, const Scalar& k) {
  detail::GlvSplit split = detail::glv_split(k);
  const WipeOnExit<detail::GlvSplit> wipe_split(split);
  // Tables of i * (+-P) and i * (+-phi(P)) for i = 0..15; phi(i P) = i phi(P),
  // so the second table costs one field multiplication per entry.
  std::array<G1, 16> t1;
  std::array<G1, 16> t2;
  const G1 base = G1::select(split.k1_negative, -p, p);
  t1[0] = G1::identity();
  t1[1] = base;
  for (std::size_t i = 2; i < 16; ++i) {
    t1[i] = (i % 2 == 0) ? t1[i / 2].dbl() : t1[i - 1] + base;
  }
  const std::uint64_t flip = split.k1_negative ^ split.k2_negative;
  for (std::size_t i = 0; i < 16; ++i) {
    const G1 phi = t1[i].endomorphism();
    t2[i] = G1::select(flip, -phi, phi);
  }
  G1 acc = G1::identity();
  // |k1|, |k2| < 2^129: 33 windows of 4 bits.
  for (std::size_t w = 33; w-- > 0;) {
    if (w != 32) {
      acc = acc.dbl().dbl().dbl().dbl();
    }
    const std::uint64_t d1 = (split.k1[w / 16] >> (4 * (w % 16))) & 0xf;
    const std::uint64_t d2 = (split.k2[w / 16] >> (4 * (w % 16))) & 0xf;
    G1 e1 = t1[0];
    G1 e2 = t2[0];
    for (std::uint64_t i = 1; i < 16; ++i) {
      e1 = G1::select(ct::mask_eq(i, d1), t1[i], e1);
      e2 = G1::select(ct::mask_eq(i, d2), t2[i], e2);
    }
    acc = acc + e1 + e2;
  }
  return acc;
}

}  // namespace xtt::daa
