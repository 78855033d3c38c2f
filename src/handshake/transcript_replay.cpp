#include "handshake/transcript_replay.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "base/hex.hpp"
#include "base/random.hpp"
#include "daa/verify.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/server_engine.hpp"

namespace xtt::handshake {

namespace {

using wire::SignatureKind;

// Used when a transcript records no time (the libxtt ones: their certificate
// never expires).
constexpr std::uint64_t kDefaultNow = 1700000000;

Error bad(std::string what) { return make_error(ErrorCode::kBadEncoding, std::move(what)); }

// long_term keys carry a parenthesised note in the libxtt files
// ("gid(sha256(gpk||basename))"), so a key matches with or without it.
Result<Bytes> long_term(const json::Value& doc, std::string_view key) {
  const json::Value* lt = doc.find("long_term");
  XTT_ENSURE(lt != nullptr && lt->is_object(), ErrorCode::kBadEncoding, "no long_term object");
  for (const auto& [name, value] : lt->members()) {
    if (name == key || (name.size() > key.size() && name.compare(0, key.size(), key) == 0 &&
                        name[key.size()] == '(')) {
      return value.hex();
    }
  }
  return bad("long_term has no " + std::string(key));
}

Result<Bytes> result_field(const json::Value& doc, std::string_view key) {
  const json::Value* r = doc.find("results");
  XTT_ENSURE(r != nullptr, ErrorCode::kBadEncoding, "no results object");
  return r->hex(key);
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>> exactly(const Bytes& b, std::string_view what) {
  XTT_ENSURE(b.size() == N, ErrorCode::kBadEncoding,
             std::string(what) + " must be " + std::to_string(N) + " bytes");
  std::array<std::uint8_t, N> out{};
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>> long_term_fixed(const json::Value& doc, std::string_view key) {
  const Bytes b = XTT_TRY(long_term(doc, key));
  return exactly<N>(b, key);
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>> result_fixed(const json::Value& doc, std::string_view key) {
  const Bytes b = XTT_TRY(result_field(doc, key));
  return exactly<N>(b, key);
}

struct Parsed {
  wire::SuiteInfo suite{};
  std::uint64_t now = kDefaultNow;
  std::vector<Bytes> messages;
  std::vector<Bytes> client_draws;
  std::vector<Bytes> server_draws;  // without the ClientID assignment draw
  bool session = false;
  bool one_shot = false;
  std::optional<ClientPayload> payload;
};

Result<Parsed> parse(const json::Value& doc) {
  Parsed p;
  const auto spec = XTT_TRY(doc.integer("suite_spec"));
  XTT_ENSURE(spec >= 0 && spec <= 0xffff, ErrorCode::kBadEncoding, "suite_spec out of range");
  p.suite = XTT_TRY(wire::suite_info(static_cast<std::uint16_t>(spec)));
  if (const json::Value* now = doc.find("now")) {
    p.now = static_cast<std::uint64_t>(XTT_TRY(now->integer()));
  }
  for (const json::Value& m : *XTT_TRY(doc.array("messages"))) {
    p.messages.push_back(XTT_TRY(m.hex("hex")));
  }
  XTT_ENSURE(p.messages.size() == 3 || p.messages.size() == 4, ErrorCode::kBadEncoding,
             "a handshake has 3 or 4 messages");
  for (const Bytes& m : p.messages) {
    XTT_ENSURE(!m.empty(), ErrorCode::kBadEncoding, "empty message");
  }
  for (const json::Value& d : *XTT_TRY(doc.array("random_draws"))) {
    const std::string_view side = XTT_TRY(d.str("side"));
    const std::string_view phase = XTT_TRY(d.str("phase"));
    Bytes bytes = XTT_TRY(d.hex("hex"));
    if (side == "client") {
      p.client_draws.push_back(std::move(bytes));
    } else if (side == "server" && phase.rfind("server_assign_client_id", 0) != 0) {
      p.server_draws.push_back(std::move(bytes));
    }
  }
  const std::uint8_t type3 = p.messages[2][0];
  p.session = type3 == 0x21 || type3 == 0x22 || type3 == 0x25;
  p.one_shot = type3 == 0x15 || type3 == 0x25;
  if (const json::Value* pl = doc.find("payload")) {
    ClientPayload cp;
    cp.payload_type = static_cast<std::uint8_t>(XTT_TRY(pl->integer("type")));
    cp.data = XTT_TRY(pl->hex("hex"));
    cp.one_shot = p.one_shot;
    p.payload = std::move(cp);
  }
  return p;
}

Result<std::vector<TrustedRoot>> roots_of(const json::Value& doc, const Parsed& p) {
  const Bytes root = XTT_TRY(long_term(doc, "root_certificate"));
  TrustedRoot r = XTT_TRY(TrustedRoot::from_certificate(p.suite.signature, root));
  return std::vector<TrustedRoot>{std::move(r)};
}

Status expect_bytes(ByteSpan got, ByteSpan want, std::string_view what) {
  XTT_ENSURE(std::equal(got.begin(), got.end(), want.begin(), want.end()), ErrorCode::kBadEncoding,
             std::string(what) + " differs: got " + to_hex(got).substr(0, 48) + "..., want " +
                 to_hex(want).substr(0, 48) + "...");
  return ok();
}

Result<ClientHandshake> make_client(const json::Value& doc, const Parsed& p, Random& rng) {
  if (p.session) {
    SessionClientConfig cfg;
    cfg.suite = p.suite.spec;
    cfg.roots = XTT_TRY(roots_of(doc, p));
    cfg.client_id.bytes = XTT_TRY(long_term_fixed<16>(doc, "client_id"));
    const Bytes priv = XTT_TRY(long_term(doc, "client_longterm_private_key"));
    cfg.longterm_key = XTT_TRY(SigningKey::from_private(p.suite.signature, priv));
    const auto lts = XTT_TRY(long_term_fixed<64>(doc, "longterm_secret"));
    cfg.longterm_secret = LongtermSecret(std::span<const std::uint8_t, 64>(lts));
    cfg.payload = p.payload;
    return ClientHandshake::session(std::move(cfg), rng);
  }
  IdentityClientConfig cfg;
  cfg.suite = p.suite.spec;
  cfg.roots = XTT_TRY(roots_of(doc, p));
  const Bytes msk = XTT_TRY(long_term(doc, "daa_member_secret_key"));
  cfg.daa.secret_key =
      std::make_shared<const daa::MemberSecretKey>(XTT_TRY(daa::MemberSecretKey::decode(msk)));
  const Bytes cred = XTT_TRY(long_term(doc, "daa_credential"));
  cfg.daa.credential =
      std::make_shared<const daa::Credential>(XTT_TRY(daa::Credential::decode(cred)));
  cfg.daa.basename = XTT_TRY(long_term(doc, "basename"));
  cfg.daa.gid.bytes = XTT_TRY(long_term_fixed<32>(doc, "gid"));
  cfg.requested_client_id.bytes = XTT_TRY(long_term_fixed<16>(doc, "requested_client_id"));
  cfg.payload = p.payload;
  return ClientHandshake::identity(std::move(cfg), rng);
}

// Our transcripts record the session_id both sides derived.
Status check_session_id(const json::Value& doc, const std::optional<record::SessionKeys>& keys) {
  const json::Value* results = doc.find("results");
  if (results == nullptr || results->find("session_id") == nullptr) {
    return ok();
  }
  XTT_ENSURE(keys.has_value(), ErrorCode::kBadState, "no session was derived");
  const Bytes want = XTT_TRY(results->hex("session_id"));
  return expect_bytes(keys->session_id.bytes, want, "session_id");
}

Status replay_client(const json::Value& doc, const Parsed& p) {
  ReplayRandom rng(p.client_draws);
  ClientHandshake client = XTT_TRY(make_client(doc, p, rng));
  const Bytes ci = XTT_TRY(client.start());
  XTT_TRY(expect_bytes(ci, p.messages[0], "ClientInit"));
  const ClientOutput out3 = XTT_TRY(client.receive(p.messages[1], p.now));
  XTT_TRY(expect_bytes(out3.send, p.messages[2], "message 3"));
  if (p.messages.size() == 4) {
    XTT_TRY(client.receive(p.messages[3], p.now));
  }
  XTT_ENSURE(client.state() == ClientState::kDone, ErrorCode::kBadState,
             "the client did not finish");
  XTT_ENSURE(rng.exhausted(), ErrorCode::kBadState,
             "the client used " + std::to_string(rng.used()) + " of " +
                 std::to_string(p.client_draws.size()) + " draws");
  const ClientResult& r = *client.result();
  if (!p.session && !p.one_shot) {
    const Bytes id = XTT_TRY(result_field(doc, "client_assigned_id(client view)"));
    XTT_TRY(expect_bytes(r.client_id.bytes, id, "assigned ClientID"));
    const Bytes pub = XTT_TRY(long_term(doc, "client_longterm_public_key"));
    XTT_TRY(expect_bytes(r.longterm_key->public_key, pub, "client long-term public key"));
  }
  if (!p.session) {
    const Bytes k = XTT_TRY(result_field(doc, "pseudonym(client view)"));
    XTT_TRY(expect_bytes(r.pseudonym->bytes, k, "pseudonym"));
  }
  return check_session_id(doc, r.session);
}

Result<std::shared_ptr<const ServerConfig>> server_config(const json::Value& doc, const Parsed& p) {
  auto cfg = std::make_shared<ServerConfig>();
  const Bytes cert = XTT_TRY(long_term(doc, "server_certificate"));
  const Bytes priv = XTT_TRY(long_term(doc, "server_private_key"));
  cfg->credentials.push_back(XTT_TRY(ServerCredential::create(p.suite.signature, cert, priv)));
  cfg->allow_null_suites = p.suite.is_null();
  return std::shared_ptr<const ServerConfig>(std::move(cfg));
}

// Preparing a group key costs two G2 line precomputations; transcripts of
// one group (and fuzz runs) share it.
Result<std::shared_ptr<const daa::PreparedGroupKey>> prepared_group(ByteSpan gpk_bytes,
                                                                    ByteSpan basename) {
  static std::mutex mu;
  static std::map<Bytes, std::shared_ptr<const daa::PreparedGroupKey>> cache;
  Bytes key(gpk_bytes.begin(), gpk_bytes.end());
  key.insert(key.end(), basename.begin(), basename.end());
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(key); it != cache.end()) {
      return it->second;
    }
  }
  const auto gpk = XTT_TRY(daa::GroupPublicKey::decode(gpk_bytes));
  auto prepared = std::make_shared<const daa::PreparedGroupKey>(
      XTT_TRY(daa::PreparedGroupKey::make(gpk, basename)));
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() < 64) {
    cache.emplace(std::move(key), prepared);
  }
  return std::shared_ptr<const daa::PreparedGroupKey>(std::move(prepared));
}

Result<GroupInfo> group_of(const json::Value& doc) {
  const Bytes gpk_bytes = XTT_TRY(long_term(doc, "daa_group_public_key"));
  GroupInfo g;
  g.basename = XTT_TRY(long_term(doc, "basename"));
  g.key = XTT_TRY(prepared_group(gpk_bytes, g.basename));
  return g;
}

Status check_server_payload(const Parsed& p, const ServerResult& r) {
  if (!p.payload || p.payload->data.empty()) {
    XTT_ENSURE(!r.payload.has_value(), ErrorCode::kBadState, "unexpected payload event");
    return ok();
  }
  if (!wire::is_known_payload_type(p.payload->payload_type)) {
    XTT_ENSURE(r.discarded_payloads == 1, ErrorCode::kBadState, "payload not discarded");
    return ok();
  }
  XTT_ENSURE(r.payload.has_value() && r.payload->payload_type == p.payload->payload_type,
             ErrorCode::kBadState, "payload event missing");
  return expect_bytes(r.payload->data.span(), p.payload->data, "payload");
}

Status replay_server(const json::Value& doc, const Parsed& p) {
  ReplayRandom rng(p.server_draws);
  ServerHandshake server(XTT_TRY(server_config(doc, p)), rng);
  const ServerOutput out2 = XTT_TRY(server.receive(p.messages[0], p.now));
  XTT_TRY(expect_bytes(out2.send, p.messages[1], "ServerInitAndAttest"));
  XTT_TRY(server.receive(p.messages[2], p.now));
  ServerOutput last;
  if (p.session) {
    XTT_ENSURE(server.client_lookup() != nullptr, ErrorCode::kBadState, "no ClientID lookup");
    ClientRecord rec;
    rec.signature_kind = p.suite.signature;
    rec.longterm_pub = XTT_TRY(long_term(doc, "client_longterm_public_key"));
    const auto lts = XTT_TRY(long_term_fixed<64>(doc, "longterm_secret"));
    rec.longterm_secret = LongtermSecret(std::span<const std::uint8_t, 64>(lts));
    last = XTT_TRY(server.resume_client(std::move(rec)));
    if (!p.one_shot) {
      XTT_ENSURE(server.register_session() != nullptr, ErrorCode::kBadState, "no registration");
      last = XTT_TRY(server.resume_register(ok()));
    }
  } else {
    XTT_ENSURE(server.group_lookup() != nullptr, ErrorCode::kBadState, "no group lookup");
    const Bytes gid = XTT_TRY(long_term(doc, "gid"));
    XTT_TRY(expect_bytes(server.group_lookup()->gid.bytes, gid, "GID"));
    GroupInfo group = XTT_TRY(group_of(doc));
    last = XTT_TRY(server.resume_group(std::move(group)));
    if (!p.one_shot) {
      XTT_ENSURE(server.provision_identity() != nullptr, ErrorCode::kBadState, "no provisioning");
      wire::ClientId id;
      id.bytes = XTT_TRY(result_fixed<16>(doc, "client_assigned_id(server view)"));
      last = XTT_TRY(server.resume_provision(id));
    }
  }
  if (p.messages.size() == 4) {
    XTT_TRY(expect_bytes(last.send, p.messages[3], "message 4"));
  } else {
    XTT_ENSURE(last.send.empty(), ErrorCode::kBadState, "a one-shot got a message 4");
  }
  XTT_ENSURE(server.state() == ServerState::kDone, ErrorCode::kBadState,
             "the server did not finish");
  XTT_ENSURE(rng.exhausted(), ErrorCode::kBadState,
             "the server used " + std::to_string(rng.used()) + " of " +
                 std::to_string(p.server_draws.size()) + " draws");
  const ServerResult& r = *server.result();
  if (!p.session) {
    const Bytes k = XTT_TRY(result_field(doc, "pseudonym(server view)"));
    XTT_TRY(expect_bytes(r.pseudonym->bytes, k, "pseudonym (server view)"));
    const Bytes pub = XTT_TRY(long_term(doc, "client_longterm_public_key"));
    XTT_TRY(expect_bytes(r.client_longterm_pub, pub, "client long-term key (server view)"));
  }
  XTT_TRY(check_session_id(doc, r.session));
  return check_server_payload(p, r);
}

}  // namespace

Result<ServerOutput> TranscriptParties::drive(Result<ServerOutput> out) {
  while (out) {
    switch (server->state()) {
      case ServerState::kAwaitGroup: {
        GroupInfo g;
        g.key = group.key;
        g.basename = group.basename;
        out = server->resume_group(std::move(g));
        break;
      }
      case ServerState::kAwaitProvision:
        out = server->resume_provision(assigned_id);
        break;
      case ServerState::kAwaitClient: {
        if (!record) {
          out = server->resume_client(std::nullopt);
          break;
        }
        ClientRecord r;
        r.signature_kind = record->signature_kind;
        r.longterm_pub = record->longterm_pub;
        r.longterm_secret = record->longterm_secret.clone();
        out = server->resume_client(std::move(r));
        break;
      }
      case ServerState::kAwaitRegister:
        out = server->resume_register(ok());
        break;
      default:
        return out;
    }
  }
  return out;
}

Result<TranscriptParties> load_parties(const json::Value& doc,
                                       const std::function<void(ServerConfig&)>& adjust) {
  const Parsed p = XTT_TRY(parse(doc));
  TranscriptParties t;
  t.now = p.now;
  t.messages = p.messages;
  t.client_rng = std::make_unique<ReplayRandom>(p.client_draws);
  t.server_rng = std::make_unique<ReplayRandom>(p.server_draws);
  t.client.emplace(XTT_TRY(make_client(doc, p, *t.client_rng)));
  std::shared_ptr<const ServerConfig> config = XTT_TRY(server_config(doc, p));
  if (adjust) {
    auto changed = std::make_shared<ServerConfig>();
    for (const auto& c : config->credentials) {
      changed->credentials.push_back(c.clone());
    }
    changed->allow_null_suites = config->allow_null_suites;
    adjust(*changed);
    config = std::move(changed);
  }
  t.server.emplace(std::move(config), *t.server_rng);
  t.group = XTT_TRY(group_of(doc));
  if (p.session) {
    ClientRecord rec;
    rec.signature_kind = p.suite.signature;
    rec.longterm_pub = XTT_TRY(long_term(doc, "client_longterm_public_key"));
    const auto lts = XTT_TRY(long_term_fixed<64>(doc, "longterm_secret"));
    rec.longterm_secret = LongtermSecret(std::span<const std::uint8_t, 64>(lts));
    t.record = std::move(rec);
  } else if (!p.one_shot) {
    t.assigned_id.bytes = XTT_TRY(result_fixed<16>(doc, "client_assigned_id(server view)"));
  }
  return t;
}

void ReplayReport::merge(const ReplayReport& other) {
  passed += other.passed;
  failed += other.failed;
  failures.insert(failures.end(), other.failures.begin(), other.failures.end());
}

ReplayReport replay_transcript(const json::Value& doc, std::string_view label) {
  ReplayReport report;
  auto parsed = parse(doc);
  if (!parsed) {
    report.failed = 1;
    report.failures.push_back(std::string(label) + ": " + parsed.error().to_string());
    return report;
  }
  auto client = replay_client(doc, *parsed);
  auto server = replay_server(doc, *parsed);
  if (!client) {
    report.failures.push_back(std::string(label) + ": client: " + client.error().to_string());
  }
  if (!server) {
    report.failures.push_back(std::string(label) + ": server: " + server.error().to_string());
  }
  (client && server ? report.passed : report.failed) = 1;
  return report;
}

ReplayReport replay_transcript_text(std::string_view text, std::string_view label) {
  auto doc = json::parse(text);
  if (!doc) {
    ReplayReport report;
    report.failed = 1;
    report.failures.push_back(std::string(label) + ": " + doc.error().to_string());
    return report;
  }
  return replay_transcript(*doc, label);
}

}  // namespace xtt::handshake
