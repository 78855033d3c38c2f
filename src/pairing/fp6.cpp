#include "pairing/fp6.hpp"

namespace xtt::pairing {

Fp6 Fp6::operator*(const Fp6& o) const {
  // Karatsuba over the three coefficients (6 Fp2 multiplications).
  const Fp2 v0 = c0 * o.c0;
  const Fp2 v1 = c1 * o.c1;
  const Fp2 v2 = c2 * o.c2;
  return {v0 + ((c1 + c2) * (o.c1 + o.c2) - v1 - v2).mul_by_xi(),
          (c0 + c1) * (o.c0 + o.c1) - v0 - v1 + v2.mul_by_xi(),
          (c0 + c2) * (o.c0 + o.c2) - v0 - v2 + v1};
}

Fp6 Fp6::square() const {
  // Chung-Hasan SQR2: two multiplications and three squarings in Fp2.
  const Fp2 s0 = c0.square();
  const Fp2 s1 = (c0 * c1).dbl();
  const Fp2 s2 = (c0 - c1 + c2).square();
  const Fp2 s3 = (c1 * c2).dbl();
  const Fp2 s4 = c2.square();
  return {s0 + s3.mul_by_xi(), s1 + s4.mul_by_xi(), s1 + s2 + s3 - s0 - s4};
}

Fp6 Fp6::mul_by_01(const Fp2& b0, const Fp2& b1) const {
  // (c0 + c1 v + c2 v^2)(b0 + b1 v) = c0 b0 + xi c2 b1
  //   + (c0 b1 + c1 b0) v + (c1 b1 + c2 b0) v^2.
  const Fp2 v0 = c0 * b0;
  const Fp2 v1 = c1 * b1;
  return {v0 + ((c1 + c2) * b1 - v1).mul_by_xi(), (c0 + c1) * (b0 + b1) - v0 - v1,
          v1 + (c0 + c2) * b0 - v0};
}

Fp6 Fp6::mul_by_1(const Fp2& b1) const { return {(c2 * b1).mul_by_xi(), c0 * b1, c1 * b1}; }

Fp6 Fp6::inverse() const {
  const Fp2 t0 = c0.square() - (c1 * c2).mul_by_xi();
  const Fp2 t1 = c2.square().mul_by_xi() - c0 * c1;
  const Fp2 t2 = c1.square() - c0 * c2;
  const Fp2 d = c0 * t0 + (c2 * t1 + c1 * t2).mul_by_xi();
  const Fp2 di = d.inverse();
  return {t0 * di, t1 * di, t2 * di};
}

}  // namespace xtt::pairing
