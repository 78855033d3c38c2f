// ErrorMsg::decode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "wire/error_msg.hpp"

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
  if (auto m = xtt::wire::ErrorMsg::decode(in)) {
    check_same(m->encode(), in);
  }
  return 0;
}
