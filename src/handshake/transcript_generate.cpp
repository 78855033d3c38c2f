#include "handshake/transcript_generate.hpp"

#include <map>
#include <memory>
#include <string_view>
#include <utility>

#include "base/hex.hpp"
#include "crypto/hash.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/verify.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/recording_random.hpp"
#include "handshake/server_engine.hpp"

namespace xtt::handshake {

namespace {

using wire::SuiteSpec;

// The time our transcripts run at (2024-01-01T00:00:00Z).
constexpr std::uint64_t kTranscriptNow = 1704067200;

// A minimal pretty printer in the layout of the libxtt files (one-space
// indent); values are built bottom-up as JSON text.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string indent_lines(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') {
      out += ' ';
    }
  }
  return out;
}

using Members = std::vector<std::pair<std::string, std::string>>;

std::string object(const Members& members) {
  if (members.empty()) {
    return "{}";
  }
  std::string out = "{\n";
  for (std::size_t i = 0; i < members.size(); ++i) {
    out += " " + quote(members[i].first) + ": " + indent_lines(members[i].second);
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  return out + "}";
}

std::string array(const std::vector<std::string>& items) {
  if (items.empty()) {
    return "[]";
  }
  std::string out = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += " " + indent_lines(items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  return out + "]";
}

std::string hex(ByteSpan b) { return quote(to_hex(b)); }
std::string number(std::uint64_t v) { return std::to_string(v); }

std::string label_of(std::string_view phase) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"root_keypair", "root signing key (ECDSA: 32-byte scalar; Ed25519: seed)"},
      {"root_id", "root id (16 bytes)"},
      {"server_keypair", "server signing key (ECDSA: 32-byte scalar; Ed25519: seed)"},
      {"daa_issuer_keypair", "ecdaa random scalar (65 bytes): issuer x, y, then proof rx, ry"},
      {"daa_join_nonce", "DAA join nonce (32 bytes)"},
      {"daa_member_keypair", "ecdaa random scalar (65 bytes): member sk, proof k, nn"},
      {"daa_credential", "ecdaa random scalar (65 bytes): credential l, r"},
      {"client_longterm_keypair", "the provisioned client long-term key (32 bytes)"},
      {"longterm_secret", "the provisioned longterm_secret (64 bytes)"},
      {"client_id", "the provisioned ClientID (16 bytes)"},
      {"client_start(ClientInit)",
       "client: X25519 secret, [identity: long-term key], ClientInit nonce"},
      {"server_build_serverattest", "server: X25519 secret, cookie (130), ECDSA k"},
      {"client_build_clientattest", "client: ECDSA k, [identity: DAA l, k, nn (65 each)]"},
      {"server_assign_client_id(random,as in xtt tool)",
       "server-assigned client id (the application's draw, not the engine's)"},
  };
  const auto it = kLabels.find(phase);
  return it == kLabels.end() ? std::string(phase) : std::string(it->second);
}

std::string draws_json(const std::vector<RecordedDraw>& log) {
  std::map<std::string, std::uint64_t> next_index;
  std::vector<std::string> items;
  for (const RecordedDraw& d : log) {
    items.push_back(object({
        {"side", quote(d.side)},
        {"index", number(next_index[d.side]++)},
        {"phase", quote(d.phase)},
        {"len", number(d.bytes.size())},
        {"hex", hex(d.bytes)},
        {"callers", "[]"},
        {"label", quote(label_of(d.phase))},
    }));
  }
  return array(items);
}

std::string messages_json(const std::vector<std::pair<std::string, Bytes>>& msgs) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    items.push_back(object({
        {"index", number(i)},
        {"name", quote(msgs[i].first)},
        {"direction", quote(i % 2 == 0 ? "client->server" : "server->client")},
        {"len", number(msgs[i].second.size())},
        {"hex", hex(msgs[i].second)},
    }));
  }
  return array(items);
}

std::string message_name(std::uint8_t type) {
  return std::string(wire::name_of(static_cast<wire::MsgType>(type)));
}

// Keys made before the handshake, all from "setup" draws.
struct Setup {
  SigningKey root;
  wire::RootId root_id;
  SigningKey server_key;
  Bytes certificate;
  std::array<std::uint8_t, 24> reserved{};
  std::optional<daa::IssuerKeyPair> issuer;
  std::array<std::uint8_t, 32> join_nonce{};
  std::optional<daa::MemberKeyPair> member;
  std::optional<daa::IssuedCredential> credential;
  Bytes basename;
  wire::GroupId gid;
  // Session transcripts: the provisioned identity.
  SigningKey longterm;
  LongtermSecret longterm_secret;
  wire::ClientId client_id;
};

Result<Setup> make_setup(const TranscriptSpec& spec, RecordingRandom& rng) {
  const auto suite = XTT_TRY(wire::suite_info(spec.suite));
  Setup s;
  rng.set_phase("root_keypair");
  s.root = XTT_TRY(SigningKey::generate(suite.signature, rng));
  rng.set_phase("root_id");
  XTT_TRY(rng.fill(s.root_id.bytes));
  rng.set_phase("server_keypair");
  s.server_key = XTT_TRY(SigningKey::generate(suite.signature, rng));
  const std::string_view reserved = "XAPTUMSERVER000120991231";
  std::copy(reserved.begin(), reserved.end(), s.reserved.begin());
  s.certificate =
      XTT_TRY(make_server_certificate(s.root, s.root_id, s.server_key.public_key, s.reserved));
  rng.set_phase("daa_issuer_keypair");
  s.issuer.emplace(XTT_TRY(daa::issuer_keygen(rng)));
  rng.set_phase("daa_join_nonce");
  XTT_TRY(rng.fill(s.join_nonce));
  rng.set_phase("daa_member_keypair");
  s.member.emplace(XTT_TRY(daa::member_keygen(s.join_nonce, rng)));
  rng.set_phase("daa_credential");
  s.credential.emplace(XTT_TRY(
      daa::issue_credential(s.issuer->secret, s.member->public_key, ByteSpan(s.join_nonce), rng)));
  const std::string_view basename = "xtt-transcript-basename";
  s.basename.assign(basename.begin(), basename.end());
  ByteWriter gid_input;
  gid_input.bytes(s.issuer->public_key.group_public_key().encode());
  gid_input.bytes(s.basename);
  s.gid.bytes = crypto::sha256(gid_input.view());
  if (spec.session) {
    rng.set_phase("client_longterm_keypair");
    s.longterm = XTT_TRY(SigningKey::generate(suite.signature, rng));
    rng.set_phase("longterm_secret");
    XTT_TRY(rng.fill(s.longterm_secret.span()));
    rng.set_phase("client_id");
    XTT_TRY(rng.fill(s.client_id.bytes));
  }
  return s;
}

wire::ClientId requested_id(const TranscriptSpec& spec) {
  wire::ClientId id;
  if (spec.request_id) {
    for (std::size_t i = 0; i < id.bytes.size(); ++i) {
      id.bytes[i] = static_cast<std::uint8_t>(0xa0 + i);
    }
  }
  return id;
}

Result<ClientHandshake> make_client(const TranscriptSpec& spec, const Setup& s, Random& rng) {
  const auto suite = XTT_TRY(wire::suite_info(spec.suite));
  std::vector<TrustedRoot> roots = {TrustedRoot{suite.signature, s.root_id, s.root.public_key}};
  if (spec.session) {
    SessionClientConfig cfg;
    cfg.suite = spec.suite;
    cfg.roots = std::move(roots);
    cfg.client_id = s.client_id;
    cfg.longterm_key = s.longterm.clone();
    cfg.longterm_secret = s.longterm_secret.clone();
    cfg.payload = spec.payload;
    return ClientHandshake::session(std::move(cfg), rng);
  }
  IdentityClientConfig cfg;
  cfg.suite = spec.suite;
  cfg.roots = std::move(roots);
  const auto msk = s.member->secret.encode();
  cfg.daa.secret_key = std::make_shared<const daa::MemberSecretKey>(
      XTT_TRY(daa::MemberSecretKey::decode(msk.span())));
  cfg.daa.credential = std::make_shared<const daa::Credential>(s.credential->credential);
  cfg.daa.basename = s.basename;
  cfg.daa.gid = s.gid;
  cfg.requested_client_id = requested_id(spec);
  cfg.payload = spec.payload;
  return ClientHandshake::identity(std::move(cfg), rng);
}

// Answers the server's pauses like an application with a store.
Result<ServerOutput> drive(ServerHandshake& server, Result<ServerOutput> out, const Setup& s,
                           RecordingRandom& server_rng) {
  while (out) {
    switch (server.state()) {
      case ServerState::kAwaitGroup: {
        GroupInfo g;
        g.basename = s.basename;
        g.key = std::make_shared<const daa::PreparedGroupKey>(XTT_TRY(
            daa::PreparedGroupKey::make(s.issuer->public_key.group_public_key(), s.basename)));
        out = server.resume_group(std::move(g));
        break;
      }
      case ServerState::kAwaitProvision: {
        wire::ClientId id = server.provision_identity()->requested_client_id;
        if (id.is_zero()) {
          server_rng.set_phase("server_assign_client_id(random,as in xtt tool)");
          XTT_TRY(server_rng.fill(id.bytes));
        }
        out = server.resume_provision(id);
        break;
      }
      case ServerState::kAwaitClient: {
        ClientRecord rec;
        rec.signature_kind = s.longterm.kind;
        rec.longterm_pub = s.longterm.public_key;
        rec.longterm_secret = s.longterm_secret.clone();
        out = server.resume_client(std::move(rec));
        break;
      }
      case ServerState::kAwaitRegister:
        out = server.resume_register(ok());
        break;
      default:
        return out;
    }
  }
  return out;
}

std::string root_certificate(const Setup& s) {
  ByteWriter w;
  w.bytes(s.root_id.bytes);
  w.bytes(s.root.public_key);
  return hex(w.view());
}

}  // namespace

std::vector<TranscriptSpec> default_transcript_specs() {
  const auto payload = [](std::uint8_t type, std::size_t n, bool one_shot) {
    Bytes data(n);
    for (std::size_t i = 0; i < n; ++i) {
      data[i] = static_cast<std::uint8_t>(i * 7 + 1);
    }
    return ClientPayload{type, std::move(data), one_shot};
  };
  return {
      {"session_0x21_suite01",
       SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
       true,
       {},
       false},
      {"session_0x21_suite04", SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b, true, {}, false},
      {"session_0x21_suite05_null", SuiteSpec::kX25519LrswEcdsaP256NullSha512, true, {}, false},
      {"session_0x21_suite13", SuiteSpec::kX25519LrswEd25519Aes256GcmSha512, true, {}, false},
      {"session_0x22_suite02", SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b, true,
       payload(0x01, 64, false), false},
      {"session_0x22_suite11", SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Sha512, true,
       payload(0x02, 40, false), false},
      {"session_0x25_suite03", SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512, true,
       payload(0x01, 16, true), false},
      {"identity_0x12_suite01", SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512, false,
       payload(0x01, 100, false), false},
      {"identity_0x12_suite12", SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Blake2b, false,
       payload(0x02, 20, false), true},
      {"identity_0x11_suite06_null", SuiteSpec::kX25519LrswEcdsaP256NullBlake2b, false, {}, true},
      {"identity_0x11_suite14", SuiteSpec::kX25519LrswEd25519Aes256GcmBlake2b, false, {}, false},
      {"identity_0x15_suite16_null", SuiteSpec::kX25519LrswEd25519NullBlake2b, false,
       payload(0x01, 8, true), false},
  };
}

Result<std::string> generate_transcript(const TranscriptSpec& spec) {
  const auto suite = XTT_TRY(wire::suite_info(spec.suite));
  SeededRandom source("xtt transcript " + spec.name);
  std::vector<RecordedDraw> log;
  RecordingRandom setup_rng(source, log, "setup");
  RecordingRandom client_rng(source, log, "client");
  RecordingRandom server_rng(source, log, "server");
  const Setup s = XTT_TRY(make_setup(spec, setup_rng));

  auto config = std::make_shared<ServerConfig>();
  config->credentials.push_back(XTT_TRY(
      ServerCredential::create(suite.signature, s.certificate, s.server_key.private_key.span())));
  config->allow_null_suites = true;
  ClientHandshake client = XTT_TRY(make_client(spec, s, client_rng));
  ServerHandshake server(config, server_rng);

  std::vector<std::pair<std::string, Bytes>> msgs;
  client_rng.set_phase("client_start(ClientInit)");
  msgs.emplace_back("ClientInit", XTT_TRY(client.start()));
  server_rng.set_phase("server_build_serverattest");
  msgs.emplace_back("ServerInitAndAttest",
                    XTT_TRY(server.receive(msgs[0].second, kTranscriptNow)).send);
  client_rng.set_phase("client_build_clientattest");
  Bytes ca = XTT_TRY(client.receive(msgs[1].second, kTranscriptNow)).send;
  msgs.emplace_back(message_name(ca[0]), std::move(ca));
  server_rng.set_phase("server_check_clientattest");
  const ServerOutput last =
      XTT_TRY(drive(server, server.receive(msgs[2].second, kTranscriptNow), s, server_rng));
  if (!last.send.empty()) {
    msgs.emplace_back(message_name(last.send[0]), last.send);
    XTT_TRY(client.receive(last.send, kTranscriptNow));
  }
  XTT_ENSURE(client.state() == ClientState::kDone && server.state() == ServerState::kDone,
             ErrorCode::kInternal, "the generated handshake did not finish");
  const ClientResult& cr = *client.result();
  const ServerResult& sr = *server.result();

  Members lt = {
      {"root_id", hex(s.root_id.bytes)},
      {"root_public_key", hex(s.root.public_key)},
      {"root_private_key", hex(s.root.private_key.span())},
      {"root_certificate(root_id||root_pub)", root_certificate(s)},
      {"server_public_key", hex(s.server_key.public_key)},
      {"server_private_key", hex(s.server_key.private_key.span())},
      {"server_certificate", hex(s.certificate)},
      {"server_certificate_reserved", hex(s.reserved)},
      {"daa_issuer_public_key(ecdaa serialized)", hex(s.issuer->public_key.encode())},
      {"daa_issuer_secret_key(ecdaa serialized)", hex(s.issuer->secret.encode().span())},
      {"daa_group_public_key", hex(s.issuer->public_key.group_public_key().encode())},
      {"daa_join_nonce", hex(s.join_nonce)},
      {"daa_member_public_key(ecdaa serialized)", hex(s.member->public_key.encode())},
      {"daa_member_secret_key", hex(s.member->secret.encode().span())},
      {"daa_credential", hex(s.credential->credential.encode())},
      {"daa_credential_signature", hex(s.credential->signature.encode())},
      {"basename", hex(s.basename)},
      {"gid(sha256(gpk||basename))", hex(s.gid.bytes)},
  };
  Members results;
  if (spec.session) {
    lt.emplace_back("client_id", hex(s.client_id.bytes));
    lt.emplace_back("longterm_secret", hex(s.longterm_secret.span()));
    lt.emplace_back("client_longterm_public_key", hex(s.longterm.public_key));
    lt.emplace_back("client_longterm_private_key", hex(s.longterm.private_key.span()));
  } else {
    lt.emplace_back("requested_client_id", hex(requested_id(spec).bytes));
    lt.emplace_back("client_longterm_public_key", hex(cr.longterm_key->public_key));
    lt.emplace_back("client_longterm_private_key", hex(cr.longterm_key->private_key.span()));
    if (sr.client_id) {
      results.emplace_back("client_assigned_id(client view)", hex(cr.client_id.bytes));
      results.emplace_back("client_assigned_id(server view)", hex(sr.client_id->bytes));
    }
    results.emplace_back("pseudonym(client view)", hex(cr.pseudonym->bytes));
    results.emplace_back("pseudonym(server view)", hex(sr.pseudonym->bytes));
  }
  if (sr.session) {
    results.emplace_back("session_id", hex(sr.session->session_id.bytes));
  }

  Members doc = {
      {"suite", quote(suite.name)},
      {"suite_spec", number(static_cast<std::uint16_t>(spec.suite))},
      {"version", "1"},
      {"seed", quote("xtt transcript " + spec.name)},
      {"handshake", quote(spec.session ? "session" : "identity")},
      {"now", number(kTranscriptNow)},
  };
  if (spec.payload) {
    doc.emplace_back("payload", object({{"type", number(spec.payload->payload_type)},
                                        {"hex", hex(spec.payload->data)},
                                        {"one_shot", spec.payload->one_shot ? "true" : "false"}}));
  }
  doc.emplace_back("random_draws", draws_json(log));
  doc.emplace_back("long_term", object(lt));
  doc.emplace_back("messages", messages_json(msgs));
  doc.emplace_back("results", object(results));
  return object(doc) + "\n";
}

}  // namespace xtt::handshake
