#pragma once

#include "base/bytes.hpp"
#include "daa/hash.hpp"
#include "pairing/pairing.hpp"

// The two pairing equations shared by credentials and signatures (internal).
namespace xtt::daa::detail {

// The eigenvalue of G1::endomorphism(); the batch coefficient is built from
// it so that G1::mul_vartime's GLV split finds 64-bit halves.
Scalar glv_lambda();

// The Miller-loop lines of P2, computed once per process.
const pairing::G2Prepared& prepared_p2();

// Checks e(a, Y) == e(b, P2) and e(c, P2) == e(a + d, X) with ONE multi-
// pairing: e(a, Y) * e(r*c - b, P2) * e(-r*(a + d), X) == 1. The 128-bit
// coefficient r is a hash of `binding` (the encodings of gpk, a, b, c and d),
// so a forger cannot pick points whose errors in the two equations cancel
// without knowing r first (small-exponent batch verification). Inputs are
// public; variable time.
bool lrsw_equations_hold(const G1& a, const G1& b, const G1& c, const G1& d,
                         const pairing::G2Prepared& x, const pairing::G2Prepared& y,
                         std::initializer_list<ByteSpan> binding);

}  // namespace xtt::daa::detail
