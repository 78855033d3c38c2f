#include "pairing/fp12.hpp"

#include "pairing/params.hpp"

namespace xtt::pairing {
namespace {

// (x + y t)^2 in Fp4 = Fp2[t] / (t^2 - xi): (x^2 + xi y^2) + 2xy t.
void fp4_square(Fp2& r0, Fp2& r1, const Fp2& x, const Fp2& y) {
  const Fp2 x2 = x.square();
  const Fp2 y2 = y.square();
  r0 = x2 + y2.mul_by_xi();
  r1 = (x + y).square() - x2 - y2;
}

Fp2 times3(const Fp2& a) { return a.dbl() + a; }

}  // namespace

Fp12 Fp12::operator*(const Fp12& o) const {
  const Fp6 v0 = c0 * o.c0;
  const Fp6 v1 = c1 * o.c1;
  return {v0 + v1.mul_by_v(), (c0 + c1) * (o.c0 + o.c1) - v0 - v1};
}

Fp12 Fp12::square() const {
  const Fp6 ab = c0 * c1;
  return {(c0 + c1) * (c0 + c1.mul_by_v()) - ab - ab.mul_by_v(), ab.dbl()};
}

Fp12 Fp12::mul_by_line(const Fp2& a, const Fp2& b, const Fp2& c) const {
  // The line is A + B w with A = a + b v and B = c v.
  const Fp6 v0 = c0.mul_by_01(a, b);
  const Fp6 v1 = c1.mul_by_1(c);
  return {v0 + v1.mul_by_v(), (c0 + c1).mul_by_01(a, b + c) - v0 - v1};
}

Fp12 Fp12::inverse() const {
  const Fp6 t = (c0.square() - c1.square().mul_by_v()).inverse();
  return {c0 * t, -(c1 * t)};
}

Fp12 Fp12::frobenius(int k) const {
  const std::array<Fp2, 6>& g =
      k == 1 ? params::kFrob1 : (k == 2 ? params::kFrob2 : params::kFrob3);
  const bool odd = (k % 2) != 0;
  auto f = [odd](const Fp2& x) { return odd ? x.conj() : x; };
  return {{f(c0.c0), f(c0.c1) * g[2], f(c0.c2) * g[4]},
          {f(c1.c0) * g[1], f(c1.c1) * g[3], f(c1.c2) * g[5]}};
}

Fp12 Fp12::cyclotomic_square() const {
  // Granger and Scott (PKC 2010): view Fp12 as Fp4[w] / (w^3 - t), t = w^3,
  // with A0 = (c0.c0, c1.c1), A1 = (c1.c0, c0.c2), A2 = (c0.c1, c1.c2). For a
  // cyclotomic element the square is A0' = 3 A0^2 - 2 conj(A0),
  // A1' = 3 t A2^2 + 2 conj(A1), A2' = 3 A1^2 - 2 conj(A2).
  Fp2 a0;
  Fp2 a1;
  Fp2 b0;
  Fp2 b1;
  Fp2 d0;
  Fp2 d1;
  fp4_square(a0, a1, c0.c0, c1.c1);
  fp4_square(b0, b1, c1.c0, c0.c2);
  fp4_square(d0, d1, c0.c1, c1.c2);
  Fp12 r;
  r.c0.c0 = times3(a0) - c0.c0.dbl();
  r.c1.c1 = times3(a1) + c1.c1.dbl();
  r.c1.c0 = times3(d1.mul_by_xi()) + c1.c0.dbl();
  r.c0.c2 = times3(d0) - c0.c2.dbl();
  r.c0.c1 = times3(b0) - c0.c1.dbl();
  r.c1.c2 = times3(b1) + c1.c2.dbl();
  return r;
}

Fp12 Fp12::cyclotomic_pow_u() const {
  Fp12 acc = *this;
  for (int i = 62 - __builtin_clzll(params::kUAbs) + 0; i >= 0; --i) {
    acc = acc.cyclotomic_square();
    if (((params::kUAbs >> i) & 1) != 0) {
      acc *= *this;
    }
  }
  return params::kUNegative ? acc.conj() : acc;
}

Fp12 Fp12::pow_vartime(std::span<const std::uint64_t> e) const {
  Fp12 acc = one();
  for (std::size_t i = 64 * e.size(); i-- > 0;) {
    acc = acc.square();
    if (((e[i / 64] >> (i % 64)) & 1) != 0) {
      acc *= *this;
    }
  }
  return acc;
}

}  // namespace xtt::pairing
