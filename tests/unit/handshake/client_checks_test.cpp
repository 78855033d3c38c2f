// Every check the client makes (§5.1, §3.7, §6.2): each failure gives its
// typed Error, leaves the 4-byte Error message to send and ends the engine.

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace xtt::handshake::test {
namespace {

using wire::SignatureKind;
using wire::SuiteSpec;

constexpr SuiteSpec kEcdsa = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
constexpr SuiteSpec kEd = SuiteSpec::kX25519LrswEd25519Aes256GcmBlake2b;

const Bytes kErrorMsg = {0x41, 0x00, 0x04, 0x01};

// Client and server up to the client's handling of message 2.
struct Flow {
  explicit Flow(IdentityClientConfig cfg, std::shared_ptr<ServerConfig> server_cfg = nullptr)
      : client(must(ClientHandshake::identity(std::move(cfg), crng))),
        server(server_cfg ? server_cfg : server_setup(CookieMode::kStateful).config, srng) {
    ci = must(client.start());
    sia = must(server.receive(ci, kNow)).send;
  }
  explicit Flow(SessionClientConfig cfg, std::shared_ptr<ServerConfig> server_cfg)
      : client(must(ClientHandshake::session(std::move(cfg), crng))), server(server_cfg, srng) {
    ci = must(client.start());
    sia = must(server.receive(ci, kNow)).send;
  }

  SeededRandom crng{"client checks: client"};
  SeededRandom srng{"client checks: server"};
  ClientHandshake client;
  ServerHandshake server;
  Bytes ci;
  Bytes sia;
};

void expect_client_failed(ClientHandshake& c, const Result<ClientOutput>& r, ErrorCode code) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, code) << r.error().to_string();
  EXPECT_EQ(c.state(), ClientState::kFailed);
  ASSERT_TRUE(c.error_message().has_value());
  EXPECT_EQ(*c.error_message(), kErrorMsg);
  // Terminal: anything more is refused and nothing new is sent.
  const auto again = c.receive(Bytes(70, 0), kNow);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kBadState);
}

std::shared_ptr<ServerConfig> config_with(ServerCredential cred) {
  auto cfg = server_setup(CookieMode::kStateful).config;
  cfg->credentials.clear();
  cfg->credentials.push_back(std::move(cred));
  return cfg;
}

ServerCredential credential_with_expiry(SignatureKind kind, std::string_view expiry8) {
  std::array<std::uint8_t, 24> reserved{};
  const std::string legacy = "XAPTUMSERVER0001";
  std::copy(legacy.begin(), legacy.end(), reserved.begin());
  std::copy(expiry8.begin(), expiry8.end(), reserved.begin() + 16);
  const ServerCredential& base =
      kind == SignatureKind::kEcdsaP256 ? pki().server_ecdsa : pki().server_ed;
  const SigningKey& root = kind == SignatureKind::kEcdsaP256 ? pki().root_ecdsa : pki().root_ed;
  const Bytes cert =
      must(make_server_certificate(root, pki().root_id, base.key.public_key, reserved));
  return must(ServerCredential::create(kind, cert, base.key.private_key.span()));
}

class ClientChecks : public testing::TestWithParam<SuiteSpec> {};

TEST_P(ClientChecks, BadServerSignature) {
  const auto kind = info(GetParam()).signature;
  ServerCredential cred =
      (kind == SignatureKind::kEcdsaP256 ? pki().server_ecdsa : pki().server_ed).clone();
  SeededRandom rng("other server key");
  cred.key = must(SigningKey::generate(kind, rng));  // signs with a key the cert does not carry
  Flow f(identity_config(GetParam()), config_with(std::move(cred)));
  expect_client_failed(f.client, f.client.receive(f.sia, kNow), ErrorCode::kBadSignature);
}

TEST_P(ClientChecks, UnknownRoot) {
  auto cfg = identity_config(GetParam());
  cfg.roots[0].root_id.bytes[0] ^= 1;
  Flow f(std::move(cfg));
  expect_client_failed(f.client, f.client.receive(f.sia, kNow), ErrorCode::kUnknownRoot);
}

TEST_P(ClientChecks, BadRootSignature) {
  auto cfg = identity_config(GetParam());
  SeededRandom rng("impostor root");
  cfg.roots[0].public_key = must(SigningKey::generate(cfg.roots[0].kind, rng)).public_key;
  Flow f(std::move(cfg));
  expect_client_failed(f.client, f.client.receive(f.sia, kNow), ErrorCode::kBadCertificate);
}

TEST_P(ClientChecks, CertificateExpiry) {
  const auto kind = info(GetParam()).signature;
  struct {
    std::string_view expiry;
    std::optional<ErrorCode> error;
  } cases[] = {
      {"20231113", ErrorCode::kExpiredCertificate},  // kNow is 2023-11-14
      {"20231114", std::nullopt},                    // valid through its last day
      {"20991231", std::nullopt},
      {"99991231", std::nullopt},
      {std::string_view("\0\0\0\0\0\0\0\0", 8), std::nullopt},
      {"2023AB01", ErrorCode::kBadCertificate},
      {"20230230", ErrorCode::kBadCertificate},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.expiry));
    Flow f(identity_config(GetParam()), config_with(credential_with_expiry(kind, c.expiry)));
    const auto r = f.client.receive(f.sia, kNow);
    if (c.error) {
      expect_client_failed(f.client, r, *c.error);
    } else {
      EXPECT_TRUE(r.has_value()) << r.error().to_string();
    }
  }
}

TEST_P(ClientChecks, FlippedBitsInServerInitAndAttest) {
  const std::size_t offsets[] = {6, 40, 167, 168, 300, 400};  // DH key, cookie (AD), sealed part
  for (std::size_t off : offsets) {
    SCOPED_TRACE(off);
    Flow f(identity_config(GetParam()));
    if (off >= f.sia.size()) {
      continue;
    }
    const auto r = f.client.receive(flip_bit(f.sia, off), kNow);
    expect_client_failed(f.client, r, ErrorCode::kBadTag);
  }
}

TEST_P(ClientChecks, LowOrderServerKey) {
  Flow f(identity_config(GetParam()));
  Bytes sia = f.sia;
  std::fill(sia.begin() + 6, sia.begin() + 38, 0);
  expect_client_failed(f.client, f.client.receive(sia, kNow), ErrorCode::kWeakKeyShare);
}

TEST_P(ClientChecks, MalformedServerInitAndAttest) {
  const std::size_t size = info(GetParam()).server_init_and_attest_size;
  struct {
    std::function<void(Bytes&)> edit;
    ErrorCode code;
  } cases[] = {
      {[](Bytes& m) { m[0] = 0x01; }, ErrorCode::kUnexpectedMessage},
      {[](Bytes& m) { m[0] = 0x07; }, ErrorCode::kUnknownType},
      {[](Bytes& m) { m[3] = 0x02; }, ErrorCode::kUnknownVersion},
      {[](Bytes& m) { store_be16(m.data() + 1, 0x03ff); }, ErrorCode::kTooLarge},
      {[&](Bytes& m) { store_be16(m.data() + 1, static_cast<std::uint16_t>(size + 1)); },
       ErrorCode::kBadLength},
      {[](Bytes& m) { m.pop_back(); }, ErrorCode::kTruncated},
      {[](Bytes& m) { m.push_back(0); }, ErrorCode::kTrailingBytes},
      {[](Bytes& m) { store_be16(m.data() + 4, 0x0009); }, ErrorCode::kUnknownSuite},
      {[](Bytes& m) { m.resize(3); }, ErrorCode::kTruncated},
  };
  for (auto& c : cases) {
    Flow f(identity_config(GetParam()));
    Bytes m = f.sia;
    c.edit(m);
    expect_client_failed(f.client, f.client.receive(m, kNow), c.code);
  }
}

TEST_P(ClientChecks, ServerInitAndAttestForAnotherSuite) {
  // A same-sized suite of the same family: decodes, but is not the one sent.
  const SuiteSpec other = info(GetParam()).signature == SignatureKind::kEcdsaP256
                              ? SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b
                              : SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Sha512;
  Flow f(identity_config(GetParam()));
  Bytes m = f.sia;
  store_be16(m.data() + 4, static_cast<std::uint16_t>(other));
  if (other != GetParam()) {
    expect_client_failed(f.client, f.client.receive(m, kNow), ErrorCode::kUnknownSuite);
  }
}

TEST_P(ClientChecks, ReceivedErrorMessage) {
  Flow f(identity_config(GetParam()));
  const auto r = f.client.receive(kErrorMsg, kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kPeerError);
  EXPECT_EQ(f.client.state(), ClientState::kFailed);
  EXPECT_FALSE(f.client.error_message().has_value());  // nothing is sent back
}

TEST_P(ClientChecks, IdentityServerFinished) {
  Directory dir;
  auto cfg = identity_config(GetParam());
  cfg.requested_client_id.bytes.fill(0x11);
  struct {
    std::function<Bytes(Flow&, ByteSpan)> edit;
    ErrorCode code;
  } cases[] = {
      // A flipped bit: tag.
      {[](Flow&, ByteSpan m) { return flip_bit(m, 30); }, ErrorCode::kBadTag},
      {[](Flow&, ByteSpan m) { return flip_bit(m, 4); }, ErrorCode::kUnknownSuite},
      // Another ClientID than requested, or another key echoed: BAD_FINISH.
      {[](Flow& f, ByteSpan m) {
         auto v = client_view("client checks: client", f.ci, f.sia);
         return reseal_finished(v, m, [](Bytes& p) { p[0] ^= 1; });
       },
       ErrorCode::kBadFinish},
      {[](Flow& f, ByteSpan m) {
         auto v = client_view("client checks: client", f.ci, f.sia);
         return reseal_finished(v, m, [](Bytes& p) { p[20] ^= 1; });
       },
       ErrorCode::kBadFinish},
      // The wrong message for the state.
      {[](Flow& f, ByteSpan) { return f.sia; }, ErrorCode::kUnexpectedMessage},
  };
  for (auto& c : cases) {
    Flow f(IdentityClientConfig{cfg.suite, cfg.roots, cfg.daa, cfg.requested_client_id, {}});
    const Bytes ca = must(f.client.receive(f.sia, kNow)).send;
    const Bytes fin = must(dir.drive(f.server, f.server.receive(ca, kNow))).send;
    ASSERT_EQ(fin.size(), info(GetParam()).identity_server_finished_size);
    const Bytes bad = c.edit(f, fin);
    expect_client_failed(f.client, f.client.receive(bad, kNow), c.code);
  }
  // The server assigning another ID than the non-zero request.
  dir.force_id = wire::ClientId{};
  dir.force_id->bytes.fill(0x22);
  Flow f(IdentityClientConfig{cfg.suite, cfg.roots, cfg.daa, cfg.requested_client_id, {}});
  const Bytes ca = must(f.client.receive(f.sia, kNow)).send;
  const Bytes fin = must(dir.drive(f.server, f.server.receive(ca, kNow))).send;
  expect_client_failed(f.client, f.client.receive(fin, kNow), ErrorCode::kBadFinish);
}

TEST_P(ClientChecks, SessionServerFinished) {
  Directory dir;
  auto setup = server_setup(CookieMode::kStateful);
  const SessionClientConfig base = provision(GetParam(), dir, setup);
  auto copy = [&] {
    SessionClientConfig c;
    c.suite = base.suite;
    c.roots = base.roots;
    c.client_id = base.client_id;
    c.longterm_key = base.longterm_key.clone();
    c.longterm_secret = base.longterm_secret.clone();
    return c;
  };
  struct {
    std::function<void(Bytes&)> field_edit;  // re-sealed
    std::size_t flip;                        // or a raw bit flip (0: none)
    ErrorCode code;
  } cases[] = {
      {[](Bytes& p) { p[0] ^= 1; }, 0, ErrorCode::kBadFinish},   // client_id
      {[](Bytes& p) { p[16] ^= 1; }, 0, ErrorCode::kBadFinish},  // session_id
      {nullptr, 40, ErrorCode::kBadTag},
  };
  for (auto& c : cases) {
    dir.sessions.clear();  // each flow replays the same draws, so the same session_id
    Flow f(copy(), setup.config);
    const Bytes ca = must(f.client.receive(f.sia, kNow)).send;
    const Bytes fin = must(dir.drive(f.server, f.server.receive(ca, kNow))).send;
    ASSERT_EQ(fin.size(), 54u);
    Bytes bad;
    if (c.field_edit) {
      auto v = client_view("client checks: client", f.ci, f.sia);
      bad = reseal_finished(v, fin, c.field_edit);
    } else {
      bad = flip_bit(fin, c.flip);
    }
    expect_client_failed(f.client, f.client.receive(bad, kNow), c.code);
  }
  // A message of the wrong kind where 0x23 is due.
  dir.sessions.clear();
  Flow f(copy(), setup.config);
  const Bytes ca = must(f.client.receive(f.sia, kNow)).send;
  (void)must(dir.drive(f.server, f.server.receive(ca, kNow)));
  // A 54-byte message typed 0x13 fails the header's length rule first.
  Bytes wrong = f.sia;
  expect_client_failed(f.client, f.client.receive(wrong, kNow), ErrorCode::kUnexpectedMessage);
}

INSTANTIATE_TEST_SUITE_P(Families, ClientChecks, testing::Values(kEcdsa, kEd),
                         [](const auto& p) { return "suite" + std::to_string(int(p.param)); });

TEST(ClientConfig, RefusesUnusableConfigurations) {
  SeededRandom rng("config");
  auto one_shot = identity_config(kEcdsa);
  one_shot.payload = ClientPayload{1, {1}, true};
  one_shot.requested_client_id.bytes[3] = 1;
  EXPECT_EQ(ClientHandshake::identity(std::move(one_shot), rng).error().code,
            ErrorCode::kInvalidArgument);
  auto wrong_root = identity_config(kEcdsa);
  wrong_root.roots = {pki().trusted_ed};
  EXPECT_EQ(ClientHandshake::identity(std::move(wrong_root), rng).error().code,
            ErrorCode::kInvalidArgument);
  auto no_daa = identity_config(kEcdsa);
  no_daa.daa.credential.reset();
  EXPECT_EQ(ClientHandshake::identity(std::move(no_daa), rng).error().code,
            ErrorCode::kInvalidArgument);
  auto huge = identity_config(kEcdsa);
  huge.payload = ClientPayload{1, Bytes(65000), false};
  EXPECT_EQ(ClientHandshake::identity(std::move(huge), rng).error().code,
            ErrorCode::kInvalidArgument);
  SessionClientConfig session;
  session.suite = kEcdsa;
  session.roots = {pki().trusted_ecdsa};
  session.longterm_key = pki().root_ed.clone();  // Ed25519 key, ECDSA suite
  EXPECT_EQ(ClientHandshake::session(std::move(session), rng).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(ClientState, StartTwiceAndReceiveBeforeStart) {
  SeededRandom rng("state");
  auto c = must(ClientHandshake::identity(identity_config(kEcdsa), rng));
  const auto early = c.receive(Bytes(417, 0), kNow);
  EXPECT_EQ(early.error().code, ErrorCode::kBadState);
  auto c2 = must(ClientHandshake::identity(identity_config(kEcdsa), rng));
  EXPECT_TRUE(c2.start().has_value());
  EXPECT_EQ(c2.start().error().code, ErrorCode::kBadState);
  EXPECT_EQ(c2.state(), ClientState::kFailed);
}

}  // namespace
}  // namespace xtt::handshake::test
