// DAA groups, sessions and the cookie replay cache, against every backend.
#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace xtt::store::test {
namespace {

template <typename B>
class RecordsTest : public StoreTest<B> {};
TYPED_TEST_SUITE(RecordsTest, AllBackends, BackendNames);

GroupRecord make_group(std::uint8_t tag, std::size_t sk_revoked, std::size_t bsn_revoked) {
  GroupRecord g;
  g.gid = filled<wire::GroupId>(tag);
  for (std::size_t i = 0; i < g.public_key.size(); ++i) {
    g.public_key[i] = static_cast<std::uint8_t>(tag ^ i);
  }
  g.basename = {'B', 'A', 'S', 'E', 'N', 'A', 'M', 'E'};
  for (std::size_t i = 0; i < sk_revoked; ++i) {
    RevokedSecretKey k{};
    k.fill(static_cast<std::uint8_t>(0x10 + i));
    g.revoked_secret_keys.push_back(k);
  }
  for (std::size_t i = 0; i < bsn_revoked; ++i) {
    g.revoked_pseudonyms.push_back(filled<wire::Pseudonym>(static_cast<std::uint8_t>(0x40 + i)));
  }
  g.name = "group " + std::to_string(tag);
  g.created_at = 1700000000 + tag;
  return g;
}

TYPED_TEST(RecordsTest, GroupsRoundTripWithRevocationLists) {
  auto& store = *this->store_;
  const GroupRecord a = make_group(0x20, 3, 2);
  GroupRecord b = make_group(0x10, 0, 0);
  b.basename.clear();  // an empty basename is allowed
  b.name = "";
  XTT_ASSERT_OK(store.put_group(a));
  XTT_ASSERT_OK(store.put_group(b));

  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_group(a.gid));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, a);
  XTT_ASSERT_OK_AND_ASSIGN(auto found_b, store.find_group(b.gid));
  ASSERT_TRUE(found_b.has_value());
  EXPECT_EQ(*found_b, b);
  XTT_ASSERT_OK_AND_ASSIGN(auto missing, store.find_group(filled<wire::GroupId>(0x99)));
  EXPECT_FALSE(missing.has_value());

  // Putting again replaces the whole record, revocation lists included.
  GroupRecord a2 = make_group(0x20, 1, 4);
  a2.name = "renamed";
  XTT_ASSERT_OK(store.put_group(a2));
  XTT_ASSERT_OK_AND_ASSIGN(auto replaced, store.find_group(a.gid));
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(*replaced, a2);

  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_groups());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], b);  // ordered by gid: 0x10... before 0x20...
  EXPECT_EQ(all[1], a2);
}

TYPED_TEST(RecordsTest, OversizedGroupIsRejected) {
  GroupRecord g = make_group(1, 0, 0);
  g.basename.assign(1025, 'x');
  XTT_EXPECT_ERROR(this->store_->put_group(g), ErrorCode::kInvalidArgument);
  XTT_ASSERT_OK_AND_ASSIGN(auto all, this->store_->list_groups());
  EXPECT_TRUE(all.empty());
}

class SessionsFixture {
 public:
  static wire::ClientId provision(Store& store, int n) {
    SeededRandom rng(static_cast<std::uint64_t>(n));
    auto got = store.provision_identity(Device::make(n).request(wire::ClientId{}, 1), rng);
    EXPECT_TRUE(got) << got.error().to_string();
    return got ? got->identity.client_id : wire::ClientId{};
  }
  static SessionRecord session(std::uint8_t tag, const wire::ClientId& client, UnixTime created,
                               UnixTime expires) {
    SessionRecord s;
    s.session_id = filled<wire::SessionId>(tag);
    s.client_id = client;
    s.suite = 0x0003;
    s.confirmed = (tag % 2) == 0;
    s.created_at = created;
    s.expires_at = expires;
    Bytes state(88, tag);
    s.state = SecretVector(state);
    return s;
  }
};

TYPED_TEST(RecordsTest, SessionsRoundTripAndNeverOverwrite) {
  auto& store = *this->store_;
  const auto client = SessionsFixture::provision(store, 1);
  const auto s = SessionsFixture::session(2, client, 100, 3700);
  XTT_ASSERT_OK(store.put_session(s));
  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_session(s.session_id));
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->same_as(s));

  // §6.1: a colliding session_id fails and the existing session survives.
  auto clash = SessionsFixture::session(2, client, 200, 9999);
  clash.state = SecretVector(Bytes(8, 0xff));
  XTT_EXPECT_ERROR(store.put_session(clash), ErrorCode::kConflict);
  XTT_ASSERT_OK_AND_ASSIGN(auto kept, store.find_session(s.session_id));
  ASSERT_TRUE(kept.has_value());
  EXPECT_TRUE(kept->same_as(s));

  XTT_EXPECT_ERROR(store.put_session(SessionsFixture::session(3, filled<wire::ClientId>(7), 1, 2)),
                   ErrorCode::kNotFound);
  XTT_EXPECT_ERROR(store.put_session(SessionsFixture::session(4, client, 10, 5)),
                   ErrorCode::kInvalidArgument);

  XTT_ASSERT_OK_AND_ASSIGN(auto unknown, store.find_session(filled<wire::SessionId>(9)));
  EXPECT_FALSE(unknown.has_value());
  XTT_ASSERT_OK_AND_ASSIGN(bool deleted, store.delete_session(s.session_id));
  EXPECT_TRUE(deleted);
  XTT_ASSERT_OK_AND_ASSIGN(bool again, store.delete_session(s.session_id));
  EXPECT_FALSE(again);
}

TYPED_TEST(RecordsTest, SessionsExpireAndListOldestFirst) {
  auto& store = *this->store_;
  const auto c1 = SessionsFixture::provision(store, 1);
  const auto c2 = SessionsFixture::provision(store, 2);
  XTT_ASSERT_OK(store.put_session(SessionsFixture::session(1, c1, 30, 100)));
  XTT_ASSERT_OK(store.put_session(SessionsFixture::session(2, c1, 10, 200)));
  XTT_ASSERT_OK(store.put_session(SessionsFixture::session(3, c1, 20, 300)));
  XTT_ASSERT_OK(store.put_session(SessionsFixture::session(4, c2, 5, 150)));

  XTT_ASSERT_OK_AND_ASSIGN(auto listed, store.list_sessions(c1));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].session_id, filled<wire::SessionId>(2));
  EXPECT_EQ(listed[1].session_id, filled<wire::SessionId>(3));
  EXPECT_EQ(listed[2].session_id, filled<wire::SessionId>(1));

  XTT_ASSERT_OK_AND_ASSIGN(auto none, store.delete_expired(99));
  EXPECT_EQ(none, 0u);
  // expires_at <= now is expired: 100 and 150 go, 200 and 300 stay.
  XTT_ASSERT_OK_AND_ASSIGN(auto n, store.delete_expired(199));
  EXPECT_EQ(n, 2u);
  XTT_ASSERT_OK_AND_ASSIGN(auto left, store.list_sessions(c1));
  ASSERT_EQ(left.size(), 2u);
  XTT_ASSERT_OK_AND_ASSIGN(auto left2, store.list_sessions(c2));
  EXPECT_TRUE(left2.empty());
  XTT_ASSERT_OK_AND_ASSIGN(auto at_expiry, store.delete_expired(200));
  EXPECT_EQ(at_expiry, 1u);
  XTT_ASSERT_OK_AND_ASSIGN(auto last, store.find_session(filled<wire::SessionId>(3)));
  EXPECT_TRUE(last.has_value());
}

TYPED_TEST(RecordsTest, CookiesAreSingleUse) {
  auto& store = *this->store_;
  const auto a = filled<CookieId>(1);
  const auto b = filled<CookieId>(2);
  XTT_ASSERT_OK_AND_ASSIGN(bool first, store.mark_cookie_used(a, 1000));
  EXPECT_TRUE(first);
  XTT_ASSERT_OK_AND_ASSIGN(bool replay, store.mark_cookie_used(a, 1000));
  EXPECT_FALSE(replay);
  XTT_ASSERT_OK_AND_ASSIGN(bool replay_later, store.mark_cookie_used(a, 5000));
  EXPECT_FALSE(replay_later);
  XTT_ASSERT_OK_AND_ASSIGN(bool other, store.mark_cookie_used(b, 2000));
  EXPECT_TRUE(other);

  // An entry is kept while now <= expires.
  XTT_ASSERT_OK_AND_ASSIGN(auto kept, store.purge_cookies(1000));
  EXPECT_EQ(kept, 0u);
  XTT_ASSERT_OK_AND_ASSIGN(auto still, store.mark_cookie_used(a, 1000));
  EXPECT_FALSE(still);
  XTT_ASSERT_OK_AND_ASSIGN(auto purged, store.purge_cookies(1001));
  EXPECT_EQ(purged, 1u);
  XTT_ASSERT_OK_AND_ASSIGN(bool b_still, store.mark_cookie_used(b, 2000));
  EXPECT_FALSE(b_still);
  XTT_ASSERT_OK_AND_ASSIGN(bool a_again, store.mark_cookie_used(a, 3000));
  EXPECT_TRUE(a_again) << "a purged entry may be recorded anew";
}

}  // namespace
}  // namespace xtt::store::test
