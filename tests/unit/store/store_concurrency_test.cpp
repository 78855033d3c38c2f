// Many worker threads on one store, as a server uses it: ClientIDs and cookie
// ids are never handed out twice.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "store_fixture.hpp"

namespace xtt::store::test {
namespace {

constexpr int kThreads = 8;
constexpr int kPerThread = 50;

template <typename B>
class ConcurrencyTest : public StoreTest<B> {};
TYPED_TEST_SUITE(ConcurrencyTest, AllBackends, BackendNames);

// Only 12 random bits per ClientID, so 400 draws collide a few dozen times and
// the redraw path runs under contention too.
class NarrowRandom final : public Random {
 public:
  explicit NarrowRandom(std::uint64_t seed) : inner_(seed) {}
  Status fill(std::span<std::uint8_t> out) override {
    std::fill(out.begin(), out.end(), 0x5c);
    XTT_TRY(inner_.fill(out.last(2)));
    out[out.size() - 2] &= 0x0f;
    ++draws;
    return ok();
  }
  int draws = 0;

 private:
  SeededRandom inner_;
};

// Runs body(thread_index, i) kThreads x kPerThread times and collects errors.
template <typename Body>
std::vector<std::string> run_threads(Body body) {
  std::mutex mu;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string err = body(t, i);
        if (!err.empty()) {
          std::lock_guard lock(mu);
          errors.push_back(std::move(err));
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  return errors;
}

TYPED_TEST(ConcurrencyTest, NullRequestsNeverShareAClientId) {
  auto& store = *this->store_;
  std::mutex mu;
  std::set<wire::ClientId> ids;
  std::vector<NarrowRandom> rngs;  // one per thread: Random need not be thread-safe
  for (int t = 0; t < kThreads; ++t) {
    rngs.emplace_back(static_cast<std::uint64_t>(t) + 1);
  }
  auto errors = run_threads([&](int t, int i) -> std::string {
    const Device dev = Device::make(t * kPerThread + i + 1);
    auto got = store.provision_identity(dev.request(wire::ClientId{}, 1),
                                        rngs[static_cast<std::size_t>(t)]);
    if (!got) {
      return got.error().to_string();
    }
    if (got->outcome != ProvisionOutcome::kCreated) {
      return "not created";
    }
    std::lock_guard lock(mu);
    if (!ids.insert(got->identity.client_id).second) {
      return "duplicate ClientID handed out";
    }
    return {};
  });
  EXPECT_TRUE(errors.empty()) << errors.size() << " failures, first: " << errors.front();
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
  int draws = 0;
  for (const auto& r : rngs) {
    draws += r.draws;
  }
  EXPECT_GT(draws, kThreads * kPerThread) << "no collision: the redraw path did not run";
  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_identities(0, 0));
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TYPED_TEST(ConcurrencyTest, ContestedRequestedIdsHaveExactlyOneWinner) {
  auto& store = *this->store_;
  std::mutex mu;
  std::map<wire::ClientId, std::vector<int>> winners;
  auto errors = run_threads([&](int t, int i) -> std::string {
    SeededRandom rng(static_cast<std::uint64_t>(t * 1000 + i));
    const auto id = filled<wire::ClientId>(static_cast<std::uint8_t>(i + 1));
    const Device dev = Device::make(t + 1);  // one device per thread, all want the same IDs
    auto got = store.provision_identity(dev.request(id, 1), rng);
    if (!got) {
      return got.error().code == ErrorCode::kConflict ? std::string() : got.error().to_string();
    }
    std::lock_guard lock(mu);
    winners[id].push_back(t);
    return {};
  });
  EXPECT_TRUE(errors.empty()) << errors.size() << " failures, first: " << errors.front();
  ASSERT_EQ(winners.size(), static_cast<std::size_t>(kPerThread));
  for (const auto& [id, threads] : winners) {
    ASSERT_EQ(threads.size(), 1u) << "ClientID granted to " << threads.size() << " devices";
    XTT_ASSERT_OK_AND_ASSIGN(auto stored, store.find_identity(id));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->pseudonym, Device::make(threads[0] + 1).pseudonym);
  }
}

TYPED_TEST(ConcurrencyTest, EachCookieIsAcceptedOnce) {
  auto& store = *this->store_;
  std::atomic<int> accepted{0};
  auto errors = run_threads([&](int, int i) -> std::string {
    auto used = store.mark_cookie_used(filled<CookieId>(static_cast<std::uint8_t>(i)), 100);
    if (!used) {
      return used.error().to_string();
    }
    if (*used) {
      ++accepted;
    }
    return {};
  });
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(accepted.load(), kPerThread);
}

}  // namespace
}  // namespace xtt::store::test
