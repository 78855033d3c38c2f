// SQLite-only checks: the file itself (mode, damage, bad paths).
#include <gtest/gtest.h>

#include <fstream>

#include "store/sqlite/sqlite_store.hpp"
#include "store_fixture.hpp"

namespace xtt::store::test {
namespace {

using SqliteTest = StoreTest<SqliteBackend>;

TEST_F(SqliteTest, FileIsInWalMode) {
  // journal_mode=WAL is persistent, so a fresh connection sees it.
  XTT_ASSERT_OK(backend_.exec_sql("CREATE TEMP TABLE m AS SELECT 1"));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(backend_.file().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(SqliteTest, GarbageFileIsCorruptNotACrash) {
  store_.reset();
  {
    std::ofstream out(backend_.file(), std::ios::binary | std::ios::trunc);
    for (int i = 0; i < 8192; ++i) {
      out.put(static_cast<char>((i * 131 + 7) & 0xff));
    }
  }
  std::filesystem::remove(backend_.file().string() + "-wal");
  std::filesystem::remove(backend_.file().string() + "-shm");
  auto opened = backend_.open();
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kCorrupt) << opened.error().to_string();
}

TEST_F(SqliteTest, DamagedPagesGiveTypedErrors) {
  SeededRandom rng(1);
  for (int n = 1; n <= 200; ++n) {
    XTT_ASSERT_OK(store_->provision_identity(Device::make(n).request(wire::ClientId{}, n), rng));
  }
  store_.reset();  // the last connection checkpoints the WAL into the file
  const auto size = std::filesystem::file_size(backend_.file());
  ASSERT_GT(size, 8192u);
  {
    // Keep the 100-byte header and page 1 (the schema); scribble over the rest.
    std::fstream f(backend_.file(), std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(4096);
    for (std::uintmax_t i = 4096; i < size; ++i) {
      f.put(static_cast<char>((i * 97 + 13) & 0xff));
    }
  }
  auto opened = backend_.open();
  if (!opened) {
    EXPECT_EQ(opened.error().group(), ErrorGroup::kStorage) << opened.error().to_string();
    return;
  }
  auto listed = (*opened)->list_identities(0, 0);
  ASSERT_FALSE(listed.has_value()) << "read " << listed->size() << " rows from scribbled pages";
  EXPECT_EQ(listed.error().code, ErrorCode::kCorrupt) << listed.error().to_string();
}

TEST(SqliteOpen, MissingDirectoryIsStorageFailure) {
  auto opened = sqlite::SqliteStore::open("/nonexistent-dir-xtt/sub/store.db");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kStorageFailure) << opened.error().to_string();
  auto empty = sqlite::SqliteStore::open("");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace xtt::store::test
