#include "pairing/fp2.hpp"

namespace xtt::pairing {

Fp2 Fp2::inverse() const {
  // 1 / (a + bi) = (a - bi) / (a^2 + b^2).
  return conj().mul_fp(norm().inverse());
}

Fp2 Fp2::inverse_vartime() const { return conj().mul_fp(norm().inverse_vartime()); }

Fp2 Fp2::pow(const Limbs& e) const {
  Fp2 acc = one();
  for (std::size_t i = 256; i-- > 0;) {
    acc = acc.square();
    if (((e[i / 64] >> (i % 64)) & 1) != 0) {
      acc *= *this;
    }
  }
  return acc;
}

bool Fp2::sqrt(Fp2& out) const {
  // The "complex" method: with t = sqrt(c0^2 + c1^2), x0^2 = (c0 +- t) / 2 and
  // x1 = c1 / (2 x0). When c1 = 0 this degenerates, so the pure candidates
  // (sqrt(c0), 0) and (0, sqrt(-c0)) are tried as well; all are computed and
  // the right one selected by masks.
  Fp t;
  const std::uint64_t norm_ok = ct::mask_from_bit(norm().sqrt(t) ? 1 : 0);
  Fp s1;
  Fp s2;
  const std::uint64_t ok1 = ct::mask_from_bit((c0 + t).half().sqrt(s1) ? 1 : 0);
  (void)(c0 - t).half().sqrt(s2);
  const Fp x0 = Fp::select(ok1, s1, s2);
  const Fp2 general{x0, c1 * x0.dbl().inverse()};
  Fp r0;
  Fp r1;
  (void)c0.sqrt(r0);
  (void)(-c0).sqrt(r1);
  const Fp2 real{r0, Fp()};
  const Fp2 imag{Fp(), r1};

  out = general;
  std::uint64_t found = general.square().eq_mask(*this) & norm_ok;
  const std::uint64_t real_ok = real.square().eq_mask(*this) & ~found;
  out.cmov(real, real_ok);
  found |= real_ok;
  const std::uint64_t imag_ok = imag.square().eq_mask(*this) & ~found;
  out.cmov(imag, imag_ok);
  found |= imag_ok;
  return found != 0;
}

}  // namespace xtt::pairing
