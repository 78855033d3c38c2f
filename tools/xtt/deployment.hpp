#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/random.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "handshake/credentials.hpp"
#include "handshake/types.hpp"
#include "store/records.hpp"
#include "wire/expiry.hpp"

namespace xtt::tools {

// The pieces of a deployment, made the way the key, certificate and DAA
// commands make them (shared so the demo exercises the same code).

struct RootMaterial {
  handshake::SigningKey key;
  wire::RootId root_id;
  Bytes certificate;  // root_id || root_pub: 81 bytes
};
Result<RootMaterial> make_root(Random& rng);

// A server certificate signed by the root, with a real expiry in the reserved
// field (the legacy server id is "XTTSERVER" padded with zeros).
Result<Bytes> make_server_certificate(const RootMaterial& root, ByteSpan server_public_key,
                                      const std::optional<wire::Date>& expiry);

struct GroupMaterial {
  std::unique_ptr<daa::IssuerKeyPair> issuer;
  Bytes basename;
  wire::GroupId gid;  // SHA-256(gpk || basename), §3.10
};
Result<GroupMaterial> make_group(std::string_view basename, Random& rng);
wire::GroupId group_id(const daa::GroupPublicKey& gpk, ByteSpan basename);

struct MemberMaterial {
  std::shared_ptr<const daa::MemberSecretKey> secret;
  std::shared_ptr<const daa::Credential> credential;
};
// The whole join, as issuer and member would run it: nonce, member key with
// proof, credential with proof, member-side credential check.
Result<MemberMaterial> make_member(const GroupMaterial& group, Random& rng);

handshake::DaaMembership membership(const GroupMaterial& group, const MemberMaterial& member);

// A server configuration with a fresh ECDSA key and a certificate from root,
// valid for `days` from now.
Result<std::shared_ptr<handshake::ServerConfig>> make_server_config(const RootMaterial& root,
                                                                    Random& rng, std::int64_t now,
                                                                    int days);
// The store's record of a group.
store::GroupRecord group_record(const GroupMaterial& group, std::int64_t now, std::string name);
// A session handshake for a device provisioned with `identity`.
handshake::SessionClientConfig session_config(const handshake::ClientResult& identity,
                                              const handshake::TrustedRoot& root);

// Today's date plus `days`, in UTC, from a Unix time.
wire::Date date_after(std::int64_t now, int days);

}  // namespace xtt::tools
