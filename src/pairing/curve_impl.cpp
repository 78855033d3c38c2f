#include "pairing/curve_impl.hpp"

namespace xtt::pairing::detail {
namespace {

using Wide = std::array<std::uint64_t, 8>;  // two's complement, 512 bits

void wide_negate(Wide& v) {
  std::uint64_t carry = 1;
  for (auto& limb : v) {
    limb = adc(~limb, 0, carry);
  }
}

void wide_sub(Wide& acc, const Wide& v) {
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    acc[i] = sbb(acc[i], v[i], borrow);
  }
}

}  // namespace

std::size_t wnaf_vartime(std::array<std::int8_t, 260>& digits, const Limbs& k, int w) {
  std::array<std::uint64_t, 5> v = {k[0], k[1], k[2], k[3], 0};
  const std::int64_t full = std::int64_t{1} << w;
  const std::int64_t half = full >> 1;
  std::size_t len = 0;
  auto nonzero = [&v] { return (v[0] | v[1] | v[2] | v[3] | v[4]) != 0; };
  while (nonzero() && len < digits.size()) {
    std::int64_t d = 0;
    if ((v[0] & 1) != 0) {
      d = static_cast<std::int64_t>(v[0] & static_cast<std::uint64_t>(full - 1));
      if (d >= half) {
        d -= full;
      }
      // v -= d, so v becomes divisible by 2^w.
      std::uint64_t c = 0;
      if (d > 0) {
        v[0] = sbb(v[0], static_cast<std::uint64_t>(d), c);
        for (std::size_t i = 1; i < 5; ++i) {
          v[i] = sbb(v[i], 0, c);
        }
      } else {
        v[0] = adc(v[0], static_cast<std::uint64_t>(-d), c);
        for (std::size_t i = 1; i < 5; ++i) {
          v[i] = adc(v[i], 0, c);
        }
      }
    }
    digits[len++] = static_cast<std::int8_t>(d);
    for (std::size_t i = 0; i < 4; ++i) {
      v[i] = (v[i] >> 1) | (v[i + 1] << 63);
    }
    v[4] >>= 1;
  }
  return len;
}

template <std::size_t Dim>
void decompose_ct(std::array<Limbs, Dim>& mags, std::array<std::uint64_t, Dim>& neg_masks,
                  const Limbs& k, const std::array<std::array<SignedLimbs, Dim>, Dim>& basis,
                  const std::array<SignedLimbs, Dim>& g) {
  // c[i] = round-ish(k * g[i] / 2^256); being off by one only makes a part a
  // little longer, never wrong, because sum c[i] * basis[i] is in the lattice.
  // The signs of g and of the basis are public constants, so branching on
  // them is fine; everything depending on k is straight-line arithmetic.
  std::array<Limbs, Dim> c;
  for (std::size_t i = 0; i < Dim; ++i) {
    Wide prod;
    mul_wide(prod, k, g[i].mag);
    c[i] = {prod[4], prod[5], prod[6], prod[7]};
  }
  for (std::size_t j = 0; j < Dim; ++j) {
    Wide acc{};
    if (j == 0) {
      for (std::size_t i = 0; i < 4; ++i) {
        acc[i] = k[i];
      }
    }
    for (std::size_t i = 0; i < Dim; ++i) {
      Wide term;
      mul_wide(term, c[i], basis[i][j].mag);
      if (g[i].neg != basis[i][j].neg) {
        wide_negate(term);
      }
      wide_sub(acc, term);
    }
    // |acc| by a masked negation: (acc ^ s) - s with s all ones if negative.
    const std::uint64_t s = ct::mask_from_bit(acc[7] >> 63);
    std::uint64_t carry = s & 1;
    for (auto& limb : acc) {
      limb = adc(limb ^ s, 0, carry);
    }
    neg_masks[j] = s;
    mags[j] = {acc[0], acc[1], acc[2], acc[3]};
  }
}

template <std::size_t Dim>
void decompose_vartime(std::array<SignedLimbs, Dim>& parts, const Limbs& k,
                       const std::array<std::array<SignedLimbs, Dim>, Dim>& basis,
                       const std::array<SignedLimbs, Dim>& g) {
  std::array<Limbs, Dim> mags;
  std::array<std::uint64_t, Dim> negs;
  decompose_ct<Dim>(mags, negs, k, basis, g);
  for (std::size_t j = 0; j < Dim; ++j) {
    parts[j] = SignedLimbs{mags[j], negs[j] != 0};
  }
}

template void decompose_ct<2>(std::array<Limbs, 2>&, std::array<std::uint64_t, 2>&, const Limbs&,
                              const std::array<std::array<SignedLimbs, 2>, 2>&,
                              const std::array<SignedLimbs, 2>&);
template void decompose_ct<4>(std::array<Limbs, 4>&, std::array<std::uint64_t, 4>&, const Limbs&,
                              const std::array<std::array<SignedLimbs, 4>, 4>&,
                              const std::array<SignedLimbs, 4>&);
template void decompose_vartime<2>(std::array<SignedLimbs, 2>&, const Limbs&,
                                   const std::array<std::array<SignedLimbs, 2>, 2>&,
                                   const std::array<SignedLimbs, 2>&);
template void decompose_vartime<4>(std::array<SignedLimbs, 4>&, const Limbs&,
                                   const std::array<std::array<SignedLimbs, 4>, 4>&,
                                   const std::array<SignedLimbs, 4>&);

}  // namespace xtt::pairing::detail
