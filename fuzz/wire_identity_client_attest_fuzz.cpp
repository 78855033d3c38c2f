// IdentityClientAttest::decode (0x11/0x12/0x15) and both families' plaintexts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/identity_client_attest.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  if (auto m = IdentityClientAttest::decode(in)) {
    check_same(m->encode(), in);
    auto aad = m->aad();
    auto ca1 = m->ca1();
    if (!aad || !ca1 || !std::equal(aad->begin(), aad->end(), in.begin()) ||
        !std::equal(ca1->begin(), ca1->end(), in.begin()) ||
        ca1->size() + m->payload_block.size() != in.size()) {
      std::abort();
    }
  }
  if (auto p = IdentityClientAttestPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  if (auto p = Ed25519IdentityClientAttestPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  return 0;
}
