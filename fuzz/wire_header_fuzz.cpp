// Header parsing and stream framing: the framer and the decoders agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.hpp"
#include "wire/header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  auto needed = bytes_needed(in);
  auto header = decode_common_header(in);
  if (size < kCommonHeaderSize) {
    if (!needed || *needed != kCommonHeaderSize - size || header) {
      std::abort();
    }
    return 0;
  }
  if (needed.has_value() != header.has_value()) {
    std::abort();
  }
  if (header) {
    const std::size_t total = header->length;
    if (total < kCommonHeaderSize || total > max_length(header->type) ||
        total < min_length(header->type) || *needed != (size >= total ? 0 : total - size)) {
      std::abort();
    }
    if (auto hs = decode_handshake_header(in)) {
      if (hs->type != header->type || hs->length != header->length || !has_suite(hs->type)) {
        std::abort();
      }
    }
  }
  return 0;
}
