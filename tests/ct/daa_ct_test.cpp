// Constant-time check for the daa layer under valgrind memcheck: every random
// draw (issuer x, y, rx, ry; member sk, k, nn; credential l, r; signing l, k,
// nn) and the member secret key are marked undefined, so a branch or memory
// index that depends on them is reported, and valgrind --error-exitcode=1
// fails the test. The daa layer marks each value public at the moment it
// becomes output (R, S, T, W, E, K, L, nn, s, ...) through its declassify
// hook, which this program points at VALGRIND_MAKE_MEM_DEFINED.
//
// Usage: daa_ct_test            keygen, join and sign; must be clean
//        daa_ct_test --leaky    sign without the declassify hook, so the
//                               variable-time encoding of R etc. touches
//                               secret-derived data; must be flagged
//
// Like ct_pairing, it runs once on the mul/adc field arithmetic and, under
// valgrind (which emulates mulx/adcx/adox but hides ADX from CPUID), once
// more on the ADX path.

#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

#include <cstdio>
#include <cstring>

#include "base/random.hpp"
#include "daa/credential.hpp"
#include "daa/ct_hooks.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/sign.hpp"
#include "daa/verify.hpp"
#include "pairing/bigint.hpp"

namespace {

using namespace xtt;

void make_defined(const void* p, std::size_t n) { VALGRIND_MAKE_MEM_DEFINED(p, n); }

// Deterministic bytes that valgrind treats as secret.
class SecretRandom final : public Random {
 public:
  Status fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) {
      state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
      b = static_cast<std::uint8_t>(state_ >> 56);
    }
    VALGRIND_MAKE_MEM_UNDEFINED(out.data(), out.size());
    return ok();
  }

 private:
  std::uint64_t state_ = 0x243f6a8885a308d3ull;
};

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r) {
    std::printf("daa_ct_test: %s failed: %s\n", what, r.error().to_string().c_str());
    std::exit(2);
  }
  return std::move(r).value();
}

int run(bool leaky) {
  daa::set_declassify_hook(&make_defined);
  SecretRandom rng;
  const daa::IssuerKeyPair issuer = must(daa::issuer_keygen(rng), "issuer_keygen");
  const Bytes nonce(32, 0x42);
  daa::MemberKeyPair member = must(daa::member_keygen(nonce, rng), "member_keygen");
  const daa::IssuedCredential cred =
      must(daa::issue_credential(issuer.secret, member.public_key, ByteSpan(nonce), rng),
           "issue_credential");
  const Bytes message = {'c', 't'};
  const Bytes basename = {'b', 'a', 's', 'e'};
  // The stored member key is secret too, not only the draws it came from.
  VALGRIND_MAKE_MEM_UNDEFINED(&member.secret, sizeof(member.secret));
  if (leaky) {
    daa::set_declassify_hook(nullptr);
  }
  const daa::Signature linked =
      must(daa::sign(message, basename, member.secret, cred.credential, rng), "sign");
  const daa::Signature unlinked =
      must(daa::sign(message, {}, member.secret, cred.credential, rng), "sign without basename");
  daa::set_declassify_hook(nullptr);
  if (leaky) {
    std::printf("daa_ct_test --leaky: done (valgrind must have reported errors)\n");
    return 0;
  }
  // The results must also be right (checked on public data only).
  VALGRIND_MAKE_MEM_DEFINED(&member.secret, sizeof(member.secret));
  const auto& gpk = issuer.public_key.group_public_key();
  int failures = 0;
  failures += !daa::verify_credential(cred.credential, cred.signature, member.public_key.q(), gpk);
  failures += !daa::verify(linked, gpk, message, basename);
  failures += !daa::verify(unlinked, gpk, message, {});
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  const bool leaky = argc > 1 && std::strcmp(argv[1], "--leaky") == 0;
  if (leaky) {
    return run(true);
  }
  const bool adx = RUNNING_ON_VALGRIND != 0 || xtt::pairing::detail::g_mont_use_adx;
  int failures = 0;
  for (bool use_adx : {false, adx}) {
    xtt::pairing::detail::g_mont_use_adx = use_adx;
    failures += run(false);
  }
  std::printf("daa_ct_test: %s\n", failures == 0 ? "ok" : "WRONG RESULTS");
  return failures == 0 ? 0 : 2;
}
