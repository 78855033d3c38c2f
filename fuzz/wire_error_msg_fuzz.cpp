// ErrorMsg::decode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/error_msg.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  if (auto m = xtt::wire::ErrorMsg::decode(in)) {
    check_same(m->encode(), in);
  }
  return 0;
}
