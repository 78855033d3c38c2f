// ServerInitAndAttest::decode and both families' ServerAttestPlaintext.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/server_init_and_attest.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  if (auto m = ServerInitAndAttest::decode(in)) {
    check_same(m->encode(), in);
    auto aad = m->aad();
    if (!aad || !std::equal(aad->begin(), aad->end(), in.begin())) {
      std::abort();
    }
  }
  if (auto p = ServerAttestPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  if (auto p = Ed25519ServerAttestPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  return 0;
}
