// Pairing-layer benchmarks. Pairing and MultiPairing3 are compared with
// Yardstick_EcdsaP256Verify in docs/performance.md (target: Pairing <= 10x).

#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <cstring>

#include "pairing/arith.hpp"
#include "pairing/fp.hpp"
#include "pairing/g1.hpp"
#include "pairing/g2.hpp"
#include "pairing/pairing.hpp"

namespace {

using namespace xtt::pairing;

// XTT_BENCH_MONT=adx or =x64 picks the Montgomery backend (valgrind hides ADX
// from CPUID, so callgrind runs need XTT_BENCH_MONT=adx to count the path a
// BMI2+ADX machine takes).
// Called by each benchmark: static initialisers in other files (the CPU
// check) may run after ours.
void choose_backend() {
  if (const char* v = std::getenv("XTT_BENCH_MONT")) {
    detail::g_mont_use_adx = std::strcmp(v, "adx") == 0;
  }
}

Scalar bench_scalar(std::uint8_t seed) {
  std::array<std::uint8_t, 64> wide{};
  for (std::size_t i = 0; i < wide.size(); ++i) {
    wide[i] = static_cast<std::uint8_t>(seed * 131 + i * 17 + 5);
  }
  return Scalar::from_bytes_reduce(wide);
}

void FpMul(benchmark::State& state) {
  choose_backend();
  Fp a = Fp::from_u64(0x1234567);
  const Fp b = Fp::from_u64(0x89abcdef).inverse();
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(FpMul);

void FpInverse(benchmark::State& state) {
  choose_backend();
  const Fp a = Fp::from_u64(0x1234567).inverse();
  for (auto _ : state) {
    benchmark::DoNotOptimize(a.inverse());
  }
}
BENCHMARK(FpInverse);

void G1Mul(benchmark::State& state) {
  choose_backend();
  const G1 p = G1::generator().mul(bench_scalar(1));
  const Scalar k = bench_scalar(2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(p.mul(k));
  }
}
BENCHMARK(G1Mul);

void G1MulVartime(benchmark::State& state) {
  choose_backend();
  const G1 p = G1::generator().mul(bench_scalar(1));
  const Scalar k = bench_scalar(2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(p.mul_vartime(k));
  }
}
BENCHMARK(G1MulVartime);

void G1Mul2Vartime(benchmark::State& state) {
  choose_backend();
  const G1 p = G1::generator().mul(bench_scalar(1));
  const G1 q = G1::generator().mul(bench_scalar(3));
  const Scalar a = bench_scalar(2);
  const Scalar b = bench_scalar(4);
  for (auto _ : state) {
    benchmark::DoNotOptimize(G1::mul2_vartime(a, p, b, q));
  }
}
BENCHMARK(G1Mul2Vartime);

void G1Decode(benchmark::State& state) {
  choose_backend();
  const auto enc = G1::generator().mul(bench_scalar(1)).encode();
  for (auto _ : state) {
    benchmark::DoNotOptimize(G1::decode(enc));
  }
}
BENCHMARK(G1Decode);

void G2Mul(benchmark::State& state) {
  choose_backend();
  const G2 q = G2::generator().mul(bench_scalar(1));
  const Scalar k = bench_scalar(2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(q.mul(k));
  }
}
BENCHMARK(G2Mul);

void G2MulVartime(benchmark::State& state) {
  choose_backend();
  const G2 q = G2::generator().mul(bench_scalar(1));
  const Scalar k = bench_scalar(2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(q.mul_vartime(k));
  }
}
BENCHMARK(G2MulVartime);

void G2Decode(benchmark::State& state) {
  choose_backend();
  const auto enc = G2::generator().mul(bench_scalar(1)).encode();
  for (auto _ : state) {
    benchmark::DoNotOptimize(G2::decode(enc));
  }
}
BENCHMARK(G2Decode);

void Pairing(benchmark::State& state) {
  choose_backend();
  const G1 p = G1::generator().mul(bench_scalar(1));
  const G2 q = G2::generator().mul(bench_scalar(2));
  for (auto _ : state) {
    benchmark::DoNotOptimize(pairing(p, q));
  }
}
BENCHMARK(Pairing);

void MultiPairing3(benchmark::State& state) {
  choose_backend();
  std::array<PairingTerm, 3> terms;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    terms[i] = PairingTerm{G1::generator().mul(bench_scalar(static_cast<std::uint8_t>(i))),
                           G2::generator().mul(bench_scalar(static_cast<std::uint8_t>(i + 9)))};
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(multi_pairing(terms));
  }
}
BENCHMARK(MultiPairing3);

void MultiPairing2Prepared(benchmark::State& state) {
  choose_backend();
  const G2Prepared y(G2::generator().mul(bench_scalar(7)));
  const G2Prepared p2(G2::generator());
  const std::array<PreparedTerm, 2> terms = {
      PreparedTerm{G1::generator().mul(bench_scalar(1)), &y},
      PreparedTerm{G1::generator().mul(bench_scalar(2)), &p2}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(multi_pairing_prepared(terms));
  }
}
BENCHMARK(MultiPairing2Prepared);

void G2Prepare(benchmark::State& state) {
  choose_backend();
  const G2 q = G2::generator().mul(bench_scalar(7));
  for (auto _ : state) {
    benchmark::DoNotOptimize(G2Prepared(q));
  }
}
BENCHMARK(G2Prepare);

void MillerLoop(benchmark::State& state) {
  choose_backend();
  const G2Prepared q(G2::generator().mul(bench_scalar(7)));
  const std::array<PreparedTerm, 1> terms = {
      PreparedTerm{G1::generator().mul(bench_scalar(1)), &q}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(miller_loop(terms));
  }
}
BENCHMARK(MillerLoop);

void FinalExponentiation(benchmark::State& state) {
  choose_backend();
  const G2Prepared q(G2::generator().mul(bench_scalar(7)));
  const std::array<PreparedTerm, 1> terms = {
      PreparedTerm{G1::generator().mul(bench_scalar(1)), &q}};
  const Fp12 f = miller_loop(terms);
  for (auto _ : state) {
    benchmark::DoNotOptimize(final_exponentiation(f));
  }
}
BENCHMARK(FinalExponentiation);

}  // namespace
