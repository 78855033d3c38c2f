#include "base/random.hpp"

#include <algorithm>
#include <string>

namespace xtt {

Status ReplayRandom::fill(std::span<std::uint8_t> out) {
  if (next_ >= draws_.size()) {
    return make_error(ErrorCode::kInternal, "replay: no recorded draw left");
  }
  const auto& draw = draws_[next_];
  if (draw.size() != out.size()) {
    return make_error(ErrorCode::kInternal, "replay: draw " + std::to_string(next_) + " has " +
                                                std::to_string(draw.size()) + " bytes, asked " +
                                                std::to_string(out.size()));
  }
  std::copy(draw.begin(), draw.end(), out.begin());
  ++next_;
  return ok();
}

}  // namespace xtt
