#pragma once

// What the fuzz targets share: the round-trip rule for decoders, the chunked
// input format of the engine targets, and the one Error message an engine
// may hand out.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "base/bytes.hpp"

namespace xtt::fuzz {

// A decoder that accepts an input must re-encode it to the same bytes.
inline void check_same(const Result<Bytes>& encoded, ByteSpan input) {
  if (!encoded.has_value() || *encoded != Bytes(input.begin(), input.end())) {
    std::abort();
  }
}

// The input as [be16 length][bytes] chunks (the last one may be short), at
// most `max` of them.
inline std::vector<ByteSpan> split_messages(ByteSpan in, std::size_t max = 8) {
  std::vector<ByteSpan> out;
  while (in.size() >= 2 && out.size() < max) {
    const std::size_t n = std::min<std::size_t>(load_be16(in.data()), in.size() - 2);
    out.push_back(in.subspan(2, n));
    in = in.subspan(2 + n);
  }
  return out;
}

// The Error message an engine may hand out: nothing, or exactly 41 0004 01.
inline void check_error_message(const std::optional<Bytes>& msg) {
  if (msg && *msg != Bytes{0x41, 0x00, 0x04, 0x01}) {
    std::abort();
  }
}

}  // namespace xtt::fuzz
