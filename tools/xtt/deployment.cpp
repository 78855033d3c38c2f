#include "deployment.hpp"

#include <cstring>

#include "crypto/hash.hpp"

namespace xtt::tools {

Result<RootMaterial> make_root(Random& rng) {
  RootMaterial root{
      XTT_TRY(handshake::SigningKey::generate(wire::SignatureKind::kEcdsaP256, rng)), {}, {}};
  XTT_TRY(rng.fill(root.root_id.bytes));
  root.certificate.assign(root.root_id.bytes.begin(), root.root_id.bytes.end());
  root.certificate.insert(root.certificate.end(), root.key.public_key.begin(),
                          root.key.public_key.end());
  return root;
}

Result<Bytes> make_server_certificate(const RootMaterial& root, ByteSpan server_public_key,
                                      const std::optional<wire::Date>& expiry) {
  std::array<std::uint8_t, 24> reserved{};
  static constexpr char kLegacyId[] = "XTTSERVER";
  std::memcpy(reserved.data(), kLegacyId, sizeof(kLegacyId) - 1);
  const auto expiry_bytes = XTT_TRY(wire::encode_expiry(expiry));
  std::memcpy(reserved.data() + 16, expiry_bytes.data(), expiry_bytes.size());
  return handshake::make_server_certificate(root.key, root.root_id, server_public_key, reserved);
}

wire::GroupId group_id(const daa::GroupPublicKey& gpk, ByteSpan basename) {
  crypto::Sha256 h;
  h.update(gpk.encode());
  h.update(basename);
  const auto digest = h.finish();
  return wire::GroupId::from(digest);
}

Result<GroupMaterial> make_group(std::string_view basename, Random& rng) {
  GroupMaterial group;
  group.issuer = std::make_unique<daa::IssuerKeyPair>(XTT_TRY(daa::issuer_keygen(rng)));
  group.basename.assign(basename.begin(), basename.end());
  group.gid = group_id(group.issuer->public_key.group_public_key(), group.basename);
  return group;
}

Result<MemberMaterial> make_member(const GroupMaterial& group, Random& rng) {
  std::array<std::uint8_t, 32> nonce{};
  XTT_TRY(rng.fill(nonce));
  daa::MemberKeyPair member = XTT_TRY(daa::member_keygen(nonce, rng));
  daa::IssuedCredential issued = XTT_TRY(daa::issue_credential(
      group.issuer->secret, member.public_key, std::optional<ByteSpan>(nonce), rng));
  XTT_TRY(daa::verify_credential(issued.credential, issued.signature, member.public_key.q(),
                                 group.issuer->public_key.group_public_key()));
  return MemberMaterial{std::make_shared<const daa::MemberSecretKey>(std::move(member.secret)),
                        std::make_shared<const daa::Credential>(std::move(issued.credential))};
}

handshake::DaaMembership membership(const GroupMaterial& group, const MemberMaterial& member) {
  handshake::DaaMembership m;
  m.secret_key = member.secret;
  m.credential = member.credential;
  m.basename = group.basename;
  m.gid = group.gid;
  return m;
}

Result<std::shared_ptr<handshake::ServerConfig>> make_server_config(const RootMaterial& root,
                                                                    Random& rng, std::int64_t now,
                                                                    int days) {
  const auto key = XTT_TRY(handshake::SigningKey::generate(wire::SignatureKind::kEcdsaP256, rng));
  const Bytes cert = XTT_TRY(make_server_certificate(root, key.public_key, date_after(now, days)));
  auto config = std::make_shared<handshake::ServerConfig>();
  config->credentials.push_back(XTT_TRY(handshake::ServerCredential::create(
      wire::SignatureKind::kEcdsaP256, cert, key.private_key.span())));
  return config;
}

store::GroupRecord group_record(const GroupMaterial& group, std::int64_t now, std::string name) {
  store::GroupRecord record;
  record.gid = group.gid;
  const auto& gpk = group.issuer->public_key.group_public_key().encode();
  std::copy(gpk.begin(), gpk.end(), record.public_key.begin());
  record.basename = group.basename;
  record.name = std::move(name);
  record.created_at = now;
  return record;
}

handshake::SessionClientConfig session_config(const handshake::ClientResult& identity,
                                              const handshake::TrustedRoot& root) {
  handshake::SessionClientConfig cfg;
  cfg.suite = identity.suite;
  cfg.roots = {root};
  cfg.client_id = identity.client_id;
  cfg.longterm_key = identity.longterm_key->clone();
  cfg.longterm_secret = identity.longterm_secret->clone();
  return cfg;
}

wire::Date date_after(std::int64_t now, int days) {
  return handshake::date_from_unix(static_cast<std::uint64_t>(now + std::int64_t{days} * 86400));
}

}  // namespace xtt::tools
