// ECDAA benchmarks, compared with Yardstick_EcdsaP256Verify in
// docs/performance.md (targets: EcdaaVerify <= 20x, EcdaaSign <= 10x). Both
// sign and verify under a basename, as XTT does on every identity handshake.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>

#include "crypto/random.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/sign.hpp"
#include "daa/verify.hpp"
#include "pairing/bigint.hpp"

namespace xtt::daa {
namespace {

// XTT signs a 64-byte suite-hash value under the group's basename.
const Bytes kMessage(64, 0xa5);
const Bytes kBasename = {'x', 't', 't', '-', 's', 'h', 'a', 'r', 'e', 'd', '-', 'b', 'a', 's', 'e'};

// XTT_BENCH_MONT=adx|x64 forces the field backend, as in pairing_bench.cpp
// (valgrind hides ADX from CPUID, so callgrind needs it to count the ADX
// path). Called inside each benchmark, after every static initialiser.
void choose_backend() {
  if (const char* v = std::getenv("XTT_BENCH_MONT")) {
    xtt::pairing::detail::g_mont_use_adx = std::strcmp(v, "adx") == 0;
  }
}

template <typename T>
T must(Result<T> r) {
  if (!r) {
    std::abort();
  }
  return std::move(r).value();
}

struct Member {
  IssuerKeyPair issuer;
  MemberKeyPair member;
  IssuedCredential credential;
};

const Member& member() {
  static const Member kMember = [] {
    Random& rng = crypto::system_random();
    IssuerKeyPair issuer = must(issuer_keygen(rng));
    const Bytes nonce(32, 0x11);
    MemberKeyPair m = must(member_keygen(nonce, rng));
    IssuedCredential cred =
        must(issue_credential(issuer.secret, m.public_key, ByteSpan(nonce), rng));
    return Member{std::move(issuer), std::move(m), std::move(cred)};
  }();
  return kMember;
}

void EcdaaSign(benchmark::State& state) {
  choose_backend();
  const Member& m = member();
  Random& rng = crypto::system_random();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        must(sign(kMessage, kBasename, m.member.secret, m.credential.credential, rng)));
  }
}
BENCHMARK(EcdaaSign);

// The server's cost per handshake: the group key is prepared once (lines of
// X and Y, HG1 of the basename) and reused.
void EcdaaVerify(benchmark::State& state) {
  choose_backend();
  const Member& m = member();
  const GroupPublicKey& gpk = m.issuer.public_key.group_public_key();
  const PreparedGroupKey prepared = must(PreparedGroupKey::make(gpk, kBasename));
  const Signature sig = must(
      sign(kMessage, kBasename, m.member.secret, m.credential.credential, crypto::system_random()));
  for (auto _ : state) {
    if (!verify(sig, prepared, kMessage, kBasename)) {
      state.SkipWithError("verify failed");
      break;
    }
  }
}
BENCHMARK(EcdaaVerify);

}  // namespace
}  // namespace xtt::daa
