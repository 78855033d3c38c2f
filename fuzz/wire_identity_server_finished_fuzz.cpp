// IdentityServerFinished::decode and both families' plaintexts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/identity_server_finished.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  if (auto m = IdentityServerFinished::decode(in)) {
    check_same(m->encode(), in);
  }
  if (auto p = IdentityServerFinishedPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  if (auto p = Ed25519IdentityServerFinishedPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  return 0;
}
