#include "handshake/recording_random.hpp"

#include <algorithm>

#include "crypto/hash.hpp"

namespace xtt::handshake {

Status SeededRandom::fill(std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    ByteWriter block(seed_.size() + 8);
    block.bytes(ByteSpan(reinterpret_cast<const std::uint8_t*>(seed_.data()), seed_.size()));
    block.u64(counter_++);
    const auto digest = crypto::sha256(block.view());
    const std::size_t n = std::min(digest.size(), out.size() - done);
    std::copy_n(digest.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
  }
  return ok();
}

Status RecordingRandom::fill(std::span<std::uint8_t> out) {
  XTT_TRY(source_.fill(out));
  log_.push_back(RecordedDraw{side_, phase_, Bytes(out.begin(), out.end())});
  return ok();
}

}  // namespace xtt::handshake
