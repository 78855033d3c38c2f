#pragma once

#include <array>
#include <cstdint>

namespace xtt::record {

// The 2048-entry sliding anti-replay window of spec §6.4 (RFC 6479 style, as
// WireGuard's): a ring of 64-bit blocks. A bitmap of B blocks is only sure to
// cover (B - 1) * 64 entries, so 33 blocks guarantee the 2048 the spec asks.
//
// Use: `is_fresh(s)` before the AEAD check (cheap, no state change), then
// `accept(s)` only after the tag verified, so forged records never move it.
class ReplayWindow {
 public:
  static constexpr std::uint32_t kEntries = 2048;
  static constexpr std::size_t kBlocks = 33;

  // Server -> client direction: nothing accepted yet, every seq is fresh.
  ReplayWindow() = default;
  // Client -> server direction: seq 0 belongs to the message-3 payload block
  // (§6.3) and is taken, so client records start at 1.
  static ReplayWindow with_zero_taken();

  bool is_fresh(std::uint64_t seq) const;
  // Marks seq as accepted; returns true if it raised the top (the roaming rule
  // of §6.4 moves a peer's address only on such records). Precondition:
  // is_fresh(seq).
  bool accept(std::uint64_t seq);

  bool empty() const { return !any_; }
  std::uint64_t top() const { return top_; }

 private:
  static constexpr std::uint64_t kBits = kBlocks * 64;
  bool test(std::uint64_t seq) const;

  std::array<std::uint64_t, kBlocks> bitmap_{};
  std::uint64_t top_ = 0;
  bool any_ = false;
};

}  // namespace xtt::record
