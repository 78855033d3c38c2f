// Provisioning and identity management, run against every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/provision.hpp"
#include "store_fixture.hpp"

namespace xtt::store::test {
namespace {

template <typename B>
class IdentityTest : public StoreTest<B> {};
TYPED_TEST_SUITE(IdentityTest, AllBackends, BackendNames);

const wire::ClientId kRequested = client_id_from_hex("00112233445566778899aabbccddeeff");
const wire::ClientId kNull{};

TYPED_TEST(IdentityTest, FreeRequestedIdIsGranted) {
  auto& store = *this->store_;
  const Device dev = Device::make(1);
  SeededRandom rng(1);
  XTT_ASSERT_OK_AND_ASSIGN(auto got, store.provision_identity(dev.request(kRequested, 1000), rng));
  EXPECT_EQ(got.outcome, ProvisionOutcome::kCreated);
  EXPECT_EQ(got.identity.client_id, kRequested);
  EXPECT_EQ(got.identity.gid, dev.gid);
  EXPECT_EQ(got.identity.pseudonym, dev.pseudonym);
  EXPECT_EQ(got.identity.longterm_public_key, dev.public_key);
  EXPECT_EQ(
      Bytes(got.identity.longterm_secret.span().begin(), got.identity.longterm_secret.span().end()),
      dev.secret);
  EXPECT_EQ(got.identity.created_at, 1000);
  EXPECT_EQ(got.identity.last_seen, 1000);
  EXPECT_FALSE(got.identity.revoked);

  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_identity(kRequested));
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->same_as(got.identity));
}

TYPED_TEST(IdentityTest, RequestedIdHeldByAnotherMemberIsConflict) {
  auto& store = *this->store_;
  SeededRandom rng(2);
  const Device a = Device::make(1);
  XTT_ASSERT_OK(store.provision_identity(a.request(kRequested, 10), rng));

  // Another pseudonym in the same group, and the same pseudonym in another group.
  for (const Device& other : {Device::make(2), Device::make(1, 2)}) {
    XTT_EXPECT_ERROR(store.provision_identity(other.request(kRequested, 20), rng),
                     ErrorCode::kConflict);
  }
  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_identity(kRequested));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->pseudonym, a.pseudonym);
  EXPECT_EQ(found->longterm_public_key, a.public_key);
  EXPECT_EQ(found->last_seen, 10);
  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_identities(0, 0));
  EXPECT_EQ(all.size(), 1u);
}

TYPED_TEST(IdentityTest, AssignFreshPolicyGivesTheLoserAnotherId) {
  auto& store = *this->store_;
  SeededRandom rng(3);
  XTT_ASSERT_OK(store.provision_identity(Device::make(1).request(kRequested, 10), rng));
  const Device b = Device::make(2);
  auto req = b.request(kRequested, 20);
  req.on_conflict = ConflictPolicy::kAssignFresh;
  XTT_ASSERT_OK_AND_ASSIGN(auto got, store.provision_identity(req, rng));
  EXPECT_EQ(got.outcome, ProvisionOutcome::kCreated);
  EXPECT_NE(got.identity.client_id, kRequested);
  EXPECT_FALSE(got.identity.client_id.is_zero());
  EXPECT_EQ(got.identity.pseudonym, b.pseudonym);

  // The same device retrying the same request finds the ID it was given.
  XTT_ASSERT_OK_AND_ASSIGN(auto again, store.provision_identity(req, rng));
  EXPECT_EQ(again.outcome, ProvisionOutcome::kRetried);
  EXPECT_EQ(again.identity.client_id, got.identity.client_id);
}

TYPED_TEST(IdentityTest, NullRequestGetsFreshUniqueIds) {
  auto& store = *this->store_;
  SeededRandom rng(4);
  std::set<wire::ClientId> ids;
  for (int n = 1; n <= 20; ++n) {
    XTT_ASSERT_OK_AND_ASSIGN(auto got,
                             store.provision_identity(Device::make(n).request(kNull, n), rng));
    EXPECT_EQ(got.outcome, ProvisionOutcome::kCreated);
    EXPECT_FALSE(got.identity.client_id.is_zero());
    ids.insert(got.identity.client_id);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TYPED_TEST(IdentityTest, NullRequestRedrawsOnCollisionAndOnZero) {
  auto& store = *this->store_;
  SeededRandom rng(5);
  XTT_ASSERT_OK(store.provision_identity(Device::make(1).request(kRequested, 1), rng));
  const auto fresh = client_id_from_hex("0f0e0d0c0b0a09080706050403020100");
  ReplayRandom replay({Bytes(kRequested.bytes.begin(), kRequested.bytes.end()), Bytes(16, 0),
                       Bytes(fresh.bytes.begin(), fresh.bytes.end())});
  XTT_ASSERT_OK_AND_ASSIGN(auto got,
                           store.provision_identity(Device::make(2).request(kNull, 2), replay));
  EXPECT_EQ(got.identity.client_id, fresh);
  EXPECT_TRUE(replay.exhausted());
}

// Always draws the same ID.
class StuckRandom final : public Random {
 public:
  explicit StuckRandom(wire::ClientId id) : id_(id) {}
  Status fill(std::span<std::uint8_t> out) override {
    std::copy(id_.bytes.begin(), id_.bytes.begin() + static_cast<std::ptrdiff_t>(out.size()),
              out.begin());
    ++draws;
    return ok();
  }
  int draws = 0;

 private:
  wire::ClientId id_;
};

TYPED_TEST(IdentityTest, BrokenRandomGivesUpInsteadOfLooping) {
  auto& store = *this->store_;
  SeededRandom rng(6);
  XTT_ASSERT_OK(store.provision_identity(Device::make(1).request(kRequested, 1), rng));
  StuckRandom stuck(kRequested);
  XTT_EXPECT_ERROR(store.provision_identity(Device::make(2).request(kNull, 2), stuck),
                   ErrorCode::kStorageFailure);
  EXPECT_EQ(stuck.draws, kMaxProvisionAttempts);

  ReplayRandom empty({});  // a failing Random: its error comes back, nothing is written
  XTT_EXPECT_ERROR(store.provision_identity(Device::make(3).request(kNull, 3), empty),
                   ErrorCode::kInternal);
  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_identities(0, 0));
  EXPECT_EQ(all.size(), 1u);
}

TYPED_TEST(IdentityTest, RetryAfterLostServerFinishedIsIdempotent) {
  auto& store = *this->store_;
  SeededRandom rng(7);
  Device dev = Device::make(1);
  for (const auto& requested : {kNull, kRequested}) {
    XTT_ASSERT_OK_AND_ASSIGN(auto first,
                             store.provision_identity(dev.request(requested, 100), rng));
    EXPECT_EQ(first.outcome, ProvisionOutcome::kCreated);
    // The retry derives a new long-term secret in its own handshake.
    dev.secret.assign(kLongtermSecretSize, requested.is_zero() ? 0x11 : 0x22);
    XTT_ASSERT_OK_AND_ASSIGN(auto retry,
                             store.provision_identity(dev.request(requested, 150), rng));
    EXPECT_EQ(retry.outcome, ProvisionOutcome::kRetried);
    EXPECT_EQ(retry.identity.client_id, first.identity.client_id);
    EXPECT_EQ(retry.identity.created_at, 100);
    EXPECT_EQ(retry.identity.last_seen, 150);
    XTT_ASSERT_OK_AND_ASSIGN(auto stored, store.find_identity(first.identity.client_id));
    ASSERT_TRUE(stored.has_value());
    EXPECT_TRUE(stored->same_as(retry.identity));
    EXPECT_EQ(Bytes(stored->longterm_secret.span().begin(), stored->longterm_secret.span().end()),
              dev.secret);
    dev = Device::make(2);  // the second round uses a requested ID
  }
  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_identities(0, 0));
  EXPECT_EQ(all.size(), 2u);
}

TYPED_TEST(IdentityTest, SameMemberWithNewKeyReprovisionsRequestedId) {
  auto& store = *this->store_;
  SeededRandom rng(8);
  Device dev = Device::make(1);
  XTT_ASSERT_OK(store.provision_identity(dev.request(kRequested, 100), rng));

  dev.algorithm = wire::SignatureKind::kEd25519;
  dev.public_key.assign(32, 0x5a);
  dev.secret.clear();
  XTT_ASSERT_OK_AND_ASSIGN(auto got, store.provision_identity(dev.request(kRequested, 200), rng));
  EXPECT_EQ(got.outcome, ProvisionOutcome::kReprovisioned);
  XTT_ASSERT_OK_AND_ASSIGN(auto stored, store.find_identity(kRequested));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->algorithm, wire::SignatureKind::kEd25519);
  EXPECT_EQ(stored->longterm_public_key, dev.public_key);
  EXPECT_TRUE(stored->longterm_secret.empty());
  EXPECT_EQ(stored->created_at, 100);
  EXPECT_EQ(stored->last_seen, 200);

  // With an all-zero request a new key is a new identity: only the exact key
  // proves the record is this device's own.
  dev.public_key.assign(32, 0x6b);
  XTT_ASSERT_OK_AND_ASSIGN(auto fresh, store.provision_identity(dev.request(kNull, 300), rng));
  EXPECT_EQ(fresh.outcome, ProvisionOutcome::kCreated);
  EXPECT_NE(fresh.identity.client_id, kRequested);
}

TYPED_TEST(IdentityTest, RevokedIdentityStaysRevoked) {
  auto& store = *this->store_;
  SeededRandom rng(9);
  const Device dev = Device::make(1);
  XTT_ASSERT_OK(store.provision_identity(dev.request(kRequested, 100), rng));
  SessionRecord session;
  session.session_id = filled<wire::SessionId>(1);
  session.client_id = kRequested;
  session.created_at = 100;
  session.expires_at = 1000;
  XTT_ASSERT_OK(store.put_session(session));

  XTT_ASSERT_OK(store.revoke_identity(kRequested));
  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_identity(kRequested));
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->revoked);
  XTT_ASSERT_OK_AND_ASSIGN(auto gone, store.find_session(session.session_id));
  EXPECT_FALSE(gone.has_value()) << "revoking must end the identity's sessions";

  XTT_EXPECT_ERROR(store.provision_identity(dev.request(kRequested, 200), rng),
                   ErrorCode::kRevoked);
  XTT_EXPECT_ERROR(store.provision_identity(dev.request(kNull, 200), rng), ErrorCode::kRevoked);
  XTT_ASSERT_OK(store.revoke_identity(kRequested));  // idempotent
  XTT_EXPECT_ERROR(store.revoke_identity(filled<wire::ClientId>(9)), ErrorCode::kNotFound);
}

TYPED_TEST(IdentityTest, UnknownIdentityIsNullopt) {
  XTT_ASSERT_OK_AND_ASSIGN(auto found, this->store_->find_identity(kRequested));
  EXPECT_FALSE(found.has_value());
  XTT_ASSERT_OK_AND_ASSIGN(auto none, this->store_->find_identity(kNull));
  EXPECT_FALSE(none.has_value());
}

TYPED_TEST(IdentityTest, ListIsOrderedAndPaged) {
  auto& store = *this->store_;
  SeededRandom rng(10);
  std::vector<wire::ClientId> ids;
  for (int n = 5; n >= 1; --n) {
    auto id = filled<wire::ClientId>(static_cast<std::uint8_t>(n * 16));
    ids.push_back(id);
    XTT_ASSERT_OK(store.provision_identity(Device::make(n).request(id, n), rng));
  }
  std::sort(ids.begin(), ids.end());
  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_identities(0, 0));
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].client_id, ids[i]);
  }
  XTT_ASSERT_OK_AND_ASSIGN(auto page, store.list_identities(2, 2));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].client_id, ids[2]);
  EXPECT_EQ(page[1].client_id, ids[3]);
  XTT_ASSERT_OK_AND_ASSIGN(auto tail, store.list_identities(10, 4));
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].client_id, ids[4]);
  XTT_ASSERT_OK_AND_ASSIGN(auto past, store.list_identities(3, 9));
  EXPECT_TRUE(past.empty());
}

TYPED_TEST(IdentityTest, TouchOnlyMovesForward) {
  auto& store = *this->store_;
  SeededRandom rng(11);
  XTT_ASSERT_OK(store.provision_identity(Device::make(1).request(kRequested, 100), rng));
  XTT_ASSERT_OK(store.touch_identity(kRequested, 500));
  XTT_ASSERT_OK(store.touch_identity(kRequested, 300));
  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_identity(kRequested));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->last_seen, 500);
  EXPECT_EQ(found->created_at, 100);
  XTT_EXPECT_ERROR(store.touch_identity(filled<wire::ClientId>(3), 1), ErrorCode::kNotFound);
}

TYPED_TEST(IdentityTest, LongtermSecretCanBeSetLater) {
  auto& store = *this->store_;
  SeededRandom rng(12);
  Device dev = Device::make(1);
  dev.secret.clear();
  XTT_ASSERT_OK_AND_ASSIGN(auto got, store.provision_identity(dev.request(kRequested, 1), rng));
  EXPECT_TRUE(got.identity.longterm_secret.empty());

  const Bytes secret(kLongtermSecretSize, 0xee);
  XTT_ASSERT_OK(store.set_longterm_secret(kRequested, secret));
  XTT_ASSERT_OK_AND_ASSIGN(auto found, store.find_identity(kRequested));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(Bytes(found->longterm_secret.span().begin(), found->longterm_secret.span().end()),
            secret);

  XTT_EXPECT_ERROR(store.set_longterm_secret(kRequested, Bytes(63, 1)),
                   ErrorCode::kInvalidArgument);
  XTT_EXPECT_ERROR(store.set_longterm_secret(filled<wire::ClientId>(3), secret),
                   ErrorCode::kNotFound);
  XTT_ASSERT_OK(store.set_longterm_secret(kRequested, Bytes()));
  XTT_ASSERT_OK_AND_ASSIGN(auto cleared, store.find_identity(kRequested));
  ASSERT_TRUE(cleared.has_value());
  EXPECT_TRUE(cleared->longterm_secret.empty());
}

TYPED_TEST(IdentityTest, MalformedRequestsAreRejectedAndNothingIsStored) {
  auto& store = *this->store_;
  SeededRandom rng(13);
  Device dev = Device::make(1);

  dev.public_key.resize(64);  // not 65 for P-256
  XTT_EXPECT_ERROR(store.provision_identity(dev.request(kRequested, 1), rng),
                   ErrorCode::kInvalidArgument);
  dev = Device::make(1);
  dev.algorithm = wire::SignatureKind::kEd25519;  // a 65-byte key is not Ed25519
  XTT_EXPECT_ERROR(store.provision_identity(dev.request(kRequested, 1), rng),
                   ErrorCode::kInvalidArgument);
  dev = Device::make(1);
  dev.algorithm = static_cast<wire::SignatureKind>(7);
  XTT_EXPECT_ERROR(store.provision_identity(dev.request(kNull, 1), rng),
                   ErrorCode::kInvalidArgument);
  dev = Device::make(1);
  dev.secret.resize(32);
  XTT_EXPECT_ERROR(store.provision_identity(dev.request(kNull, 1), rng),
                   ErrorCode::kInvalidArgument);

  XTT_ASSERT_OK_AND_ASSIGN(auto all, store.list_identities(0, 0));
  EXPECT_TRUE(all.empty());
}

}  // namespace
}  // namespace xtt::store::test
