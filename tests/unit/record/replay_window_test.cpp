#include "record/replay_window.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace xtt::record {
namespace {

TEST(ReplayWindow, FreshThenReplayed) {
  ReplayWindow w;
  EXPECT_TRUE(w.empty());
  EXPECT_TRUE(w.is_fresh(0));
  EXPECT_TRUE(w.accept(0));
  EXPECT_FALSE(w.is_fresh(0));
  EXPECT_TRUE(w.is_fresh(1));
  EXPECT_TRUE(w.accept(5));
  EXPECT_TRUE(w.is_fresh(3));  // reordered, within the window
  EXPECT_FALSE(w.accept(3));   // accepted, but the top did not move
  EXPECT_FALSE(w.is_fresh(3));
  EXPECT_FALSE(w.is_fresh(5));
  EXPECT_EQ(w.top(), 5u);
}

TEST(ReplayWindow, ClientDirectionReservesZero) {
  ReplayWindow w = ReplayWindow::with_zero_taken();
  EXPECT_FALSE(w.is_fresh(0));
  EXPECT_TRUE(w.is_fresh(1));
}

TEST(ReplayWindow, ExactlyTwoThousandFortyEightEntries) {
  ReplayWindow w;
  const std::uint64_t top = 10000;
  ASSERT_TRUE(w.accept(top));
  // top - 2047 is the oldest entry still tracked; top - 2048 is too old.
  EXPECT_TRUE(w.is_fresh(top - 2047));
  EXPECT_FALSE(w.is_fresh(top - 2048));
  // Every entry of the window can be accepted once.
  for (std::uint64_t s = top - 2047; s < top; ++s) {
    ASSERT_TRUE(w.is_fresh(s)) << s;
    w.accept(s);
  }
  for (std::uint64_t s = top - 2047; s <= top; ++s) {
    ASSERT_FALSE(w.is_fresh(s)) << s;
  }
}

TEST(ReplayWindow, SlidingClearsOldBits) {
  ReplayWindow w;
  w.accept(100);
  w.accept(100 + 2047);  // 100 still inside
  EXPECT_FALSE(w.is_fresh(100));
  w.accept(100 + 2048 + 64);      // 100 leaves the window
  EXPECT_FALSE(w.is_fresh(100));  // too old
  // A seq that maps onto a reused block must be fresh after the slide.
  EXPECT_TRUE(w.is_fresh(100 + 2048));
}

TEST(ReplayWindow, BigJumpResets) {
  ReplayWindow w;
  for (std::uint64_t s = 0; s < 200; ++s) {
    w.accept(s);
  }
  w.accept(1'000'000);
  EXPECT_TRUE(w.is_fresh(1'000'000 - 1));
  EXPECT_FALSE(w.is_fresh(199));
  EXPECT_TRUE(w.is_fresh(0xffffffffull));
}

// Against a reference model: a set of accepted seqs and the exact rule of §6.4.
TEST(ReplayWindow, MatchesReferenceModel) {
  std::mt19937_64 rng(42);
  ReplayWindow w;
  std::set<std::uint64_t> accepted;
  std::uint64_t top = 0;
  bool any = false;
  std::uint64_t base = 0;
  for (int i = 0; i < 200000; ++i) {
    base += rng() % 4;
    const std::uint64_t s = base + 64 - (rng() % 3000);
    if (s > (1ull << 40)) {
      continue;  // wrapped below zero
    }
    const bool fresh_model = !any || s > top || (top - s < 2048 && accepted.count(s) == 0);
    ASSERT_EQ(w.is_fresh(s), fresh_model) << "seq " << s << " top " << top;
    if (fresh_model) {
      w.accept(s);
      accepted.insert(s);
      if (!any || s > top) {
        top = s;
      }
      any = true;
    }
  }
}

}  // namespace
}  // namespace xtt::record
