// `xtt identity export-x509`: a provisioned identity as an X.509 certificate.
#include <filesystem>
#include <iostream>

#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "crypto/x509.hpp"
#include "net/address.hpp"

namespace xtt::tools {

namespace {

// The ClientID written as an IPv6 address, as libxtt's genx509cert names the
// certificate (XTT ClientIDs double as IPv6 interface addresses).
std::string client_id_as_ipv6(ByteSpan id) {
  static constexpr char kHex[] = "0123456789ABCDEF";  // libxtt writes upper case
  std::string out;
  for (std::size_t i = 0; i < id.size(); i += 2) {
    if (i != 0) {
      out.push_back(':');
    }
    for (std::uint8_t b : {id[i], id[i + 1]}) {
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xf]);
    }
  }
  return out;
}

Status export_x509(const std::string& identity, const std::string& out, const std::string& key_out,
                   int days) {
  const std::filesystem::path dir(identity);
  const Bytes id = XTT_TRY(read_sized_input(dir / "client_id.bin", 16, "ClientID"));
  const Bytes raw = XTT_TRY(read_sized_input(dir / "longterm_priv.bin", 32, "long-term key"));
  const crypto::ecdsa_p256::PrivateKey key(std::span<const std::uint8_t, 32>(raw.data(), 32));
  std::uint8_t serial_bytes[8];
  XTT_TRY(crypto::system_random().fill(serial_bytes));
  std::uint64_t serial = 0;
  for (std::uint8_t b : serial_bytes) {
    serial = (serial << 8) | b;
  }
  serial >>= 1;  // a positive INTEGER
  const std::int64_t now = net::unix_now();
  const std::string pem = XTT_TRY(crypto::x509::self_signed_pem(
      key, client_id_as_ipv6(id), now - 60, now + std::int64_t{days} * 86400, serial | 1));
  XTT_TRY(write_file(out, Bytes(pem.begin(), pem.end())));
  std::cout << "wrote " << out << " (CN=" << client_id_as_ipv6(id) << ")\n";
  if (!key_out.empty()) {
    const std::string key_pem = XTT_TRY(crypto::x509::private_key_pem(key));
    XTT_TRY(write_file(key_out, Bytes(key_pem.begin(), key_pem.end()), 0600));
    std::cout << "wrote " << key_out << " (mode 0600)\n";
  }
  return ok();
}

}  // namespace

void add_identity_commands(CLI::App& app) {
  auto* identity = app.add_subcommand("identity", "Work with a provisioned identity");
  identity->require_subcommand(1);
  auto* cmd = identity->add_subcommand(
      "export-x509", "Self-signed X.509 certificate of the long-term key (as genx509cert)");
  auto dir = std::make_shared<std::string>("identity");
  auto out = std::make_shared<std::string>("identity_cert.pem");
  auto key_out = std::make_shared<std::string>();
  auto days = std::make_shared<int>(3650);
  cmd->add_option("--identity", *dir, "Identity directory from `client provision`");
  cmd->add_option("--out", *out, "Certificate (PEM)");
  cmd->add_option("--key-out", *key_out, "Also write the private key (PKCS#8 PEM, mode 0600)");
  cmd->add_option("--days", *days, "Validity in days")->check(CLI::Range(1, 36500));
  cmd->callback([=] { run_command([&] { return export_x509(*dir, *out, *key_out, *days); }); });
}

}  // namespace xtt::tools
