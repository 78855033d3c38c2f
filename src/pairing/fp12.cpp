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

namespace {

// |u| in non-adjacent form, most significant digit first: 18 nonzero digits
// instead of 22 ones in binary, so four fewer multiplications per
// exponentiation (the inverse of a cyclotomic element is a free conjugate).
struct UNaf {
  std::array<std::int8_t, 66> d{};
  std::size_t len = 0;
};

constexpr UNaf make_u_naf() {
  UNaf out;
  std::array<std::int8_t, 66> lsb_first{};
  std::uint64_t k = params::kUAbs;
  std::uint64_t carry = 0;  // k may grow past 64 bits by one
  std::size_t n = 0;
  while (k != 0 || carry != 0) {
    std::int8_t digit = 0;
    if ((k & 1) != 0) {
      digit = static_cast<std::int8_t>(2 - static_cast<int>(k & 3));
      if (digit < 0) {
        k += 1;
        carry = k == 0 ? 1 : carry;
      } else {
        k -= 1;
      }
    }
    lsb_first[n++] = digit;
    k = (k >> 1) | (carry << 63);
    carry = 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    out.d[i] = lsb_first[n - 1 - i];
  }
  out.len = n;
  return out;
}

constexpr UNaf kUNaf = make_u_naf();

}  // namespace

Fp12 Fp12::cyclotomic_pow_u() const {
  const Fp12 inv = conj();
  Fp12 acc = *this;  // the leading digit is 1
  for (std::size_t i = 1; i < kUNaf.len; ++i) {
    acc = acc.cyclotomic_square();
    if (kUNaf.d[i] > 0) {
      acc *= *this;
    } else if (kUNaf.d[i] < 0) {
      acc *= inv;
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
