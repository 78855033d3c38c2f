#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "pairing/fp12.hpp"
#include "pairing/g1.hpp"
#include "pairing/g2.hpp"
#include "pairing/scalar.hpp"

namespace xtt::pairing {

// An element of GT, the order-n subgroup of Fp12^* that pairings land in.
// Only equality matters to ECDAA, never the bytes.
class Gt {
 public:
  Gt() = default;  // one
  static Gt one() { return Gt(); }
  // Wraps a value already in GT (e.g. from final_exponentiation).
  static Gt from_fp12(const Fp12& v) {
    Gt g;
    g.v_ = v;
    return g;
  }

  bool is_one() const { return v_.is_one(); }
  bool operator==(const Gt& o) const { return v_ == o.v_; }
  Gt operator*(const Gt& o) const { return from_fp12(v_ * o.v_); }
  Gt& operator*=(const Gt& o) { return *this = *this * o; }
  // The inverse in GT is conjugation.
  Gt inverse() const { return from_fp12(v_.conj()); }
  // this^k for a public k.
  Gt pow_vartime(const Scalar& k) const;
  const Fp12& value() const { return v_; }

 private:
  Fp12 v_ = Fp12::one();
};

// The Miller-loop lines of a fixed G2 point, computed once (per group public
// key, or for P2) and reused by every pairing with it: the loop then only
// evaluates the lines at the G1 point.
class G2Prepared {
 public:
  // A line a + b*xP v + c*yP v w, stored as (a, b, c).
  struct Line {
    Fp2 a;
    Fp2 b;
    Fp2 c;
  };

  G2Prepared() = default;  // the identity: pairs to 1
  explicit G2Prepared(const G2& q);

  bool is_identity() const { return lines_.empty(); }
  const std::vector<Line>& lines() const { return lines_; }

 private:
  std::vector<Line> lines_;
};

struct PairingTerm {
  G1 p;
  G2 q;
};

struct PreparedTerm {
  G1 p;
  const G2Prepared* q = nullptr;  // not owned; must outlive the call
};

// The optimal ate pairing e(p, q) on FP256BN: bilinear, non-degenerate, and 1
// when either point is the identity. Inputs must be valid group elements
// (decode() guarantees it). Constant time except for the affine conversion of
// the inputs, which are public wherever XTT pairs.
Gt pairing(const G1& p, const G2& q);
// prod e(p_i, q_i) with one shared Miller loop and one final exponentiation.
// ECDAA checks e(A, B) == e(C, D) as multi_pairing({A, B}, {-C, D}).is_one().
Gt multi_pairing(std::span<const PairingTerm> terms);
Gt multi_pairing_prepared(std::span<const PreparedTerm> terms);

// The two halves, exposed for tests and benchmarks.
Fp12 miller_loop(std::span<const PreparedTerm> terms);
Gt final_exponentiation(const Fp12& f);

}  // namespace xtt::pairing
