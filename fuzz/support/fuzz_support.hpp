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

// What must hold after an engine (client or server) took one message: a
// success leaves it neither Failed nor holding an Error message; Done and
// Failed are terminal (input there is kBadState and changes nothing); any
// other failure ends in Failed with at most the 4-byte Error message.
template <typename Engine, typename State, typename Output>
void check_step(const Engine& engine, State before, const Result<Output>& r) {
  if (r) {
    if (engine.state() == State::kFailed || engine.error_message()) {
      std::abort();
    }
    return;
  }
  const bool terminal = before == State::kDone || before == State::kFailed;
  if ((terminal && (r.error().code != ErrorCode::kBadState || engine.state() != before)) ||
      (!terminal && engine.state() != State::kFailed)) {
    std::abort();
  }
  check_error_message(engine.error_message());
}

// After the last message: Done means a result is there.
template <typename State, typename Engine>
void check_end(const Engine& engine) {
  if (engine.state() == State::kDone && engine.result() == nullptr) {
    std::abort();
  }
}

}  // namespace xtt::fuzz
