#include "pairing/pairing.hpp"

#include <array>

#include "pairing/params.hpp"

namespace xtt::pairing {
namespace {

using detail::U128;

// The Miller loop runs over s = |6u + 2| = 6|u| - 2 (u < 0), in NAF,
// most significant digit first.
struct LoopDigits {
  std::array<std::int8_t, 72> d{};
  std::size_t len = 0;  // d[len - 1] is the leading 1
};

constexpr LoopDigits make_loop_digits() {
  LoopDigits out;
  U128 s = static_cast<U128>(params::kUAbs) * 6 - 2;
  while (s != 0) {
    std::int8_t digit = 0;
    if ((s & 1) != 0) {
      digit = static_cast<std::int8_t>(2 - static_cast<int>(s & 3));
      s = digit > 0 ? s - 1 : s + 1;
    }
    out.d[out.len++] = digit;
    s >>= 1;
  }
  return out;
}
constexpr LoopDigits kLoop = make_loop_digits();

// Doubling step in homogeneous coordinates on y^2 = x^3 + b', b' = 3 xi
// (Costello-Lange-Naehrig, adapted to the M-type line a + b xP v + c yP v w):
// the tangent at T times 2YZ is (Y^2 - 3b'Z^2) - 3X^2 xP v + 2YZ yP v w.
G2Prepared::Line double_step(Fp2& x, Fp2& y, Fp2& z) {
  const Fp2 a = x * y;
  const Fp2 b = y.square();
  const Fp2 c = z.square();
  const Fp2 cx = c.mul_by_xi();
  const Fp2 e = cx.dbl().dbl().dbl() + cx;  // 3b' C = 9 xi C
  const Fp2 f = e.dbl() + e;
  const Fp2 g = b + f;
  const Fp2 h = (y + z).square() - b - c;  // 2YZ
  const Fp2 x2 = x.square();
  G2Prepared::Line line{b - e, -(x2.dbl() + x2), h};
  // X3 = XY/2 (B - F), Y3 = ((B + F)/2)^2 - 3E^2, Z3 = B H.
  x = Fp2{a.c0.half(), a.c1.half()} * (b - f);
  const Fp2 g_half{g.c0.half(), g.c1.half()};
  const Fp2 e2 = e.square();
  y = g_half.square() - (e2.dbl() + e2);
  z = b * h;
  return line;
}

// Mixed addition step T + Q (Q affine): with theta = Y - yQ Z and
// lambda = X - xQ Z, the chord times lambda is
// (theta xQ - lambda yQ) - theta xP v + lambda yP v w.
G2Prepared::Line add_step(Fp2& x, Fp2& y, Fp2& z, const Fp2& xq, const Fp2& yq) {
  const Fp2 theta = y - yq * z;
  const Fp2 lambda = x - xq * z;
  const Fp2 c = theta.square();
  const Fp2 d = lambda.square();
  const Fp2 e = lambda * d;
  const Fp2 f = z * c;
  const Fp2 g = x * d;
  const Fp2 h = e + f - g.dbl();
  G2Prepared::Line line{theta * xq - lambda * yq, -theta, lambda};
  x = lambda * h;
  y = theta * (g - h) - y * e;
  z = z * e;
  return line;
}

}  // namespace

G2Prepared::G2Prepared(const G2& q) {
  if (q.is_identity()) {
    return;
  }
  const G2Affine qa = q.to_affine_vartime();
  lines_.reserve(2 * kLoop.len + 2);
  Fp2 x = qa.x;
  Fp2 y = qa.y;
  Fp2 z = Fp2::one();
  const Fp2 neg_yq = -qa.y;
  for (std::size_t i = kLoop.len - 1; i-- > 0;) {
    lines_.push_back(double_step(x, y, z));
    if (kLoop.d[i] != 0) {
      lines_.push_back(add_step(x, y, z, qa.x, kLoop.d[i] > 0 ? qa.y : neg_yq));
    }
  }
  // T = [6u + 2] Q = -[s] Q; then add psi(Q) and -psi^2(Q).
  y = -y;
  const Fp2 x1 = qa.x.conj() * params::kPsiX;
  const Fp2 y1 = qa.y.conj() * params::kPsiY;
  lines_.push_back(add_step(x, y, z, x1, y1));
  const Fp2 x2 = qa.x.mul_fp(params::kPsi2X);
  const Fp2 y2 = -qa.y.mul_fp(params::kPsi2Y);
  lines_.push_back(add_step(x, y, z, x2, y2));
}

Fp12 miller_loop(std::span<const PreparedTerm> terms) {
  struct Active {
    Fp xp;
    Fp yp;
    const std::vector<G2Prepared::Line>* lines;
  };
  std::vector<Active> active;
  active.reserve(terms.size());
  for (const PreparedTerm& t : terms) {
    if (t.q == nullptr || t.q->is_identity() || t.p.is_identity()) {
      continue;  // e(O, Q) = e(P, O) = 1
    }
    const G1Affine pa = t.p.to_affine_vartime();
    active.push_back(Active{pa.x, pa.y, &t.q->lines()});
  }
  Fp12 f = Fp12::one();
  if (active.empty()) {
    return f;
  }
  auto apply = [&f](const Active& a, std::size_t idx) {
    const G2Prepared::Line& l = (*a.lines)[idx];
    f = f.mul_by_line(l.a, l.b.mul_fp(a.xp), l.c.mul_fp(a.yp));
  };
  std::size_t idx = 0;
  for (std::size_t i = kLoop.len - 1; i-- > 0;) {
    if (i != kLoop.len - 2) {
      f = f.square();
    }
    for (const Active& a : active) {
      apply(a, idx);
    }
    ++idx;
    if (kLoop.d[i] != 0) {
      for (const Active& a : active) {
        apply(a, idx);
      }
      ++idx;
    }
  }
  // 6u + 2 < 0: f_{-s} equals 1 / f_s up to verticals, i.e. conj after the
  // final exponentiation.
  f = f.conj();
  for (int k = 0; k < 2; ++k) {
    for (const Active& a : active) {
      apply(a, idx);
    }
    ++idx;
  }
  return f;
}

Gt final_exponentiation(const Fp12& f) {
  // Easy part: f^((p^6 - 1)(p^2 + 1)).
  Fp12 t = f.conj() * f.inverse();
  t = t.frobenius(2) * t;
  // Hard part (p^4 - p^2 + 1) / n, with the vectorial addition chain of
  // Scott, Benger, Charlemagne, Dominguez Perez and Kachisa (Pairing 2009):
  // three exponentiations by u, Frobenius maps and 13 multiplications.
  const Fp12 fu = t.cyclotomic_pow_u();
  const Fp12 fu2 = fu.cyclotomic_pow_u();
  const Fp12 fu3 = fu2.cyclotomic_pow_u();
  const Fp12 y0 = t.frobenius(1) * t.frobenius(2) * t.frobenius(3);
  const Fp12 y1 = t.conj();
  const Fp12 y2 = fu2.frobenius(2);
  const Fp12 y3 = fu.frobenius(1).conj();
  const Fp12 y4 = (fu * fu2.frobenius(1)).conj();
  const Fp12 y5 = fu2.conj();
  const Fp12 y6 = (fu3 * fu3.frobenius(1)).conj();
  Fp12 t0 = y6.cyclotomic_square() * y4 * y5;
  Fp12 t1 = y3 * y5 * t0;
  t0 = t0 * y2;
  t1 = (t1.cyclotomic_square() * t0).cyclotomic_square();
  t0 = t1 * y1;
  t1 = t1 * y0;
  return Gt::from_fp12(t0.cyclotomic_square() * t1);
}

Gt pairing(const G1& p, const G2& q) {
  const std::array<PairingTerm, 1> terms = {PairingTerm{p, q}};
  return multi_pairing(terms);
}

Gt multi_pairing(std::span<const PairingTerm> terms) {
  std::vector<G2Prepared> prepared;
  prepared.reserve(terms.size());
  std::vector<PreparedTerm> refs;
  refs.reserve(terms.size());
  for (const PairingTerm& t : terms) {
    prepared.emplace_back(t.q);
  }
  for (std::size_t i = 0; i < terms.size(); ++i) {
    refs.push_back(PreparedTerm{terms[i].p, &prepared[i]});
  }
  return multi_pairing_prepared(refs);
}

Gt multi_pairing_prepared(std::span<const PreparedTerm> terms) {
  return final_exponentiation(miller_loop(terms));
}

Gt Gt::pow_vartime(const Scalar& k) const { return from_fp12(v_.pow_vartime(k.limbs())); }

}  // namespace xtt::pairing
