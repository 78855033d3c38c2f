#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/result.hpp"

namespace xtt {

// Where every random byte comes from. The default is the OS CSPRNG
// (crypto::system_random()); tests inject a deterministic source so recorded
// transcripts replay byte for byte. Each call is one "draw": reference
// transcripts list draws by size, so callers draw exactly as libxtt does.
class Random {
 public:
  virtual ~Random() = default;
  virtual Status fill(std::span<std::uint8_t> out) = 0;
};

// Serves recorded draws in order; a draw of the wrong size, or one past the
// end, is an error (so a replay that drifts fails loudly instead of silently).
class ReplayRandom final : public Random {
 public:
  explicit ReplayRandom(std::vector<std::vector<std::uint8_t>> draws) : draws_(std::move(draws)) {}
  Status fill(std::span<std::uint8_t> out) override;
  std::size_t used() const { return next_; }
  bool exhausted() const { return next_ == draws_.size(); }

 private:
  std::vector<std::vector<std::uint8_t>> draws_;
  std::size_t next_ = 0;
};

}  // namespace xtt
