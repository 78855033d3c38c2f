#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/random.hpp"

// Deterministic randomness for generating transcripts and for tests. Never a
// production source: the engines take crypto::system_random() there.
namespace xtt::handshake {

// SHA-256(seed || be64(counter)) blocks: the same seed gives the same stream.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::string seed) : seed_(std::move(seed)) {}
  Status fill(std::span<std::uint8_t> out) override;

 private:
  std::string seed_;
  std::uint64_t counter_ = 0;
};

// One draw as the transcripts record it (§3.11).
struct RecordedDraw {
  std::string side;   // "setup", "client" or "server"
  std::string phase;  // what was running
  Bytes bytes;
};

// Passes draws through from a source and records each, labelled with the
// side and phase the caller sets before each step.
class RecordingRandom final : public Random {
 public:
  RecordingRandom(Random& source, std::vector<RecordedDraw>& log, std::string side)
      : source_(source), log_(log), side_(std::move(side)) {}
  void set_phase(std::string phase) { phase_ = std::move(phase); }
  Status fill(std::span<std::uint8_t> out) override;

 private:
  Random& source_;
  std::vector<RecordedDraw>& log_;
  std::string side_;
  std::string phase_;
};

}  // namespace xtt::handshake
