#include "record/replay_window.hpp"

namespace xtt::record {

namespace {
constexpr std::size_t block_of(std::uint64_t seq, std::size_t blocks) {
  return static_cast<std::size_t>((seq >> 6) % blocks);
}
constexpr std::uint64_t bit_of(std::uint64_t seq) { return std::uint64_t{1} << (seq & 63); }
}  // namespace

ReplayWindow ReplayWindow::with_zero_taken() {
  ReplayWindow w;
  (void)w.accept(0);
  return w;
}

bool ReplayWindow::test(std::uint64_t seq) const {
  return (bitmap_[block_of(seq, kBlocks)] & bit_of(seq)) != 0;
}

bool ReplayWindow::is_fresh(std::uint64_t seq) const {
  if (!any_ || seq > top_) {
    return true;
  }
  if (top_ - seq >= kEntries) {
    return false;  // too old to tell: treated as a replay
  }
  return !test(seq);
}

bool ReplayWindow::accept(std::uint64_t seq) {
  bool raised = false;
  if (!any_) {
    any_ = true;
    top_ = seq;
    raised = true;
  } else if (seq > top_) {
    // Clear every block the window slides over (all of them on a big jump).
    const std::uint64_t old_block = top_ >> 6;
    const std::uint64_t new_block = seq >> 6;
    const std::uint64_t steps = new_block - old_block;
    if (steps >= kBlocks) {
      bitmap_.fill(0);
    } else {
      for (std::uint64_t b = old_block + 1; b <= new_block; ++b) {
        bitmap_[static_cast<std::size_t>(b % kBlocks)] = 0;
      }
    }
    top_ = seq;
    raised = true;
  }
  bitmap_[block_of(seq, kBlocks)] |= bit_of(seq);
  return raised;
}

}  // namespace xtt::record
