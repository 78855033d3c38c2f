#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>

#include "backends.hpp"

namespace xtt::store::test {

// One fixture for every backend: a fresh, empty, migrated store per test.
template <typename B>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    XTT_PREPARE_BACKEND(backend_);
    auto opened = backend_.open();
    ASSERT_TRUE(opened) << opened.error().to_string();
    store_ = std::move(opened).value();
  }
  void TearDown() override { store_.reset(); }

  // Closes the store and opens it again on the same data.
  void reopen() {
    store_.reset();
    auto opened = backend_.open();
    ASSERT_TRUE(opened) << opened.error().to_string();
    store_ = std::move(opened).value();
  }

  B backend_;
  std::unique_ptr<Store> store_;
};

// The same suite is built twice (tests/unit/store/CMakeLists.txt): once for the
// in-process backends, with a ctest entry per case, and once for PostgreSQL as
// one ctest entry, so the throwaway server starts once rather than per case.
#ifdef XTT_STORE_TEST_POSTGRES
using AllBackends = ::testing::Types<PostgresBackend>;
using PersistentBackends = ::testing::Types<PostgresBackend>;
#else
using AllBackends = ::testing::Types<MemoryBackend, SqliteBackend>;
using PersistentBackends = ::testing::Types<SqliteBackend>;
#endif

struct BackendNames {
  template <typename T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, MemoryBackend>) {
      return "Memory";
    } else if constexpr (std::is_same_v<T, SqliteBackend>) {
      return "Sqlite";
    } else {
      return "Postgres";
    }
  }
};

}  // namespace xtt::store::test

// The value of a Result, or a fatal test failure with its error.
#define XTT_ASSERT_OK_AND_ASSIGN(lhs, expr)                 \
  auto&& XTT_CONCAT_(xtt_r_, __LINE__) = (expr);            \
  ASSERT_TRUE(XTT_CONCAT_(xtt_r_, __LINE__).has_value())    \
      << XTT_CONCAT_(xtt_r_, __LINE__).error().to_string(); \
  lhs = std::move(XTT_CONCAT_(xtt_r_, __LINE__)).value()
#define XTT_CONCAT_(a, b) XTT_CONCAT2_(a, b)
#define XTT_CONCAT2_(a, b) a##b

#define XTT_ASSERT_OK(expr)                                        \
  do {                                                             \
    auto&& xtt_s_ = (expr);                                        \
    ASSERT_TRUE(xtt_s_.has_value()) << xtt_s_.error().to_string(); \
  } while (0)

#define XTT_EXPECT_ERROR(expr, want)                                         \
  do {                                                                       \
    auto&& xtt_e_ = (expr);                                                  \
    ASSERT_FALSE(xtt_e_.has_value()) << "expected " << ::xtt::name_of(want); \
    EXPECT_EQ(xtt_e_.error().code, (want)) << xtt_e_.error().to_string();    \
  } while (0)
