#include "daa/lrsw_check.hpp"

#include <array>

#include "crypto/hash.hpp"

namespace xtt::daa::detail {
namespace {

constexpr std::string_view kBatchLabel = "xtt ecdaa lrsw batch coefficient";

Scalar batch_coefficient(std::initializer_list<ByteSpan> binding) {
  crypto::Sha256 h;
  h.update(ByteSpan(reinterpret_cast<const std::uint8_t*>(kBatchLabel.data()), kBatchLabel.size()));
  for (ByteSpan part : binding) {
    h.update(part);
  }
  const crypto::Sha256Digest d = h.finish();
  // 128 bits bound the chance that a wrong pair of equations still multiplies
  // to one by 2^-128, and halve the cost of the two multiplications.
  Scalar r = Scalar::from_bytes_reduce(ByteSpan(d).first(16));
  return r.is_zero() ? Scalar::one() : r;
}

}  // namespace

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
