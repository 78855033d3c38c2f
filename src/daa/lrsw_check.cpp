#include "daa/lrsw_check.hpp"

#include <array>

#include "crypto/hash.hpp"

namespace xtt::daa::detail {
namespace {

constexpr std::string_view kBatchLabel = "xtt ecdaa lrsw batch coefficient";
// lambda with phi(P) = lambda * P for phi(x, y) = (beta x, y), G1::endomorphism().
constexpr pairing::Limbs kGlvLambda = {0x67081e9398533016, 0x379baf3be321c370, 0x7311c281242030ce,
                                       0x2};

Scalar batch_coefficient(std::initializer_list<ByteSpan> binding) {
  crypto::Sha256 h;
  h.update(ByteSpan(reinterpret_cast<const std::uint8_t*>(kBatchLabel.data()), kBatchLabel.size()));
  for (ByteSpan part : binding) {
    h.update(part);
  }
  const crypto::Sha256Digest d = h.finish();
  // r = r1 + r2 * lambda with 64-bit r1, r2: 2^128 distinct coefficients
  // (the GLV lattice has no nonzero vector with both parts below 2^64), so a
  // wrong pair of equations still multiplies to one with probability at most
  // 2^-128, and G1::mul_vartime's GLV split recovers the 64-bit halves, so
  // each multiplication by r costs about 64 doublings.
  std::uint64_t r1 = 0;
  std::uint64_t r2 = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    r1 = (r1 << 8) | d[i];
    r2 = (r2 << 8) | d[8 + i];
  }
  r1 |= 1;  // never zero
  return Scalar::from_u64(r1) + Scalar::from_u64(r2) * glv_lambda();
}

}  // namespace

Scalar glv_lambda() { return Scalar::from_limbs(kGlvLambda); }

const pairing::G2Prepared& prepared_p2() {
  static const pairing::G2Prepared kP2(G2::generator());
  return kP2;
}

bool lrsw_equations_hold(const G1& a, const G1& b, const G1& c, const G1& d,
                         const pairing::G2Prepared& x, const pairing::G2Prepared& y,
                         std::initializer_list<ByteSpan> binding) {
  const Scalar r = batch_coefficient(binding);
  const G1 with_p2 = c.mul_vartime(r) - b;
  const G1 with_x = -((a + d).mul_vartime(r));
  const std::array<pairing::PreparedTerm, 3> terms = {
      pairing::PreparedTerm{a, &y},
      pairing::PreparedTerm{with_p2, &prepared_p2()},
      pairing::PreparedTerm{with_x, &x},
  };
  return pairing::multi_pairing_prepared(terms).is_one();
}

}  // namespace xtt::daa::detail
