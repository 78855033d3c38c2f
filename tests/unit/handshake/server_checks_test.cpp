// Every check the server makes (§5.2, §6.2, §6.3, §6.5, §6.8): each failure
// gives its typed Error, leaves the 4-byte Error message to send (unless the
// peer sent one) and ends the engine.

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace xtt::handshake::test {
namespace {

using wire::SignatureKind;
using wire::SuiteSpec;

constexpr SuiteSpec kEcdsa = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
constexpr SuiteSpec kEd = SuiteSpec::kX25519LrswEd25519Aes256GcmBlake2b;
constexpr SuiteSpec kFullEcdsa = SuiteSpec::kX25519LrswEcdsaP256NullBlake2b;
const Bytes kErrorMsg = {0x41, 0x00, 0x04, 0x01};
const std::string kClientSeed = "server checks: client";

void expect_server_failed(ServerHandshake& s, const Result<ServerOutput>& r, ErrorCode code) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, code) << r.error().to_string();
  EXPECT_EQ(s.state(), ServerState::kFailed);
  ASSERT_TRUE(s.error_message().has_value());
  EXPECT_EQ(*s.error_message(), kErrorMsg);
  EXPECT_EQ(s.result(), nullptr);
  const auto again = s.receive(Bytes(70, 0), kNow);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kBadState);
}

// A client and a server up to message 3, which the test then hands over.
struct Flow {
  Flow(SuiteSpec s, std::shared_ptr<ServerConfig> cfg, std::optional<ClientPayload> payload = {},
       std::optional<SessionClientConfig> session = {})
      : server(cfg, srng) {
    if (session) {
      session->payload = payload;
      client.emplace(must(ClientHandshake::session(std::move(*session), crng)));
    } else {
      auto ic = identity_config(s);
      ic.payload = payload;
      client.emplace(must(ClientHandshake::identity(std::move(ic), crng)));
    }
    ci = must(client->start());
    sia = must(server.receive(ci, kNow)).send;
    ca = must(client->receive(sia, kNow)).send;
  }
  Bytes reseal(const std::function<void(Bytes&)>& mutate) {
    auto v = client_view(kClientSeed, ci, sia);
    return reseal_attest(v, ca, mutate);
  }

  SeededRandom crng{kClientSeed};
  SeededRandom srng{"server checks: server"};
  std::optional<ClientHandshake> client;
  ServerHandshake server;
  Bytes ci, sia, ca;
};

std::shared_ptr<ServerConfig> stateful(bool allow_null = true) {
  return server_setup(CookieMode::kStateful, allow_null).config;
}

class ServerChecks : public testing::TestWithParam<SuiteSpec> {
 protected:
  std::size_t pub_size() const { return info(GetParam()).signature_public_key_size; }
  Directory dir_;
};

TEST_P(ServerChecks, BadDaaSignatureUnderAnotherGroupKey) {
  Flow f(GetParam(), stateful());
  dir_.group_key = pki().foreign_group_key;
  expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(f.ca, kNow)),
                       ErrorCode::kBadSignature);
}

TEST_P(ServerChecks, TamperedDaaSignature) {
  Flow f(GetParam(), stateful());
  // Byte 40 of the DAA signature lies in s; the ClientAttest AEAD is intact.
  const std::size_t daa = pub_size() + 32 + 16 + 64;
  const Bytes ca = f.reseal([&](Bytes& p) { p[daa + 40] ^= 1; });
  expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(ca, kNow)),
                       ErrorCode::kBadSignature);
}

TEST_P(ServerChecks, BadLongtermSignature) {
  Flow f(GetParam(), stateful());
  const std::size_t sig = pub_size() + 32 + 16;
  const Bytes ca = f.reseal([&](Bytes& p) { p[sig + 5] ^= 1; });
  expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(ca, kNow)),
                       ErrorCode::kBadSignature);
}

TEST_P(ServerChecks, UnknownGroup) {
  Flow f(GetParam(), stateful());
  dir_.know_group = false;
  auto r = f.server.receive(f.ca, kNow);
  ASSERT_TRUE(r.has_value());
  ASSERT_NE(f.server.group_lookup(), nullptr);
  EXPECT_EQ(f.server.group_lookup()->gid, pki().gid);
  expect_server_failed(f.server, dir_.drive(f.server, std::move(r)), ErrorCode::kUnknownGroup);
}

TEST_P(ServerChecks, RevokedBySecretKey) {
  Flow f(GetParam(), stateful());
  dir_.revoked.secret_keys.push_back(pki().member.secret->scalar());
  expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(f.ca, kNow)),
                       ErrorCode::kRevoked);
}

TEST_P(ServerChecks, RevokedByPseudonym) {
  Flow f(GetParam(), stateful());
  auto r = f.server.receive(f.ca, kNow);
  ASSERT_NE(f.server.group_lookup(), nullptr);
  daa::G1Bytes k{};
  const auto& pseudonym = f.server.group_lookup()->pseudonym.bytes;
  std::copy(pseudonym.begin(), pseudonym.end(), k.begin());
  dir_.revoked.pseudonyms.push_back(k);
  expect_server_failed(f.server, dir_.drive(f.server, std::move(r)), ErrorCode::kRevoked);
}

TEST_P(ServerChecks, OtherMemberIsNotRevokedByThisPseudonym) {
  Flow f(GetParam(), stateful());
  dir_.revoked.secret_keys.push_back(pki().other_member.secret->scalar());
  EXPECT_TRUE(dir_.drive(f.server, f.server.receive(f.ca, kNow)).has_value());
  EXPECT_EQ(f.server.state(), ServerState::kDone);
}

TEST_P(ServerChecks, FlippedBitsInClientAttest) {
  const std::size_t ca1 = info(GetParam()).identity_client_attest_size;
  struct {
    std::size_t offset;
    ErrorCode code;
  } cases[] = {
      {4, ErrorCode::kUnknownSuite},  // another suite than the ClientInit's (same sizes)
      {10, ErrorCode::kBadCookie},    // the cookie echo
      {140, ErrorCode::kBadTag},      // first AEAD part
      {ca1 - 1, ErrorCode::kBadTag},  // its tag
      {ca1 + 3, ErrorCode::kBadTag},  // payload block
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.offset);
    Flow f(GetParam(), stateful(), ClientPayload{1, Bytes(20, 7), false});
    Bytes ca = flip_bit(f.ca, c.offset);
    if (c.offset == 4) {
      ca[4] = f.ca[4];
      ca[5] = static_cast<std::uint8_t>(f.ca[5] ^ 0x03);  // 1 <-> 2, 0x11 <-> 0x12 ...
    }
    expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(ca, kNow)), c.code);
  }
}

TEST_P(ServerChecks, OneShotMustNotRequestAnId) {
  Flow f(GetParam(), stateful(), ClientPayload{1, Bytes{1}, true});
  const std::size_t id = pub_size() + 32;
  const Bytes ca = f.reseal([&](Bytes& p) { p[id] = 1; });
  expect_server_failed(f.server, f.server.receive(ca, kNow), ErrorCode::kIdentityRejected);
}

TEST_P(ServerChecks, ProvisioningRefusedByTheCaller) {
  Flow f(GetParam(), stateful());
  auto r = f.server.receive(f.ca, kNow);
  r = f.server.resume_group(group_info());
  ASSERT_TRUE(r.has_value());
  ASSERT_NE(f.server.provision_identity(), nullptr);
  const auto out = f.server.resume_provision(make_error(ErrorCode::kStorageFailure, "disk full"));
  expect_server_failed(f.server, out, ErrorCode::kStorageFailure);
}

TEST_P(ServerChecks, CallerRefusesAtAPause) {
  {  // e.g. the §6.8 DAA budget is spent: no pairing runs, the Error goes out
    Flow f(GetParam(), stateful());
    ASSERT_TRUE(f.server.receive(f.ca, kNow).has_value());
    ASSERT_EQ(f.server.state(), ServerState::kAwaitGroup);
    expect_server_failed(f.server, f.server.refuse(make_error(ErrorCode::kRateLimited, "budget")),
                         ErrorCode::kRateLimited);
  }
  {  // outside a pause it is a usage error
    Flow f(GetParam(), stateful());
    expect_server_failed(f.server, f.server.refuse(make_error(ErrorCode::kRateLimited, "budget")),
                         ErrorCode::kBadState);
  }
}

TEST_P(ServerChecks, SessionLookupAndSignature) {
  auto setup = server_setup(CookieMode::kStateful);
  const SessionClientConfig base = provision(GetParam(), dir_, setup);
  auto copy = [&] {
    SessionClientConfig c;
    c.suite = base.suite;
    c.roots = base.roots;
    c.client_id = base.client_id;
    c.longterm_key = base.longterm_key.clone();
    c.longterm_secret = base.longterm_secret.clone();
    return c;
  };
  {  // unknown ClientID (after a dummy verification)
    Flow f(GetParam(), setup.config, {}, copy());
    Directory empty;
    expect_server_failed(f.server, empty.drive(f.server, f.server.receive(f.ca, kNow)),
                         ErrorCode::kUnknownClient);
  }
  {  // revoked ClientID
    Flow f(GetParam(), setup.config, {}, copy());
    dir_.clients[base.client_id].revoked = true;
    expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(f.ca, kNow)),
                         ErrorCode::kRevoked);
    dir_.clients[base.client_id].revoked = false;
  }
  {  // stored key of the other family
    Flow f(GetParam(), setup.config, {}, copy());
    auto& rec = dir_.clients[base.client_id];
    const auto kind = rec.signature_kind;
    rec.signature_kind =
        kind == SignatureKind::kEcdsaP256 ? SignatureKind::kEd25519 : SignatureKind::kEcdsaP256;
    expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(f.ca, kNow)),
                         ErrorCode::kSuiteNotAllowed);
    rec.signature_kind = kind;
  }
  {  // bad session signature
    Flow f(GetParam(), setup.config, {}, copy());
    const Bytes ca = f.reseal([](Bytes& p) { p[16 + 7] ^= 1; });
    expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(ca, kNow)),
                         ErrorCode::kBadSignature);
  }
  {  // a ClientID changed in flight: not provisioned
    Flow f(GetParam(), setup.config, {}, copy());
    const Bytes ca = f.reseal([](Bytes& p) { p[0] ^= 1; });
    expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(ca, kNow)),
                         ErrorCode::kUnknownClient);
  }
  {  // longterm_secret mismatch: 0x22's block does not open under the server's keys
    Flow f(GetParam(), setup.config, ClientPayload{1, Bytes(5, 1), false}, copy());
    dir_.clients[base.client_id].longterm_secret.span()[0] ^= 1;
    expect_server_failed(f.server, dir_.drive(f.server, f.server.receive(f.ca, kNow)),
                         ErrorCode::kBadTag);
    dir_.clients[base.client_id].longterm_secret.span()[0] ^= 1;
  }
  {  // session_id collision refused by the caller
    dir_.sessions.clear();
    Flow f(GetParam(), setup.config, {}, copy());
    auto r = f.server.receive(f.ca, kNow);
    r = dir_.drive(f.server, std::move(r));
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    dir_.sessions.clear();
    Flow g(GetParam(), setup.config, {}, copy());  // same draws: same session_id
    dir_.sessions.push_back(f.server.result()->session->session_id);
    expect_server_failed(g.server, dir_.drive(g.server, g.server.receive(g.ca, kNow)),
                         ErrorCode::kConflict);
  }
}

INSTANTIATE_TEST_SUITE_P(Families, ServerChecks, testing::Values(kEcdsa, kEd, kFullEcdsa),
                         [](const auto& p) { return "suite" + std::to_string(int(p.param)); });

TEST(ServerSuites, NullSuitesRefusedByDefault) {
  SeededRandom rng("null refused");
  for (SuiteSpec s :
       {SuiteSpec::kX25519LrswEcdsaP256NullSha512, SuiteSpec::kX25519LrswEd25519NullBlake2b}) {
    auto client = must(ClientHandshake::identity(identity_config(s), rng));
    ServerHandshake server(stateful(false), rng);
    const Bytes ci = must(client.start());
    const auto r = server.receive(ci, kNow);
    expect_server_failed(server, r, ErrorCode::kSuiteNotAllowed);
    // The client then gets the Error and sends nothing back.
    const auto c = client.receive(*server.error_message(), kNow);
    EXPECT_EQ(c.error().code, ErrorCode::kPeerError);
    EXPECT_FALSE(client.error_message().has_value());
  }
}

TEST(ServerSuites, SuiteOutsideTheAllowedList) {
  SeededRandom rng("not allowed");
  auto cfg = stateful();
  cfg->suites = {kEcdsa};
  auto client = must(ClientHandshake::identity(identity_config(kEd), rng));
  ServerHandshake server(cfg, rng);
  expect_server_failed(server, server.receive(must(client.start()), kNow),
                       ErrorCode::kSuiteNotAllowed);
  // No certificate of the family: refused the same way.
  auto only_ecdsa = stateful();
  only_ecdsa->credentials.pop_back();
  auto client2 = must(ClientHandshake::identity(identity_config(kEd), rng));
  ServerHandshake server2(only_ecdsa, rng);
  expect_server_failed(server2, server2.receive(must(client2.start()), kNow),
                       ErrorCode::kSuiteNotAllowed);
}

TEST(ServerMessages, MalformedClientInit) {
  SeededRandom rng("malformed ci");
  auto client = must(ClientHandshake::identity(identity_config(kEcdsa), rng));
  const Bytes ci = must(client.start());
  struct {
    std::function<void(Bytes&)> edit;
    ErrorCode code;
  } cases[] = {
      {[](Bytes& m) { m[0] = 0x11; }, ErrorCode::kBadLength},  // 0x11 needs >= 717 bytes
      {[](Bytes& m) { m[0] = 0x02; }, ErrorCode::kBadLength},
      {[](Bytes& m) {
         m[0] = 0x23;
         store_be16(m.data() + 1, 54);
         m.resize(54);
       },
       ErrorCode::kUnexpectedMessage},
      {[](Bytes& m) { m[0] = 0x99; }, ErrorCode::kUnknownType},
      {[](Bytes& m) { m[3] = 0x00; }, ErrorCode::kUnknownVersion},
      {[](Bytes& m) { store_be16(m.data() + 4, 0x0007); }, ErrorCode::kUnknownSuite},
      {[](Bytes& m) { store_be16(m.data() + 1, 71); }, ErrorCode::kBadLength},
      {[](Bytes& m) { store_be16(m.data() + 1, 751); }, ErrorCode::kTooLarge},
      {[](Bytes& m) { m.pop_back(); }, ErrorCode::kTruncated},
      {[](Bytes& m) { m.push_back(1); }, ErrorCode::kTrailingBytes},
      {[](Bytes& m) { m.clear(); }, ErrorCode::kTruncated},
      {[](Bytes& m) { std::fill(m.begin() + 38, m.end(), 0); }, ErrorCode::kWeakKeyShare},
  };
  for (auto& c : cases) {
    Bytes m = ci;
    c.edit(m);
    ServerHandshake server(stateful(), rng);
    expect_server_failed(server, server.receive(m, kNow), c.code);
  }
}

TEST(ServerMessages, WrongStateAndPeerError) {
  SeededRandom rng("wrong state");
  {  // a stateful server does not take a message 3 first
    Flow f(kEcdsa, stateful());
    ServerHandshake fresh(stateful(), rng);
    expect_server_failed(fresh, fresh.receive(f.ca, kNow), ErrorCode::kUnexpectedMessage);
  }
  {  // a second ClientInit
    Flow f(kEcdsa, stateful());
    expect_server_failed(f.server, f.server.receive(f.ci, kNow), ErrorCode::kUnexpectedMessage);
  }
  {  // input while paused, and a resume that does not match the pause
    Flow f(kEcdsa, stateful());
    ASSERT_TRUE(f.server.receive(f.ca, kNow).has_value());
    EXPECT_EQ(f.server.state(), ServerState::kAwaitGroup);
    expect_server_failed(f.server, f.server.resume_register(ok()), ErrorCode::kBadState);
  }
  {
    Flow f(kEcdsa, stateful());
    ASSERT_TRUE(f.server.receive(f.ca, kNow).has_value());
    expect_server_failed(f.server, f.server.receive(f.ca, kNow), ErrorCode::kBadState);
  }
  {  // after Done
    Flow f(kEcdsa, stateful());
    Directory dir;
    ASSERT_TRUE(dir.drive(f.server, f.server.receive(f.ca, kNow)).has_value());
    ASSERT_EQ(f.server.state(), ServerState::kDone);
    const auto r = f.server.receive(f.ca, kNow);
    EXPECT_EQ(r.error().code, ErrorCode::kBadState);
    EXPECT_EQ(f.server.state(), ServerState::kDone);  // the result stays
    EXPECT_NE(f.server.result(), nullptr);
    EXPECT_FALSE(f.server.error_message().has_value());
  }
  {  // the peer's Error, at the start and after message 2
    ServerHandshake s1(stateful(), rng);
    const auto r1 = s1.receive(kErrorMsg, kNow);
    EXPECT_EQ(r1.error().code, ErrorCode::kPeerError);
    EXPECT_FALSE(s1.error_message().has_value());
    Flow f(kEcdsa, stateful());
    const auto r2 = f.server.receive(kErrorMsg, kNow);
    EXPECT_EQ(r2.error().code, ErrorCode::kPeerError);
    EXPECT_EQ(f.server.state(), ServerState::kFailed);
    EXPECT_FALSE(f.server.error_message().has_value());
  }
}

TEST(ServerMessages, MalformedClientAttest) {
  struct {
    std::function<void(Bytes&)> edit;
    ErrorCode code;
  } cases[] = {
      {[](Bytes& m) { m.pop_back(); }, ErrorCode::kTruncated},
      {[](Bytes& m) { m.push_back(0); }, ErrorCode::kTrailingBytes},
      {[](Bytes& m) { store_be16(m.data() + 1, 749); }, ErrorCode::kBadLength},
      {[](Bytes& m) { store_be16(m.data() + 1, 800); }, ErrorCode::kTooLarge},
      {[](Bytes& m) { m[3] = 2; }, ErrorCode::kUnknownVersion},
      {[](Bytes& m) { m[0] = 0x21; }, ErrorCode::kBadLength},  // 0x21 is 232 bytes
      {[](Bytes& m) { m[0] = 0x12; }, ErrorCode::kBadLength},  // 0x12 needs a payload block
  };
  for (auto& c : cases) {
    Flow f(kEcdsa, stateful());
    Bytes m = f.ca;
    c.edit(m);
    expect_server_failed(f.server, f.server.receive(m, kNow), c.code);
  }
}

}  // namespace
}  // namespace xtt::handshake::test
