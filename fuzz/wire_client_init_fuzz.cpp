// ClientInit::decode: accepted inputs re-encode byte for byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/client_init.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  if (auto m = xtt::wire::ClientInit::decode(in)) {
    check_same(m->encode(), in);
  }
  return 0;
}
