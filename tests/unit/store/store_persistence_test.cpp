// What only a durable backend promises: data survives reopening, the schema
// is migrated, newer schemas are refused and damaged rows are typed errors.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mutex>
#include <set>
#include <thread>

#include "store/postgres/postgres_schema.hpp"
#include "store/sqlite/sqlite_schema.hpp"
#include "store_fixture.hpp"

namespace xtt::store::test {
namespace {

template <typename B>
class PersistenceTest : public StoreTest<B> {
 protected:
  static int latest() {
    if constexpr (std::is_same_v<B, SqliteBackend>) {
      return sqlite::latest_schema_version();
    } else {
      return postgres::latest_schema_version();
    }
  }
  // Reopening must fail with `code`.
  void expect_open_fails(ErrorCode code) {
    this->store_.reset();
    auto opened = this->backend_.open();
    ASSERT_FALSE(opened.has_value()) << "opened a store that should be refused";
    EXPECT_EQ(opened.error().code, code) << opened.error().to_string();
  }
};
TYPED_TEST_SUITE(PersistenceTest, PersistentBackends, BackendNames);

const wire::ClientId kId = client_id_from_hex("00112233445566778899aabbccddeeff");

TYPED_TEST(PersistenceTest, ReopenedStoreHoldsEverything) {
  SeededRandom rng(1);
  XTT_ASSERT_OK_AND_ASSIGN(auto got,
                           this->store_->provision_identity(Device::make(1).request(kId, 5), rng));
  GroupRecord group;
  group.gid = filled<wire::GroupId>(3);
  group.public_key.fill(0x33);
  group.basename = {'b', 's', 'n'};
  group.revoked_pseudonyms.push_back(filled<wire::Pseudonym>(4));
  group.name = "fleet";
  XTT_ASSERT_OK(this->store_->put_group(group));
  SessionRecord session;
  session.session_id = filled<wire::SessionId>(6);
  session.client_id = kId;
  session.suite = 0x11;
  session.confirmed = true;
  session.created_at = 5;
  session.expires_at = 50;
  session.state = SecretVector(Bytes(40, 0x77));
  XTT_ASSERT_OK(this->store_->put_session(session));
  XTT_ASSERT_OK_AND_ASSIGN(bool used, this->store_->mark_cookie_used(filled<CookieId>(8), 99));
  ASSERT_TRUE(used);

  this->reopen();
  XTT_ASSERT_OK_AND_ASSIGN(auto identity, this->store_->find_identity(kId));
  ASSERT_TRUE(identity.has_value());
  EXPECT_TRUE(identity->same_as(got.identity));
  XTT_ASSERT_OK_AND_ASSIGN(auto g, this->store_->find_group(group.gid));
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(*g, group);
  XTT_ASSERT_OK_AND_ASSIGN(auto s, this->store_->find_session(session.session_id));
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->same_as(session));
  XTT_ASSERT_OK_AND_ASSIGN(bool replay, this->store_->mark_cookie_used(filled<CookieId>(8), 99));
  EXPECT_FALSE(replay) << "the replay cache must survive a restart";
}

TYPED_TEST(PersistenceTest, ProvisionedIdentitySurvivesSigkillRightAfterReturn) {
  // What the server does: provision, and the moment the call returns, die
  // (here before it could even send ServerFinished). The identity must be there.
  this->store_.reset();  // the child must not inherit an open connection
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = this->backend_.open();
    SeededRandom rng(42);
    if (!store || !(*store)->provision_identity(Device::make(7).request(kId, 70), rng)) {
      _exit(1);
    }
    raise(SIGKILL);
    _exit(2);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "child did not provision (status " << status << ")";
  this->reopen();
  XTT_ASSERT_OK_AND_ASSIGN(auto identity, this->store_->find_identity(kId));
  ASSERT_TRUE(identity.has_value());
  EXPECT_EQ(identity->pseudonym, Device::make(7).pseudonym);
  EXPECT_EQ(identity->created_at, 70);
}

TYPED_TEST(PersistenceTest, NewDatabaseIsAtTheLatestVersion) {
  auto& b = this->backend_;
  XTT_ASSERT_OK_AND_ASSIGN(auto version, b.query_int("SELECT version FROM schema_version"));
  EXPECT_EQ(version, this->latest());
  XTT_ASSERT_OK_AND_ASSIGN(auto rows, b.query_int("SELECT count(*) FROM schema_version"));
  EXPECT_EQ(rows, 1);
  for (const char* table : {"daa_groups", "identities", "sessions", "used_cookies"}) {
    XTT_ASSERT_OK_AND_ASSIGN(auto n, b.query_int(std::string("SELECT count(*) FROM ") + table));
    EXPECT_EQ(n, 0) << table;
  }
  // Reopening an up-to-date database changes nothing.
  this->reopen();
  XTT_ASSERT_OK_AND_ASSIGN(auto again, b.query_int("SELECT version FROM schema_version"));
  EXPECT_EQ(again, this->latest());
}

TYPED_TEST(PersistenceTest, OlderSchemaIsMigratedKeepingData) {
  SeededRandom rng(2);
  XTT_ASSERT_OK(this->store_->provision_identity(Device::make(1).request(kId, 5), rng));
  XTT_ASSERT_OK_AND_ASSIGN(auto v, this->backend_.query_int("SELECT version FROM schema_version"));
  ASSERT_EQ(v, 2) << "update this test when a migration is added";
  // Turn the database back into a version-1 one (groups and identities only).
  this->store_.reset();
  XTT_ASSERT_OK(this->backend_.exec_sql(
      "DROP TABLE used_cookies; DROP TABLE sessions; UPDATE schema_version SET version = 1"));
  this->reopen();
  XTT_ASSERT_OK_AND_ASSIGN(auto migrated,
                           this->backend_.query_int("SELECT version FROM schema_version"));
  EXPECT_EQ(migrated, this->latest());
  XTT_ASSERT_OK_AND_ASSIGN(auto identity, this->store_->find_identity(kId));
  EXPECT_TRUE(identity.has_value());
  SessionRecord session;
  session.session_id = filled<wire::SessionId>(1);
  session.client_id = kId;
  session.expires_at = 10;
  XTT_ASSERT_OK(this->store_->put_session(session));
  XTT_ASSERT_OK_AND_ASSIGN(bool used, this->store_->mark_cookie_used(filled<CookieId>(1), 9));
  EXPECT_TRUE(used);
}

TYPED_TEST(PersistenceTest, NewerSchemaIsRefused) {
  this->store_.reset();
  XTT_ASSERT_OK(this->backend_.exec_sql("UPDATE schema_version SET version = " +
                                        std::to_string(this->latest() + 1)));
  this->expect_open_fails(ErrorCode::kSchemaMismatch);
}

TYPED_TEST(PersistenceTest, DamagedSchemaVersionIsCorrupt) {
  this->store_.reset();
  XTT_ASSERT_OK(this->backend_.exec_sql("INSERT INTO schema_version VALUES (1)"));
  this->expect_open_fails(ErrorCode::kCorrupt);
}

TYPED_TEST(PersistenceTest, DamagedRowsAreTypedErrors) {
  auto& b = this->backend_;
  const Bytes id1(16, 0xd1), id2(16, 0xd2), id3(16, 0xd3);
  const Bytes gid(32, 1), k(65, 2), short_pub(33, 4), pub(65, 4);
  const std::string cols =
      "INSERT INTO identities (client_id, gid, algorithm, longterm_pub, pseudonym, "
      "longterm_secret, created_at, last_seen, revoked) VALUES ";
  const std::string no_secret = b.blob_literal(Bytes());
  const std::string f = std::is_same_v<TypeParam, SqliteBackend> ? "0" : "false";
  // A P-256 identity with a 33-byte key, and one with an unknown algorithm.
  XTT_ASSERT_OK(b.exec_sql(cols + "(" + b.blob_literal(id1) + ", " + b.blob_literal(gid) + ", 1, " +
                           b.blob_literal(short_pub) + ", " + b.blob_literal(k) + ", " + no_secret +
                           ", 1, 1, " + f + ")"));
  XTT_ASSERT_OK(b.exec_sql(cols + "(" + b.blob_literal(id2) + ", " + b.blob_literal(gid) + ", 9, " +
                           b.blob_literal(pub) + ", " + b.blob_literal(k) + ", " + no_secret +
                           ", 1, 1, " + f + ")"));
  // A group whose pseudonym revocation list is not a whole number of points.
  XTT_ASSERT_OK(b.exec_sql(
      "INSERT INTO daa_groups (gid, gpk, basename, sk_revocations, bsn_revocations, name, "
      "created_at) VALUES (" +
      b.blob_literal(gid) + ", " + b.blob_literal(Bytes(258, 5)) + ", " + no_secret + ", " +
      no_secret + ", " + b.blob_literal(Bytes(64, 6)) + ", 'x', 1)"));

  XTT_EXPECT_ERROR(
      this->store_->find_identity(wire::ClientId::from(std::span<const std::uint8_t, 16>(id1))),
      ErrorCode::kCorrupt);
  XTT_EXPECT_ERROR(
      this->store_->find_identity(wire::ClientId::from(std::span<const std::uint8_t, 16>(id2))),
      ErrorCode::kCorrupt);
  XTT_EXPECT_ERROR(this->store_->list_identities(0, 0), ErrorCode::kCorrupt);
  XTT_EXPECT_ERROR(
      this->store_->find_group(wire::GroupId::from(std::span<const std::uint8_t, 32>(gid))),
      ErrorCode::kCorrupt);
  XTT_ASSERT_OK_AND_ASSIGN(
      auto fine,
      this->store_->find_identity(wire::ClientId::from(std::span<const std::uint8_t, 16>(id3))));
  EXPECT_FALSE(fine.has_value());
}

TYPED_TEST(PersistenceTest, TwoHandlesOnOneStoreStayConsistent) {
  // Two nodes (or processes) sharing one database provision concurrently.
  auto second_opened = this->backend_.open();
  ASSERT_TRUE(second_opened) << second_opened.error().to_string();
  auto second = std::move(second_opened).value();
  Store* handles[2] = {this->store_.get(), second.get()};
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<wire::ClientId> ids;
  std::vector<std::string> errors;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      SeededRandom rng(static_cast<std::uint64_t>(100 + t));
      for (int i = 0; i < 25; ++i) {
        auto got = handles[t % 2]->provision_identity(
            Device::make(t * 100 + i + 1).request(wire::ClientId{}, 1), rng);
        std::lock_guard lock(mu);
        if (!got) {
          errors.push_back(got.error().to_string());
        } else if (!ids.insert(got->identity.client_id).second) {
          errors.push_back("duplicate ClientID");
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_TRUE(errors.empty()) << errors.size() << " failures, first: " << errors.front();
  XTT_ASSERT_OK_AND_ASSIGN(auto from_second, second->list_identities(0, 0));
  EXPECT_EQ(from_second.size(), 100u);
}

}  // namespace
}  // namespace xtt::store::test
