// The cookie-secret transfer between the nodes of a replay domain: what
// arrives is what was sent, only between holders of the domain key, once per
// transfer; every message is parsed strictly.

#include "handshake/cookie_sync.hpp"

#include <gtest/gtest.h>

#include "base/ct.hpp"
#include "fixture.hpp"

namespace xtt::handshake::test {
namespace {

using namespace cookie_sync;

DomainKey domain_key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> k{};
  k.fill(fill);
  return DomainKey(k);
}

std::vector<CookieEpochKey> secrets(std::size_t n) {
  std::vector<CookieEpochKey> out;
  for (std::size_t i = 0; i < n; ++i) {
    CookieEpochKey k;
    k.epoch = 28333333 + i;
    k.key_id = static_cast<std::uint8_t>(k.epoch % 256);
    std::fill(k.secret.span().begin(), k.secret.span().end(), static_cast<std::uint8_t>(0xa0 + i));
    out.push_back(std::move(k));
  }
  return out;
}

struct Transfer {
  Transfer(const DomainKey& pk, const DomainKey& rk, std::size_t n = 2)
      : pusher(must(Pusher::create(pk, prng, secrets(n)))),
        receiver(must(Receiver::create(rk, rrng))) {}
  SeededRandom prng{"sync pusher"};
  SeededRandom rrng{"sync receiver"};
  Pusher pusher;
  Receiver receiver;
};

TEST(CookieSync, RoundTrip) {
  const DomainKey key = domain_key(1);
  for (std::size_t n : {std::size_t{1}, std::size_t{3}, kMaxSecrets}) {
    SCOPED_TRACE(n);
    Transfer t(key, key, n);
    const Bytes& hello = t.pusher.hello();
    EXPECT_EQ(must(frame_length(hello)), hello.size());
    const Bytes reply = must(t.receiver.on_hello(hello));
    EXPECT_EQ(must(frame_length(reply)), reply.size());
    const Bytes msg3 = must(t.pusher.on_reply(reply));
    EXPECT_EQ(must(frame_length(msg3)), msg3.size());
    EXPECT_LE(msg3.size(), kMaxMessageSize);
    const auto got = must(t.receiver.on_secrets(msg3));
    const auto want = secrets(n);
    ASSERT_EQ(got.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(got[i].epoch, want[i].epoch);
      EXPECT_EQ(got[i].key_id, want[i].key_id);
      EXPECT_TRUE(ct::equal(got[i].secret.span(), want[i].secret.span()));
    }
    const Bytes ack = must(t.receiver.ack(n));
    EXPECT_EQ(must(t.pusher.on_ack(ack)), n);
    // No secret travels in the clear.
    const auto s = want[0].secret.span();
    EXPECT_EQ(std::search(msg3.begin(), msg3.end(), s.begin(), s.end()), msg3.end());
  }
}

TEST(CookieSync, WrongDomainKeyFailsBothWays) {
  {  // the receiver cannot open the secrets
    Transfer t(domain_key(1), domain_key(2));
    const Bytes msg3 = must(t.pusher.on_reply(must(t.receiver.on_hello(t.pusher.hello()))));
    EXPECT_EQ(t.receiver.on_secrets(msg3).error().code, ErrorCode::kBadTag);
    EXPECT_EQ(t.receiver.ack(0).error().code, ErrorCode::kBadState);
  }
  {  // a receiver without the key cannot forge an ack: build one with key 2
    Transfer t(domain_key(1), domain_key(1));
    Transfer other(domain_key(2), domain_key(2));
    const Bytes reply = must(t.receiver.on_hello(t.pusher.hello()));
    (void)must(t.pusher.on_reply(reply));
    const Bytes msg3 =
        must(other.pusher.on_reply(must(other.receiver.on_hello(other.pusher.hello()))));
    (void)must(other.receiver.on_secrets(msg3));
    EXPECT_EQ(t.pusher.on_ack(must(other.receiver.ack(2))).error().code, ErrorCode::kBadTag);
  }
}

TEST(CookieSync, EveryTamperedByteFails) {
  const DomainKey key = domain_key(3);
  Transfer ref(key, key);
  const Bytes hello = ref.pusher.hello();
  const Bytes reply = must(ref.receiver.on_hello(hello));
  const Bytes msg3 = must(ref.pusher.on_reply(reply));
  const Bytes ack = must(ref.receiver.ack(must(ref.receiver.on_secrets(msg3)).size()));
  // Hello (after its header and version): e_P or the nonce changes the
  // transcript, so the secrets no longer open.
  for (std::size_t i = kHeaderSize + 1; i < hello.size(); ++i) {
    Transfer t(key, key);
    Bytes h = t.pusher.hello();
    h[i] ^= 1;
    const Bytes r = must(t.receiver.on_hello(h));
    const Bytes m = must(t.pusher.on_reply(r));
    const auto got = t.receiver.on_secrets(m);
    ASSERT_FALSE(got.has_value()) << i;
    EXPECT_TRUE(got.error().code == ErrorCode::kBadTag ||
                got.error().code == ErrorCode::kWeakKeyShare)
        << i;
  }
  // Reply: e_R changed on the way, so the pusher seals under another key.
  for (std::size_t i = kHeaderSize + 1; i < reply.size(); ++i) {
    Transfer t(key, key);
    Bytes r = must(t.receiver.on_hello(t.pusher.hello()));
    r[i] ^= 1;
    const auto m = t.pusher.on_reply(r);
    if (m) {
      EXPECT_FALSE(t.receiver.on_secrets(*m).has_value()) << i;
    }
  }
  // Secrets and Ack: every byte, header included.
  for (std::size_t i = 0; i < msg3.size(); ++i) {
    Transfer t(key, key);
    (void)must(t.pusher.on_reply(must(t.receiver.on_hello(t.pusher.hello()))));
    Bytes m = msg3;
    m[i] ^= 1;
    EXPECT_FALSE(t.receiver.on_secrets(m).has_value()) << i;
  }
  for (std::size_t i = 0; i < ack.size(); ++i) {
    Transfer t(key, key);
    const Bytes m = must(t.pusher.on_reply(must(t.receiver.on_hello(t.pusher.hello()))));
    (void)must(t.receiver.on_secrets(m));
    Bytes a = must(t.receiver.ack(2));
    a[i] ^= 1;
    EXPECT_FALSE(t.pusher.on_ack(a).has_value()) << i;
  }
}

TEST(CookieSync, ReplayedSecretsIntoANewTransferFail) {
  const DomainKey key = domain_key(4);
  Transfer first(key, key);
  const Bytes msg3 =
      must(first.pusher.on_reply(must(first.receiver.on_hello(first.pusher.hello()))));
  ASSERT_TRUE(first.receiver.on_secrets(msg3).has_value());
  // The attacker replays the recorded hello and secrets to a fresh receiver
  // (new e_R): the keys differ.
  SeededRandom rng("another receiver");
  Receiver fresh = must(Receiver::create(key, rng));
  (void)must(fresh.on_hello(first.pusher.hello()));
  EXPECT_EQ(fresh.on_secrets(msg3).error().code, ErrorCode::kBadTag);
  // And the same receiver takes no second Secrets message.
  EXPECT_EQ(first.receiver.on_secrets(msg3).error().code, ErrorCode::kBadState);
}

TEST(CookieSync, FramingIsStrict) {
  const DomainKey key = domain_key(5);
  Transfer t(key, key);
  const Bytes hello = t.pusher.hello();
  EXPECT_EQ(frame_length(ByteSpan(hello).first(2)).error().code, ErrorCode::kTruncated);
  EXPECT_EQ(frame_length(Bytes{9, 0, 1}).error().code, ErrorCode::kUnknownType);
  EXPECT_EQ(frame_length(Bytes{0, 0, 0}).error().code, ErrorCode::kUnknownType);
  EXPECT_EQ(frame_length(Bytes{1, 0, 48}).error().code, ErrorCode::kBadLength);
  EXPECT_EQ(frame_length(Bytes{2, 0, 34}).error().code, ErrorCode::kBadLength);
  EXPECT_EQ(frame_length(Bytes{4, 0xff, 0xff}).error().code, ErrorCode::kBadLength);
  // Secrets: 1..8 whole entries of 40 bytes, plus count and tag.
  EXPECT_EQ(must(frame_length(Bytes{3, 0, 17 + 40})), 3u + 57);
  EXPECT_EQ(must(frame_length(Bytes{3, 0x01, 17 + 320 - 256})), kMaxMessageSize);
  EXPECT_EQ(frame_length(Bytes{3, 0, 17}).error().code, ErrorCode::kBadLength);       // none
  EXPECT_EQ(frame_length(Bytes{3, 0, 17 + 41}).error().code, ErrorCode::kBadLength);  // partial
  EXPECT_EQ(frame_length(Bytes{3, 0x01, 17 + 360 - 256}).error().code, ErrorCode::kBadLength);
  EXPECT_EQ(frame_length(Bytes{3, 0, 5}).error().code, ErrorCode::kBadLength);        // < tag
  EXPECT_EQ(frame_length(Bytes{3, 0xff, 0xff}).error().code, ErrorCode::kBadLength);  // oversized
  // Whole messages: truncated, trailing bytes, wrong type, wrong version.
  EXPECT_EQ(t.receiver.on_hello(ByteSpan(hello).first(hello.size() - 1)).error().code,
            ErrorCode::kTruncated);
  Transfer t2(key, key);
  Bytes longer = hello;
  longer.push_back(0);
  EXPECT_EQ(t2.receiver.on_hello(longer).error().code, ErrorCode::kTrailingBytes);
  Transfer t3(key, key);
  const Bytes reply = must(t3.receiver.on_hello(hello));
  EXPECT_EQ(t3.pusher.on_reply(hello).error().code, ErrorCode::kUnexpectedMessage);
  Transfer t4(key, key);
  Bytes v2 = hello;
  v2[kHeaderSize] = 2;
  EXPECT_EQ(t4.receiver.on_hello(v2).error().code, ErrorCode::kUnknownVersion);
  // A failed step ends the transfer.
  EXPECT_EQ(t4.receiver.on_hello(hello).error().code, ErrorCode::kBadState);
  EXPECT_EQ(t3.pusher.on_reply(reply).error().code, ErrorCode::kBadState);
}

TEST(CookieSync, PusherTakesOneToEightSecrets) {
  const DomainKey key = domain_key(6);
  SeededRandom rng("bounds");
  EXPECT_EQ(Pusher::create(key, rng, {}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Pusher::create(key, rng, secrets(kMaxSecrets + 1)).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(CookieSync, LowOrderEphemeralIsRefused) {
  const DomainKey key = domain_key(7);
  Transfer t(key, key);
  Bytes hello = t.pusher.hello();
  std::fill(hello.begin() + kHeaderSize + 1, hello.begin() + kHeaderSize + 33,
            0);  // the zero point
  const Bytes reply = must(t.receiver.on_hello(hello));
  const Bytes msg3 = must(t.pusher.on_reply(reply));
  EXPECT_EQ(t.receiver.on_secrets(msg3).error().code, ErrorCode::kWeakKeyShare);
  Transfer u(key, key);
  Bytes r = must(u.receiver.on_hello(u.pusher.hello()));
  std::fill(r.begin() + kHeaderSize + 1, r.end(), 0);
  EXPECT_EQ(u.pusher.on_reply(r).error().code, ErrorCode::kWeakKeyShare);
}

}  // namespace
}  // namespace xtt::handshake::test
