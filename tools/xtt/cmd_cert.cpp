// Key and certificate tooling: root and server keys, the root certificate
// and root-signed server certificates (file formats in docs/cli.md).
#include <ctime>
#include <iostream>

#include "base/hex.hpp"
#include "base/secret.hpp"
#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "deployment.hpp"
#include "wire/root_certificate.hpp"
#include "wire/server_certificate.hpp"

namespace xtt::tools {

namespace {

constexpr auto kEcdsa = wire::SignatureKind::kEcdsaP256;

Status keygen(const std::string& out_private, const std::string& out_public) {
  const auto key = XTT_TRY(handshake::SigningKey::generate(kEcdsa, crypto::system_random()));
  XTT_TRY(write_file(out_private, key.private_key.span(), 0600));
  XTT_TRY(write_file(out_public, key.public_key));
  std::cout << "wrote " << out_private << " (private, 32 bytes, mode 0600) and " << out_public
            << " (public, 65 bytes)\n";
  return ok();
}

// 32 random bytes shared by the nodes of one replay domain: they authenticate
// the transfers of stateless-cookie secrets (docs/protocol.md, §6.6).
Status domain_keygen(const std::string& out) {
  std::array<std::uint8_t, 32> key{};
  WipeOnExit wipe(key);
  XTT_TRY(crypto::system_random().fill(key));
  XTT_TRY(write_file(out, key, 0600));
  std::cout << "wrote " << out << " (cookie domain key, 32 bytes, mode 0600)\n";
  return ok();
}

Result<handshake::SigningKey> read_private(const std::string& path) {
  const Bytes raw = XTT_TRY(read_sized_input(path, 32, "ECDSA P-256 private key"));
  return handshake::SigningKey::from_private(kEcdsa, raw);
}

Result<std::optional<wire::Date>> parse_expiry_arg(const std::string& text, int days) {
  if (text == "never") {
    return std::optional<wire::Date>();
  }
  if (text.empty()) {
    return std::optional<wire::Date>(
        date_after(static_cast<std::int64_t>(std::time(nullptr)), days));
  }
  XTT_ENSURE(text.size() == 8, ErrorCode::kInvalidArgument, "--expiry must be YYYYMMDD or never");
  std::array<std::uint8_t, 8> field{};
  std::copy(text.begin(), text.end(), field.begin());
  auto parsed = wire::parse_expiry(field);
  XTT_ENSURE(parsed.has_value() && parsed->has_value(), ErrorCode::kInvalidArgument,
             "--expiry '" + text + "' is not a date");
  return *parsed;
}

}  // namespace

void add_cert_commands(CLI::App& app) {
  {
    auto* cmd = app.add_subcommand("root-keygen", "Generate a root ECDSA P-256 key pair");
    auto priv = std::make_shared<std::string>("root_priv.bin");
    auto pub = std::make_shared<std::string>("root_pub.bin");
    cmd->add_option("--out-private", *priv, "Private key file (32 bytes, mode 0600)");
    cmd->add_option("--out-public", *pub, "Public key file (65 bytes, 0x04||X||Y)");
    cmd->callback([=] { run_command([&] { return keygen(*priv, *pub); }); });
  }
  {
    auto* cmd = app.add_subcommand("server-keygen", "Generate a server ECDSA P-256 key pair");
    auto priv = std::make_shared<std::string>("server_priv.bin");
    auto pub = std::make_shared<std::string>("server_pub.bin");
    cmd->add_option("--out-private", *priv, "Private key file (32 bytes, mode 0600)");
    cmd->add_option("--out-public", *pub, "Public key file (65 bytes)");
    cmd->callback([=] { run_command([&] { return keygen(*priv, *pub); }); });
  }
  {
    auto* cmd = app.add_subcommand(
        "domain-keygen", "Generate the key a replay domain's nodes share for cookie sync");
    auto out = std::make_shared<std::string>("domain.key");
    cmd->add_option("--out", *out, "Domain key file (32 bytes, mode 0600)");
    cmd->callback([=] { run_command([&] { return domain_keygen(*out); }); });
  }
  {
    auto* cmd = app.add_subcommand("root-cert", "Make the root certificate: root_id || root_pub");
    auto pub = std::make_shared<std::string>("root_pub.bin");
    auto id = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>("root_cert.bin");
    cmd->add_option("--public", *pub, "Root public key file");
    cmd->add_option("--root-id", *id, "16-byte root id as hex (default: random)");
    cmd->add_option("--out", *out, "Root certificate file (81 bytes)");
    cmd->callback([=] {
      run_command([&]() -> Status {
        const Bytes key = XTT_TRY(read_sized_input(*pub, 65, "ECDSA P-256 public key"));
        wire::RootId root_id;
        if (id->empty()) {
          XTT_TRY(crypto::system_random().fill(root_id.bytes));
        } else {
          const Bytes raw = XTT_TRY(from_hex(*id));
          XTT_ENSURE(raw.size() == 16, ErrorCode::kInvalidArgument, "--root-id must be 16 bytes");
          std::copy(raw.begin(), raw.end(), root_id.bytes.begin());
        }
        Bytes cert(root_id.bytes.begin(), root_id.bytes.end());
        cert.insert(cert.end(), key.begin(), key.end());
        XTT_TRY(handshake::TrustedRoot::from_certificate(kEcdsa, cert));  // validates the key
        XTT_TRY(write_file(*out, cert));
        std::cout << "wrote " << *out << " (root id " << to_hex(root_id.bytes) << ")\n";
        return ok();
      });
    });
  }
  {
    auto* cmd = app.add_subcommand("server-cert", "Make a server certificate signed by a root");
    auto root_priv = std::make_shared<std::string>("root_priv.bin");
    auto root_cert = std::make_shared<std::string>("root_cert.bin");
    auto server_pub = std::make_shared<std::string>("server_pub.bin");
    auto expiry = std::make_shared<std::string>();
    auto days = std::make_shared<int>(365);
    auto out = std::make_shared<std::string>("server_cert.bin");
    cmd->add_option("--root-private", *root_priv, "Root private key file");
    cmd->add_option("--root-cert", *root_cert, "Root certificate file (81 bytes)");
    cmd->add_option("--server-public", *server_pub, "Server public key file (65 bytes)");
    cmd->add_option("--expiry", *expiry, "Expiry date YYYYMMDD, or 'never' (default: --days)");
    cmd->add_option("--days", *days, "Validity in days from today when --expiry is not given")
        ->check(CLI::Range(1, 36500));
    cmd->add_option("--out", *out, "Server certificate file (169 bytes)");
    cmd->callback([=] {
      run_command([&]() -> Status {
        RootMaterial root{XTT_TRY(read_private(*root_priv)), {}, {}};
        root.certificate = XTT_TRY(read_sized_input(*root_cert, 81, "root certificate"));
        const auto trusted =
            XTT_TRY(handshake::TrustedRoot::from_certificate(kEcdsa, root.certificate));
        XTT_ENSURE(trusted.public_key == root.key.public_key, ErrorCode::kInvalidArgument,
                   "the root private key does not belong to the root certificate");
        root.root_id = trusted.root_id;
        const Bytes pub = XTT_TRY(read_sized_input(*server_pub, 65, "ECDSA P-256 public key"));
        const auto exp = XTT_TRY(parse_expiry_arg(*expiry, *days));
        const Bytes cert = XTT_TRY(make_server_certificate(root, pub, exp));
        XTT_TRY(write_file(*out, cert));
        std::cout << "wrote " << *out << " (169 bytes)\n";
        return ok();
      });
    });
  }
}

}  // namespace xtt::tools
