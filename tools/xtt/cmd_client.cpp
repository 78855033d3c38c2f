// `xtt client provision` and `xtt client connect`: a device's side.
#include <filesystem>
#include <iostream>

#include "base/hex.hpp"
#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "deployment.hpp"
#include "net/address.hpp"
#include "net/client.hpp"

namespace xtt::tools {

namespace {

namespace fs = std::filesystem;
constexpr auto kTimeout = std::chrono::seconds(30);
constexpr auto kEcdsa = wire::SignatureKind::kEcdsaP256;

// Where the handshake goes: TCP (as libxtt) or UDP with retransmission.
struct HandshakeTarget {
  std::string server = "127.0.0.1";
  std::uint16_t port = 4444;
  std::uint16_t udp_port = 4445;
  std::string transport = "tcp";

  Result<handshake::ClientResult> run(handshake::ClientHandshake& engine) const {
    if (transport == "udp") {
      return net::run_handshake_udp(server, udp_port, engine, kTimeout);
    }
    return net::run_handshake(server, port, engine, kTimeout);
  }
  void add_options(CLI::App* cmd) {
    cmd->add_option("--server", server, "Server address");
    cmd->add_option("--port", port, "Server TCP port");
    cmd->add_option("--udp-port", udp_port, "Server UDP port (records, UDP handshakes)");
    cmd->add_option("--transport", transport, "Handshake over tcp or udp")
        ->check(CLI::IsMember({"tcp", "udp"}));
  }
};

struct ProvisionArgs {
  HandshakeTarget target;
  std::string root_cert = "root_cert.bin";
  std::string member_secret = "member_secret.bin";
  std::string credential = "credential.bin";
  std::string gpk = "gpk.bin";
  std::string basename;
  int suite = 1;
  std::string client_id;
  std::string out = "identity";
};

struct ConnectArgs {
  std::string identity = "identity";
  HandshakeTarget target;
};

Result<wire::SuiteSpec> suite_arg(int n) {
  return wire::parse_suite_spec(static_cast<std::uint16_t>(n));
}

Status provision(const ProvisionArgs& a) {
  const Bytes root_cert = XTT_TRY(read_sized_input(a.root_cert, 81, "root certificate"));
  const Bytes msk_raw = XTT_TRY(read_sized_input(a.member_secret, 32, "DAA member secret key"));
  const Bytes cred_raw = XTT_TRY(read_sized_input(a.credential, 260, "DAA credential"));
  const Bytes gpk_raw = XTT_TRY(read_sized_input(a.gpk, 258, "DAA group public key"));
  XTT_ENSURE(!a.basename.empty(), ErrorCode::kInvalidArgument, "--basename is required");
  const auto gpk = XTT_TRY(daa::GroupPublicKey::decode(gpk_raw));
  handshake::IdentityClientConfig cfg;
  cfg.suite = XTT_TRY(suite_arg(a.suite));
  cfg.roots = {XTT_TRY(handshake::TrustedRoot::from_certificate(kEcdsa, root_cert))};
  cfg.daa.secret_key =
      std::make_shared<const daa::MemberSecretKey>(XTT_TRY(daa::MemberSecretKey::decode(msk_raw)));
  cfg.daa.credential =
      std::make_shared<const daa::Credential>(XTT_TRY(daa::Credential::decode(cred_raw)));
  cfg.daa.basename.assign(a.basename.begin(), a.basename.end());
  cfg.daa.gid = group_id(gpk, cfg.daa.basename);
  if (!a.client_id.empty()) {
    const Bytes id = XTT_TRY(from_hex(a.client_id));
    XTT_ENSURE(id.size() == 16, ErrorCode::kInvalidArgument, "--client-id must be 16 bytes of hex");
    std::copy(id.begin(), id.end(), cfg.requested_client_id.bytes.begin());
  }
  auto engine =
      XTT_TRY(handshake::ClientHandshake::identity(std::move(cfg), crypto::system_random()));
  const handshake::ClientResult r = XTT_TRY(a.target.run(engine));
  const fs::path dir(a.out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  XTT_ENSURE(!ec, ErrorCode::kIoFailure, "cannot create " + a.out + ": " + ec.message());
  XTT_TRY(write_file(dir / "client_id.bin", r.client_id.bytes));
  XTT_TRY(write_file(dir / "longterm_priv.bin", r.longterm_key->private_key.span(), 0600));
  XTT_TRY(write_file(dir / "longterm_pub.bin", r.longterm_key->public_key));
  XTT_TRY(write_file(dir / "longterm_secret.bin", r.longterm_secret->span(), 0600));
  XTT_TRY(write_file(dir / "root_cert.bin", root_cert));
  const std::string suite_text = std::to_string(a.suite) + "\n";
  XTT_TRY(write_file(dir / "suite", Bytes(suite_text.begin(), suite_text.end())));
  std::cout << "provisioned ClientID " << to_hex(r.client_id.bytes) << " into " << a.out << "\n";
  return ok();
}

Status connect(const ConnectArgs& a) {
  const fs::path dir(a.identity);
  handshake::SessionClientConfig cfg;
  const Bytes suite_text = XTT_TRY(read_file(dir / "suite"));
  const int suite = std::atoi(std::string(suite_text.begin(), suite_text.end()).c_str());
  cfg.suite = XTT_TRY(suite_arg(suite));
  const Bytes root_cert = XTT_TRY(read_sized_input(dir / "root_cert.bin", 81, "root certificate"));
  cfg.roots = {XTT_TRY(handshake::TrustedRoot::from_certificate(kEcdsa, root_cert))};
  const Bytes id = XTT_TRY(read_sized_input(dir / "client_id.bin", 16, "ClientID"));
  std::copy(id.begin(), id.end(), cfg.client_id.bytes.begin());
  const Bytes key = XTT_TRY(read_sized_input(dir / "longterm_priv.bin", 32, "long-term key"));
  cfg.longterm_key = XTT_TRY(handshake::SigningKey::from_private(kEcdsa, key));
  const Bytes secret =
      XTT_TRY(read_sized_input(dir / "longterm_secret.bin", 64, "long-term secret"));
  std::copy(secret.begin(), secret.end(), cfg.longterm_secret.data());
  auto engine =
      XTT_TRY(handshake::ClientHandshake::session(std::move(cfg), crypto::system_random()));
  const handshake::ClientResult r = XTT_TRY(a.target.run(engine));
  auto channel = XTT_TRY(
      net::RecordChannel::open(a.target.server, a.target.udp_port, *r.session, net::unix_now()));
  XTT_TRY(channel.send_keepalive());  // confirms the session at once (§6.2)
  std::cerr << "session " << to_hex(r.session->session_id.bytes)
            << " open; each stdin line goes out as one queue-protocol record\n";
  std::string line;
  while (std::getline(std::cin, line)) {
    XTT_TRY(channel.send(static_cast<std::uint8_t>(wire::PayloadType::kQueueProtocol),
                         Bytes(line.begin(), line.end())));
    auto reply = channel.receive(std::chrono::seconds(2));
    if (reply) {
      std::cout << std::string(reply->begin(), reply->end()) << std::endl;
    } else if (reply.error().code != ErrorCode::kTimeout) {
      return reply.error();
    }
  }
  return ok();
}

}  // namespace

void add_client_commands(CLI::App& app) {
  auto* client = app.add_subcommand("client", "A device: provision an identity, open sessions");
  client->require_subcommand(1);
  {
    auto a = std::make_shared<ProvisionArgs>();
    auto* cmd = client->add_subcommand("provision", "Identity handshake; writes the identity dir");
    a->target.add_options(cmd);
    cmd->add_option("--root-cert", a->root_cert, "Root certificate (81 bytes)");
    cmd->add_option("--member-secret", a->member_secret, "DAA member secret key (32 bytes)");
    cmd->add_option("--credential", a->credential, "DAA credential (260 bytes)");
    cmd->add_option("--gpk", a->gpk, "DAA group public key (258 bytes)");
    cmd->add_option("--basename", a->basename, "The group's basename")->required();
    cmd->add_option("--suite", a->suite, "Suite number (1-4)");
    cmd->add_option("--client-id", a->client_id, "Requested ClientID (hex; default: assigned)");
    cmd->add_option("--out", a->out, "Identity directory to write");
    cmd->callback([a] { run_command([&] { return provision(*a); }); });
  }
  {
    auto a = std::make_shared<ConnectArgs>();
    auto* cmd = client->add_subcommand(
        "connect", "Session handshake, then stdin/stdout as queue-protocol records");
    cmd->add_option("--identity", a->identity, "Identity directory from `client provision`");
    a->target.add_options(cmd);
    cmd->callback([a] { run_command([&] { return connect(*a); }); });
  }
}

}  // namespace xtt::tools
