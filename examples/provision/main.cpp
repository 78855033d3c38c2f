// Provisions one device through the installed xtt library: a root and server
// certificate, a DAA group with one member, a server on loopback with an
// in-memory store, and the device's identity handshake over TCP.
#include <xtt/xtt.hpp>

#include <cstdio>

namespace {

xtt::Status run() {
  using namespace xtt;
  Random& rng = crypto::system_random();
  constexpr auto kEcdsa = wire::SignatureKind::kEcdsaP256;

  // Root and server certificate (no expiry).
  auto root = XTT_TRY(handshake::SigningKey::generate(kEcdsa, rng));
  wire::RootId root_id;
  XTT_TRY(rng.fill(root_id.bytes));
  auto server_key = XTT_TRY(handshake::SigningKey::generate(kEcdsa, rng));
  std::array<std::uint8_t, 24> reserved{};
  const Bytes cert =
      XTT_TRY(handshake::make_server_certificate(root, root_id, server_key.public_key, reserved));
  auto config = std::make_shared<handshake::ServerConfig>();
  config->credentials.push_back(
      XTT_TRY(handshake::ServerCredential::create(kEcdsa, cert, server_key.private_key.span())));

  // A DAA group with one member.
  auto issuer = XTT_TRY(daa::issuer_keygen(rng));
  const std::array<std::uint8_t, 32> nonce{1, 2, 3};
  auto member = XTT_TRY(daa::member_keygen(nonce, rng));
  auto issued = XTT_TRY(
      daa::issue_credential(issuer.secret, member.public_key, std::optional<ByteSpan>(nonce), rng));
  const Bytes basename = {'e', 'x', 'a', 'm', 'p', 'l', 'e'};
  const auto& gpk = issuer.public_key.group_public_key().encode();
  const auto gid_digest = crypto::sha256(concat({gpk, basename}));

  // The server, with the group in its store.
  std::shared_ptr<store::Store> store(XTT_TRY(store::open_store("memory:")).release());
  store::GroupRecord group;
  group.gid = wire::GroupId::from(gid_digest);
  std::copy(gpk.begin(), gpk.end(), group.public_key.begin());
  group.basename = basename;
  XTT_TRY(store->put_group(group));
  auto server = XTT_TRY(net::Server::start(net::ServerOptions{}, config, store));

  // The device.
  handshake::IdentityClientConfig device;
  Bytes root_cert(root_id.bytes.begin(), root_id.bytes.end());
  root_cert.insert(root_cert.end(), root.public_key.begin(), root.public_key.end());
  device.roots = {XTT_TRY(handshake::TrustedRoot::from_certificate(kEcdsa, root_cert))};
  device.daa.secret_key = std::make_shared<const daa::MemberSecretKey>(std::move(member.secret));
  device.daa.credential = std::make_shared<const daa::Credential>(std::move(issued.credential));
  device.daa.basename = basename;
  device.daa.gid = group.gid;
  auto engine = XTT_TRY(handshake::ClientHandshake::identity(std::move(device), rng));
  const auto result = XTT_TRY(
      net::run_handshake("127.0.0.1", server->tcp_port(), engine, std::chrono::seconds(10)));
  std::printf("provisioned ClientID ");
  for (auto b : result.client_id.bytes) {
    std::printf("%02x", b);
  }
  std::printf("\n");
  server->stop();
  return ok();
}

}  // namespace

int main() {
  const xtt::Status st = run();
  if (!st) {
    std::fprintf(stderr, "example: %s\n", st.error().to_string().c_str());
    return 1;
  }
  return 0;
}
