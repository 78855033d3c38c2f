// Steady-state records allocate nothing: this binary replaces the global
// operator new with a counting one (OpenSSL's own mallocs are not seen).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "record/session_table.hpp"
#include "record_test_util.hpp"

namespace {
std::atomic<std::uint64_t> g_allocations{0};

// Out of line, so g++ does not pair an inlined free() with operator new and
// warn (-Wmismatched-new-delete): the pairing is intended here.
[[gnu::noinline]] void release(void* p) noexcept { std::free(p); }
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) {
    return p;
  }
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }

namespace xtt::record {
namespace {

using namespace test_util;
using wire::SuiteSpec;

class NoAllocation : public ::testing::TestWithParam<SuiteSpec> {};

TEST_P(NoAllocation, SealAndOpenInSteadyState) {
  auto [client, server] = make_pair(GetParam());
  Bytes record(kMaxRecordSize);
  Bytes plain(kMaxRecordSize);
  const Bytes payload(1280, 0x5a);
  auto round = [&](Session& tx, Session& rx) {
    auto n = tx.seal(0x01, payload, record, kT0);
    if (!n) {
      return false;
    }
    const Opened r = rx.open(ByteSpan(record).first(*n), plain, kT0);
    return r.outcome == RecordOutcome::kDelivered && r.payload.size() == payload.size();
  };
  // Warm-up: first uses may size scratch buffers.
  ASSERT_TRUE(round(client, server));
  ASSERT_TRUE(round(server, client));
  const std::uint64_t before = g_allocations.load();
  bool all_ok = true;
  for (int i = 0; i < 1000; ++i) {
    all_ok = round(client, server) && round(server, client) && all_ok;
  }
  // Drops (replay, wrong session) build no Error either.
  const auto n = *client.seal(0x01, payload, record, kT0);
  const ByteSpan rec = ByteSpan(record).first(n);
  all_ok = server.open(rec, plain, kT0).authenticated() && all_ok;
  all_ok = server.open(rec, plain, kT0).reason == DropReason::kReplayed && all_ok;
  all_ok = server.open(rec.first(10), plain, kT0).reason == DropReason::kBadLength && all_ok;
  const std::uint64_t used = g_allocations.load() - before;
  EXPECT_TRUE(all_ok);
  EXPECT_EQ(used, 0u);
}

INSTANTIATE_TEST_SUITE_P(Suites, NoAllocation,
                         ::testing::Values(SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
                                           SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b,
                                           SuiteSpec::kX25519LrswEd25519NullSha512,
                                           SuiteSpec::kX25519LrswEcdsaP256NullBlake2b));

TEST(NoAllocationTable, OpenThroughTheTableAndBatches) {
  SessionTable table;
  const SessionKeys keys = make_keys(SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512);
  wire::ClientId cid;
  cid.bytes.fill(3);
  ASSERT_TRUE(
      table.insert(cid, make_session(Role::kServer, keys, confirmed_options()), kT0).has_value());
  Session client = make_session(Role::kClient, keys);
  const PeerAddress from = PeerAddress::v4(10, 0, 0, 1, 9);
  std::vector<Bytes> records(8, Bytes(kRecordOverhead + 256));
  const Bytes payload(256, 1);
  std::vector<SealItem> seals(8);
  for (std::size_t i = 0; i < 8; ++i) {
    seals[i].payload = payload;
    seals[i].out = records[i];
  }
  ASSERT_TRUE(client.seal_batch(seals, kT0).has_value());
  Bytes plain(512);
  ASSERT_TRUE(table.open(records[0], plain, kT0, from).record.authenticated());
  const std::uint64_t before = g_allocations.load();
  bool all_ok = true;
  for (int i = 0; i < 200; ++i) {
    all_ok = client.seal_batch(seals, kT0).has_value() && all_ok;
    for (std::size_t k = 0; k < 8; ++k) {
      all_ok = table.open(records[k], plain, kT0, from).record.authenticated() && all_ok;
    }
  }
  const std::uint64_t used = g_allocations.load() - before;
  EXPECT_TRUE(all_ok);
  EXPECT_EQ(used, 0u);
}

}  // namespace
}  // namespace xtt::record
