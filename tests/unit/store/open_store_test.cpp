// open_store(url): every scheme reaches its backend; bad URLs are typed errors.
#include <gtest/gtest.h>

#include "postgres_server.hpp"
#include "store_fixture.hpp"

namespace xtt::store::test {
namespace {

#ifndef XTT_STORE_TEST_POSTGRES

TEST(OpenStore, MemoryAndSqliteUrls) {
  auto memory = open_store("memory:");
  ASSERT_TRUE(memory) << memory.error().to_string();
  EXPECT_EQ((*memory)->backend(), "memory");

  SqliteBackend dir;
  for (const std::string& url :
       {"sqlite:" + dir.file().string(), "sqlite://" + dir.file().string()}) {
    auto sqlite = open_store(url);
    ASSERT_TRUE(sqlite) << url << ": " << sqlite.error().to_string();
    EXPECT_EQ((*sqlite)->backend(), "sqlite");
  }
  EXPECT_TRUE(std::filesystem::exists(dir.file()));
}

TEST(OpenStore, BadUrlsAreInvalidArguments) {
  for (const char* url : {"", "memory", "sqlite:", "mysql://x", "redis:secret@host"}) {
    auto s = open_store(url);
    ASSERT_FALSE(s.has_value()) << url;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << url;
    EXPECT_EQ(s.error().detail.find("secret"), std::string::npos) << "URL echoed into an error";
  }
}

TEST(OpenStore, UnreachablePostgresIsStorageFailure) {
  auto s = open_store("postgresql:///xtt?host=/nonexistent-xtt-socket-dir&connect_timeout=2");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kStorageFailure) << s.error().to_string();
}

#else  // XTT_STORE_TEST_POSTGRES

TEST(OpenStore, PostgresUrlForms) {
  PostgresBackend backend;
  XTT_PREPARE_BACKEND(backend);
  std::string why;
  bool found = false;
  auto* server = xtt::test::PostgresServer::shared(&why, &found);
  ASSERT_NE(server, nullptr);
  const std::string socket = server->socket_dir().string();
  const std::string options = "options=-csearch_path%3D" + backend.schema();
  int n = 0;
  for (const std::string& url :
       {"postgresql:///postgres?host=" + socket + "&user=postgres&" + options,
        "postgres://postgres@/postgres?host=" + socket + "&" + options,
        "postgres:" + backend.conninfo(), "postgresql:" + backend.conninfo()}) {
    auto s = open_store(url);
    ASSERT_TRUE(s) << url << ": " << s.error().to_string();
    EXPECT_EQ((*s)->backend(), "postgres");
    // Every form reaches the same schema: the rows add up.
    ++n;
    SeededRandom rng(static_cast<std::uint64_t>(n));
    XTT_ASSERT_OK((*s)->provision_identity(Device::make(n).request(wire::ClientId{}, n), rng));
    XTT_ASSERT_OK_AND_ASSIGN(auto rows, backend.query_int("SELECT count(*) FROM identities"));
    EXPECT_EQ(rows, n) << url;
  }
}

#endif

}  // namespace
}  // namespace xtt::store::test
