// ClientInit::decode: accepted inputs re-encode byte for byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "wire/client_init.hpp"

namespace {

// A decoder that accepts an input must re-encode it to the same bytes.
void check_same(const xtt::Result<xtt::Bytes>& encoded, xtt::ByteSpan input) {
  if (!encoded.has_value() || *encoded != xtt::Bytes(input.begin(), input.end())) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  if (auto m = xtt::wire::ClientInit::decode(in)) {
    check_same(m->encode(), in);
  }
  return 0;
}
