// Constant-time check for the pairing layer, run under valgrind memcheck
// (BoringSSL's CONSTTIME_SECRET idea): the secret scalar is marked undefined,
// so any branch or memory index that depends on it is reported as a use of an
// uninitialised value, and valgrind --error-exitcode=1 fails the test.
//
// Usage: ct_pairing            the CT paths; must be clean
//        ct_pairing --leaky    a vartime multiplication on the secret; must be
//                              flagged (proves the harness can fail)

#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

#include <array>
#include <cstdio>
#include <cstring>

#include "pairing/arith.hpp"
#include "pairing/g1.hpp"
#include "pairing/g2.hpp"
#include "pairing/scalar.hpp"

namespace {

using xtt::pairing::G1;
using xtt::pairing::G2;
using xtt::pairing::Scalar;

template <typename T>
void secret(T& v) {
  VALGRIND_MAKE_MEM_UNDEFINED(&v, sizeof(v));
}
template <typename T>
void declassify(T& v) {
  VALGRIND_MAKE_MEM_DEFINED(&v, sizeof(v));
}

int run_ct() {
  int failures = 0;
  // Valgrind hides ADX from CPUID, so the startup check picks the mul/adc
  // path; under valgrind (which emulates mulx/adcx/adox) run every case on
  // the ADX path as well. Natively, only if the CPU has it.
  const bool adx = RUNNING_ON_VALGRIND != 0 || xtt::pairing::detail::g_mont_use_adx;
  for (bool use_adx : {false, adx}) {
    xtt::pairing::detail::g_mont_use_adx = use_adx;
    for (std::uint8_t seed : {0x11, 0x5a, 0xf3}) {
      std::array<std::uint8_t, 64> wide{};
      for (std::size_t i = 0; i < wide.size(); ++i) {
        wide[i] = static_cast<std::uint8_t>(seed * (i + 1) + 7);
      }
      // Reduction of a secret 512-bit value, then scalar arithmetic.
      secret(wide);
      Scalar k = Scalar::from_bytes_reduce(wide);
      Scalar l = k * k + k - Scalar::from_u64(3);
      l = -l;
      Scalar inv = l.inverse();

      // The multiplications and the encodings of their results.
      const G1 p1 = G1::generator().mul(k);
      const G1 p2 = p1.mul(l);
      auto e1 = p2.encode();
      const G2 q1 = G2::generator().mul(k);
      auto e2 = q1.encode();

      declassify(k);
      declassify(l);
      declassify(inv);
      declassify(e1);
      declassify(e2);
      // The answers must also be right.
      const G1 want1 = G1::generator().mul_vartime(k * l);
      const auto want1_bytes = want1.encode();
      const auto want2_bytes = G2::generator().mul_vartime(k).encode();
      failures += e1 != want1_bytes;
      failures += e2 != want2_bytes;
      failures += !(inv * l == Scalar::one());
    }
  }
  std::printf("ct_pairing: %s (Montgomery backends: mul/adc%s)\n",
              failures == 0 ? "ok" : "WRONG RESULTS", adx ? ", mulx/adcx/adox" : "");
  return failures == 0 ? 0 : 2;
}

int run_leaky() {
  Scalar k = Scalar::from_u64(0x123456789abcdef);
  secret(k);
  G1 p = G1::generator().mul_vartime(k);  // branches on k: must be flagged
  declassify(p);
  std::printf("ct_pairing --leaky: done (valgrind must have reported errors)\n");
  return p.is_identity() ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--leaky") == 0) {
    return run_leaky();
  }
  return run_ct();
}
