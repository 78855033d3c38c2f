// Our client against our server on every suite, in both cookie modes: the
// identity handshake (0x11, 0x12 with early data, one-shot 0x15) and the
// session handshake (0x21, 0x22 with early data, one-shot 0x25). Both sides
// must agree on every derived value.

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace xtt::handshake::test {
namespace {

using wire::SuiteSpec;

struct Case {
  SuiteSpec suite;
  CookieMode mode;
};

std::string case_name(const testing::TestParamInfo<Case>& p) {
  return "suite" + std::to_string(static_cast<int>(p.param.suite)) +
         (p.param.mode == CookieMode::kStateful ? "_stateful" : "_stateless");
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (SuiteSpec s : all_suites()) {
    out.push_back({s, CookieMode::kStateful});
    out.push_back({s, CookieMode::kStateless});
  }
  return out;
}

void expect_same_keys(const record::SessionKeys& a, const record::SessionKeys& b) {
  EXPECT_EQ(a.suite, b.suite);
  EXPECT_EQ(a.session_id, b.session_id);
  EXPECT_TRUE(std::equal(a.client_key.span().begin(), a.client_key.span().end(),
                         b.client_key.span().begin()));
  EXPECT_TRUE(
      std::equal(a.client_iv.span().begin(), a.client_iv.span().end(), b.client_iv.span().begin()));
  EXPECT_TRUE(std::equal(a.server_key.span().begin(), a.server_key.span().end(),
                         b.server_key.span().begin()));
  EXPECT_TRUE(
      std::equal(a.server_iv.span().begin(), a.server_iv.span().end(), b.server_iv.span().begin()));
  EXPECT_FALSE(std::equal(a.client_key.span().begin(), a.client_key.span().end(),
                          a.server_key.span().begin()));
}

void expect_ok(const Exchange& r) {
  EXPECT_FALSE(r.client_error.has_value()) << r.client_error->to_string();
  EXPECT_FALSE(r.server_error.has_value()) << r.server_error->to_string();
  ASSERT_TRUE(r.client.has_value());
  ASSERT_TRUE(r.server.has_value());
}

class Interop : public testing::TestWithParam<Case> {
 protected:
  void SetUp() override { setup_ = server_setup(GetParam().mode); }
  ServerHandshake server() { return ServerHandshake(setup_.config, rng_); }

  SeededRandom rng_{"interop"};
  ServerSetup setup_;
  Directory dir_;
};

TEST_P(Interop, IdentityHandshake) {
  const SuiteSpec s = GetParam().suite;
  const auto si = info(s);
  auto srv = server();
  const Exchange r = exchange(must(ClientHandshake::identity(identity_config(s), rng_)), srv, dir_);
  expect_ok(r);
  ASSERT_EQ(r.messages.size(), 4u);
  EXPECT_EQ(r.messages[0].size(), 70u);
  EXPECT_EQ(r.messages[1].size(), si.server_init_and_attest_size);
  EXPECT_EQ(r.messages[2].size(), si.identity_client_attest_size);
  EXPECT_EQ(r.messages[3].size(), si.identity_server_finished_size);
  EXPECT_EQ(r.client->kind, HandshakeKind::kIdentity);
  EXPECT_EQ(r.client->client_id, *r.server->client_id);
  EXPECT_FALSE(r.client->client_id.is_zero());
  EXPECT_EQ(r.client->longterm_key->public_key, r.server->client_longterm_pub);
  EXPECT_EQ(*r.client->pseudonym, *r.server->pseudonym);
  EXPECT_EQ(*r.server->gid, pki().gid);
  EXPECT_TRUE(std::equal(r.client->longterm_secret->span().begin(),
                         r.client->longterm_secret->span().end(),
                         r.server->longterm_secret->span().begin()));
  expect_same_keys(*r.client->session, *r.server->session);
  EXPECT_TRUE(r.server->session_confirmed);
  EXPECT_EQ(r.client->root_id, pki().root_id);
  EXPECT_EQ(dir_.clients.size(), 1u);
}

TEST_P(Interop, IdentityWithRequestedIdAndEarlyData) {
  const SuiteSpec s = GetParam().suite;
  auto cfg = identity_config(s);
  cfg.requested_client_id.bytes.fill(0x42);
  cfg.payload = ClientPayload{0x02, Bytes(300, 0x5a), false};
  auto srv = server();
  const Exchange r = exchange(must(ClientHandshake::identity(std::move(cfg), rng_)), srv, dir_);
  expect_ok(r);
  EXPECT_EQ(r.messages[2][0], 0x12);
  EXPECT_EQ(r.messages[2].size(), info(s).identity_client_attest_size + 1 + 300 + 16);
  EXPECT_EQ(r.client->client_id.bytes[0], 0x42);
  EXPECT_EQ(*r.server->client_id, r.client->client_id);
  ASSERT_TRUE(r.server->payload.has_value());
  EXPECT_EQ(r.server->payload->payload_type, 0x02);
  EXPECT_EQ(Bytes(r.server->payload->data.span().begin(), r.server->payload->data.span().end()),
            Bytes(300, 0x5a));
  expect_same_keys(*r.client->session, *r.server->session);
  EXPECT_TRUE(r.server->session_confirmed);
}

TEST_P(Interop, IdentityOneShot) {
  const SuiteSpec s = GetParam().suite;
  auto cfg = identity_config(s);
  cfg.payload = ClientPayload{0x01, Bytes{1, 2, 3}, true};
  auto srv = server();
  const Exchange r = exchange(must(ClientHandshake::identity(std::move(cfg), rng_)), srv, dir_);
  expect_ok(r);
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[2][0], 0x15);
  EXPECT_EQ(r.client->kind, HandshakeKind::kIdentityOneShot);
  EXPECT_EQ(r.server->kind, HandshakeKind::kIdentityOneShot);
  EXPECT_FALSE(r.server->client_id.has_value());
  EXPECT_FALSE(r.server->session.has_value());
  EXPECT_FALSE(r.client->session.has_value());
  EXPECT_EQ(*r.client->pseudonym, *r.server->pseudonym);
  ASSERT_TRUE(r.server->payload.has_value());
  EXPECT_EQ(r.server->payload->data.size(), 3u);
  EXPECT_TRUE(dir_.clients.empty());  // nothing provisioned
}

TEST_P(Interop, SessionHandshake) {
  const SuiteSpec s = GetParam().suite;
  SessionClientConfig cfg = provision(s, dir_, setup_);
  const wire::ClientId id = cfg.client_id;
  auto srv = server();
  const Exchange r = exchange(must(ClientHandshake::session(std::move(cfg), rng_)), srv, dir_);
  expect_ok(r);
  ASSERT_EQ(r.messages.size(), 4u);
  EXPECT_EQ(r.messages[1].size(), info(s).server_init_and_attest_size);
  EXPECT_EQ(r.messages[2].size(), 232u);
  EXPECT_EQ(r.messages[3].size(), 54u);
  EXPECT_EQ(r.client->kind, HandshakeKind::kSession);
  EXPECT_EQ(r.client->client_id, id);
  EXPECT_EQ(*r.server->client_id, id);
  expect_same_keys(*r.client->session, *r.server->session);
  // 0x21 proves Z and the signing key, not longterm_secret (§6.2).
  EXPECT_FALSE(r.server->session_confirmed);
  EXPECT_EQ(dir_.sessions.size(), 2u);
}

TEST_P(Interop, SessionWithEarlyData) {
  const SuiteSpec s = GetParam().suite;
  SessionClientConfig cfg = provision(s, dir_, setup_);
  cfg.payload = ClientPayload{0x01, Bytes(1000, 0x33), false};
  auto srv = server();
  const Exchange r = exchange(must(ClientHandshake::session(std::move(cfg), rng_)), srv, dir_);
  expect_ok(r);
  EXPECT_EQ(r.messages[2][0], 0x22);
  EXPECT_EQ(r.messages[2].size(), 249u + 1000u);
  expect_same_keys(*r.client->session, *r.server->session);
  EXPECT_TRUE(r.server->session_confirmed);
  ASSERT_TRUE(r.server->payload.has_value());
  EXPECT_EQ(r.server->payload->data.size(), 1000u);
}

TEST_P(Interop, SessionOneShot) {
  const SuiteSpec s = GetParam().suite;
  SessionClientConfig cfg = provision(s, dir_, setup_);
  cfg.payload = ClientPayload{0x02, Bytes(10, 0x77), true};
  auto srv = server();
  const Exchange r = exchange(must(ClientHandshake::session(std::move(cfg), rng_)), srv, dir_);
  expect_ok(r);
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[2][0], 0x25);
  EXPECT_EQ(r.server->kind, HandshakeKind::kSessionOneShot);
  EXPECT_FALSE(r.server->session.has_value());
  ASSERT_TRUE(r.server->payload.has_value());
  EXPECT_EQ(dir_.sessions.size(), 1u);  // only the identity handshake's
}

INSTANTIATE_TEST_SUITE_P(AllSuites, Interop, testing::ValuesIn(all_cases()), case_name);

TEST(InteropPayloads, UnknownTypeIsCountedNotDelivered) {
  SeededRandom rng("unknown payload");
  auto setup = server_setup(CookieMode::kStateful);
  Directory dir;
  auto cfg = identity_config(SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512);
  cfg.payload = ClientPayload{0x7f, Bytes{9, 9}, false};
  ServerHandshake srv(setup.config, rng);
  const Exchange r = exchange(must(ClientHandshake::identity(std::move(cfg), rng)), srv, dir);
  expect_ok(r);
  EXPECT_FALSE(r.server->payload.has_value());
  EXPECT_EQ(r.server->discarded_payloads, 1u);
}

TEST(InteropPayloads, EmptyPayloadConfirmsWithoutAnEvent) {
  SeededRandom rng("empty payload");
  auto setup = server_setup(CookieMode::kStateful);
  Directory dir;
  const SuiteSpec s = SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512;
  SessionClientConfig cfg = provision(s, dir, setup);
  cfg.payload = ClientPayload{0x01, {}, false};
  ServerHandshake srv(setup.config, rng);
  const Exchange r = exchange(must(ClientHandshake::session(std::move(cfg), rng)), srv, dir);
  expect_ok(r);
  EXPECT_EQ(r.messages[2].size(), 249u);
  EXPECT_TRUE(r.server->session_confirmed);
  EXPECT_FALSE(r.server->payload.has_value());
  EXPECT_EQ(r.server->discarded_payloads, 0u);
}

}  // namespace
}  // namespace xtt::handshake::test
