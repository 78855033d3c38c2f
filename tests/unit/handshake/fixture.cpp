#include "fixture.hpp"

#include <algorithm>

#include "crypto/hash.hpp"
#include "crypto/x25519.hpp"

namespace xtt::handshake::test {

namespace {

std::array<std::uint8_t, 24> default_reserved() {
  const std::string s = "XAPTUMSERVER000199991231";
  std::array<std::uint8_t, 24> out{};
  std::copy(s.begin(), s.end(), out.begin());
  return out;
}

ServerCredential make_server(const SigningKey& root, const wire::RootId& root_id,
                             wire::SignatureKind kind, Random& rng) {
  const SigningKey key = must(SigningKey::generate(kind, rng));
  const Bytes cert =
      must(make_server_certificate(root, root_id, key.public_key, default_reserved()));
  return must(ServerCredential::create(kind, cert, key.private_key.span()));
}

Member make_member(const daa::IssuerSecretKey& isk, Random& rng) {
  std::array<std::uint8_t, 32> nonce{};
  EXPECT_TRUE(rng.fill(nonce).has_value());
  auto pair = must(daa::member_keygen(nonce, rng));
  auto issued = must(daa::issue_credential(isk, pair.public_key, ByteSpan(nonce), rng));
  Member m;
  m.secret = std::make_shared<const daa::MemberSecretKey>(std::move(pair.secret));
  m.credential = std::make_shared<const daa::Credential>(std::move(issued.credential));
  return m;
}

Pki build_pki() {
  SeededRandom rng("xtt handshake test pki");
  Pki p;
  EXPECT_TRUE(rng.fill(p.root_id.bytes).has_value());
  p.root_ecdsa = must(SigningKey::generate(wire::SignatureKind::kEcdsaP256, rng));
  p.root_ed = must(SigningKey::generate(wire::SignatureKind::kEd25519, rng));
  p.trusted_ecdsa =
      TrustedRoot{wire::SignatureKind::kEcdsaP256, p.root_id, p.root_ecdsa.public_key};
  p.trusted_ed = TrustedRoot{wire::SignatureKind::kEd25519, p.root_id, p.root_ed.public_key};
  p.server_ecdsa = make_server(p.root_ecdsa, p.root_id, wire::SignatureKind::kEcdsaP256, rng);
  p.server_ed = make_server(p.root_ed, p.root_id, wire::SignatureKind::kEd25519, rng);

  auto issuer = must(daa::issuer_keygen(rng));
  const auto& gpk = issuer.public_key.group_public_key();
  const std::string basename = "xtt-test-basename";
  p.basename.assign(basename.begin(), basename.end());
  ByteWriter gid_input;
  gid_input.bytes(gpk.encode());
  gid_input.bytes(p.basename);
  p.gid.bytes = crypto::sha256(gid_input.view());
  const auto encoded = gpk.encode();
  p.group_public_key.assign(encoded.begin(), encoded.end());
  p.group_key = std::make_shared<const daa::PreparedGroupKey>(
      must(daa::PreparedGroupKey::make(gpk, p.basename)));
  p.member = make_member(issuer.secret, rng);
  p.other_member = make_member(issuer.secret, rng);
  auto foreign = must(daa::issuer_keygen(rng));
  p.foreign_group_key = std::make_shared<const daa::PreparedGroupKey>(
      must(daa::PreparedGroupKey::make(foreign.public_key.group_public_key(), p.basename)));
  return p;
}

ClientRecord copy_record(const ClientRecord& r) {
  ClientRecord out;
  out.signature_kind = r.signature_kind;
  out.longterm_pub = r.longterm_pub;
  out.longterm_secret = r.longterm_secret.clone();
  out.revoked = r.revoked;
  return out;
}

}  // namespace

const Pki& pki() {
  static const Pki kPki = build_pki();
  return kPki;
}

std::vector<wire::SuiteSpec> all_suites() {
  std::vector<wire::SuiteSpec> out;
  for (std::uint16_t v : {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16}) {
    out.push_back(static_cast<wire::SuiteSpec>(v));
  }
  return out;
}

std::vector<wire::SuiteSpec> libxtt_suites() {
  auto all = all_suites();
  return {all.begin(), all.begin() + 4};
}

wire::SuiteInfo info(wire::SuiteSpec s) { return wire::suite_info(s).value(); }

const TrustedRoot& root_for(wire::SuiteSpec s) {
  return info(s).signature == wire::SignatureKind::kEcdsaP256 ? pki().trusted_ecdsa
                                                              : pki().trusted_ed;
}

IdentityClientConfig identity_config(wire::SuiteSpec s, const Member& m) {
  IdentityClientConfig cfg;
  cfg.suite = s;
  cfg.roots = {root_for(s)};
  cfg.daa.secret_key = m.secret;
  cfg.daa.credential = m.credential;
  cfg.daa.basename = pki().basename;
  cfg.daa.gid = pki().gid;
  return cfg;
}

GroupInfo group_info() {
  GroupInfo g;
  g.key = pki().group_key;
  g.basename = pki().basename;
  return g;
}

Result<ServerOutput> Directory::drive(ServerHandshake& server, Result<ServerOutput> out) {
  while (out) {
    switch (server.state()) {
      case ServerState::kAwaitGroup: {
        if (!know_group) {
          out = server.resume_group(std::nullopt);
          break;
        }
        GroupInfo g = group_info();
        g.revoked = revoked;
        if (group_key) {
          g.key = group_key;
        }
        out = server.resume_group(std::move(g));
        break;
      }
      case ServerState::kAwaitProvision: {
        const ProvisionIdentity& p = *server.provision_identity();
        wire::ClientId id = force_id ? *force_id : p.requested_client_id;
        if (id.is_zero()) {
          XTT_TRY(id_rng.fill(id.bytes));
        }
        ClientRecord rec;
        rec.signature_kind = p.signature_kind;
        rec.longterm_pub = p.client_longterm_pub;
        rec.longterm_secret = p.longterm_secret.clone();
        clients[id] = std::move(rec);
        sessions.push_back(p.session_id);
        out = server.resume_provision(id);
        break;
      }
      case ServerState::kAwaitClient: {
        const auto it = clients.find(server.client_lookup()->client_id);
        out = it == clients.end() ? server.resume_client(std::nullopt)
                                  : server.resume_client(copy_record(it->second));
        break;
      }
      case ServerState::kAwaitRegister: {
        const RegisterSession& r = *server.register_session();
        if (std::find(sessions.begin(), sessions.end(), r.session_id) != sessions.end()) {
          out = server.resume_register(make_error(ErrorCode::kConflict, "session_id collision"));
          break;
        }
        sessions.push_back(r.session_id);
        out = server.resume_register(ok());
        break;
      }
      default:
        return out;
    }
  }
  return out;
}

ServerSetup server_setup(CookieMode mode, bool allow_null, Random* keyring_rng) {
  static SeededRandom default_keyring_rng("keyring");
  ServerSetup s;
  s.config = std::make_shared<ServerConfig>();
  s.config->credentials.push_back(pki().server_ecdsa.clone());
  s.config->credentials.push_back(pki().server_ed.clone());
  s.config->allow_null_suites = allow_null;
  s.config->cookie_mode = mode;
  if (mode == CookieMode::kStateless) {
    s.keyring = std::make_shared<CookieKeyring>(keyring_rng ? *keyring_rng : default_keyring_rng);
    s.cache = std::make_shared<MemoryReplayCache>();
    s.config->keyring = s.keyring;
    s.config->replay_cache = s.cache;
  }
  return s;
}

Exchange exchange(ClientHandshake client, ServerHandshake& server, Directory& dir,
                  std::uint64_t now) {
  Exchange r;
  auto finish = [&] {
    if (client.state() == ClientState::kDone) {
      r.client = client.take_result();
    }
    if (server.state() == ServerState::kDone) {
      r.server = server.take_result();
    }
    return std::move(r);
  };
  auto ci = client.start();
  if (!ci) {
    r.client_error = ci.error();
    return finish();
  }
  r.messages.push_back(*ci);
  auto s2 = dir.drive(server, server.receive(*ci, now));
  if (!s2) {
    r.server_error = s2.error();
    return finish();
  }
  r.messages.push_back(s2->send);
  auto c3 = client.receive(s2->send, now);
  if (!c3) {
    r.client_error = c3.error();
    return finish();
  }
  r.messages.push_back(c3->send);
  auto s4 = dir.drive(server, server.receive(c3->send, now));
  if (!s4) {
    r.server_error = s4.error();
    return finish();
  }
  if (!s4->send.empty()) {
    r.messages.push_back(s4->send);
    auto c5 = client.receive(s4->send, now);
    if (!c5) {
      r.client_error = c5.error();
    }
  }
  return finish();
}

ClientView client_view(const std::string& client_seed, ByteSpan ci, ByteSpan sia) {
  SeededRandom rng(client_seed);
  const auto dh = must(crypto::x25519::generate(rng));
  ClientView v;
  v.t = must(detail::begin_transcript(static_cast<wire::SuiteSpec>(load_be16(ci.data() + 4)), ci));
  std::copy(sia.begin(), sia.begin() + 168, v.t.sia_aad.begin());
  const auto z = must(
      crypto::x25519::derive(dh.secret, std::span<const std::uint8_t, 32>(sia.data() + 6, 32)));
  EXPECT_TRUE(detail::derive_handshake_keys(v.t, z).has_value());
  return v;
}

Bytes reseal_attest(ClientView& v, ByteSpan msg3, const std::function<void(Bytes&)>& mutate) {
  const std::size_t ca1 = msg3[0] >= 0x20 ? 232 : v.t.suite.identity_client_attest_size;
  const ByteSpan aad = msg3.first(136);
  const SecretVector plain = must(v.t.client_hs->open(0, aad, msg3.subspan(136, ca1 - 136)));
  Bytes changed(plain.span().begin(), plain.span().end());
  mutate(changed);
  const Bytes sealed = must(v.t.client_hs->seal(0, aad, changed));
  Bytes out(msg3.begin(), msg3.end());
  std::copy(sealed.begin(), sealed.end(), out.begin() + 136);
  return out;
}

Bytes reseal_finished(ClientView& v, ByteSpan msg4, const std::function<void(Bytes&)>& mutate) {
  const ByteSpan aad = msg4.first(6);
  const SecretVector plain = must(v.t.server_hs->open(1, aad, msg4.subspan(6)));
  Bytes changed(plain.span().begin(), plain.span().end());
  mutate(changed);
  const Bytes sealed = must(v.t.server_hs->seal(1, aad, changed));
  Bytes out(aad.begin(), aad.end());
  out.insert(out.end(), sealed.begin(), sealed.end());
  return out;
}

Bytes flip_bit(ByteSpan msg, std::size_t offset) {
  Bytes out(msg.begin(), msg.end());
  out.at(offset) ^= 0x01;
  return out;
}

SessionClientConfig provision(wire::SuiteSpec s, Directory& dir, ServerSetup& setup) {
  static SeededRandom rng("provision");
  ServerHandshake server(setup.config, rng);
  Exchange r = exchange(must(ClientHandshake::identity(identity_config(s), rng)), server, dir);
  EXPECT_TRUE(r.client.has_value()) << (r.client_error ? r.client_error->to_string() : "");
  EXPECT_TRUE(r.server.has_value()) << (r.server_error ? r.server_error->to_string() : "");
  SessionClientConfig cfg;
  cfg.suite = s;
  cfg.roots = {root_for(s)};
  if (r.client) {
    cfg.client_id = r.client->client_id;
    cfg.longterm_key = r.client->longterm_key->clone();
    cfg.longterm_secret = r.client->longterm_secret->clone();
  }
  return cfg;
}

}  // namespace xtt::handshake::test
