#pragma once

#include <gtest/gtest.h>

#include "test_support.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/verify.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/recording_random.hpp"
#include "handshake/server_engine.hpp"

// Keys, configurations and a driver that runs our client against our server,
// answering the server's pauses like an application with a store would.
namespace xtt::handshake::test {

inline constexpr std::uint64_t kNow = 1700000000;  // 2023-11-14

// A DAA group member: its keys and the group's.
struct Member {
  std::shared_ptr<const daa::MemberSecretKey> secret;
  std::shared_ptr<const daa::Credential> credential;
};

struct Pki {
  wire::RootId root_id;
  SigningKey root_ecdsa;
  SigningKey root_ed;
  TrustedRoot trusted_ecdsa;
  TrustedRoot trusted_ed;
  ServerCredential server_ecdsa;
  ServerCredential server_ed;
  Bytes basename;
  wire::GroupId gid;
  Bytes group_public_key;  // encoded, as a store keeps it
  std::shared_ptr<const daa::PreparedGroupKey> group_key;
  Member member;
  Member other_member;  // a second member of the same group
  std::shared_ptr<const daa::PreparedGroupKey> foreign_group_key;  // another issuer's
};

// Built once per test binary, from fixed seeds.
const Pki& pki();

std::vector<wire::SuiteSpec> all_suites();
std::vector<wire::SuiteSpec> libxtt_suites();
wire::SuiteInfo info(wire::SuiteSpec s);
const TrustedRoot& root_for(wire::SuiteSpec s);

IdentityClientConfig identity_config(wire::SuiteSpec s, const Member& m = pki().member);
GroupInfo group_info();

// The application side of a server: a store of identities and sessions.
struct Directory {
  std::map<wire::ClientId, ClientRecord> clients;
  std::vector<wire::SessionId> sessions;
  SeededRandom id_rng{"directory ids"};
  bool know_group = true;
  std::shared_ptr<const daa::PreparedGroupKey> group_key;  // default: the PKI's
  std::optional<wire::ClientId> force_id;                  // assign this whatever was requested
  daa::RevocationLists revoked;

  // Answers whatever the server is paused on, until it needs a message or
  // stops. Returns the last output.
  Result<ServerOutput> drive(ServerHandshake& server, Result<ServerOutput> out);
};

struct ServerSetup {
  std::shared_ptr<ServerConfig> config;
  std::shared_ptr<CookieKeyring> keyring;
  std::shared_ptr<MemoryReplayCache> cache;
};
// All suites allowed (null suites too when allow_null), both credentials.
ServerSetup server_setup(CookieMode mode, bool allow_null = true, Random* keyring_rng = nullptr);

// A full handshake in memory. Each step's failure stops the run.
struct Exchange {
  std::optional<Error> client_error;
  std::optional<Error> server_error;
  std::optional<ClientResult> client;
  std::optional<ServerResult> server;
  std::vector<Bytes> messages;  // as exchanged
};
Exchange exchange(ClientHandshake client, ServerHandshake& server, Directory& dir,
                  std::uint64_t now = kNow);

// Provisions an identity on suite s and returns a session config for it
// (the store record lands in dir).
SessionClientConfig provision(wire::SuiteSpec s, Directory& dir, ServerSetup& setup);

// What the client derived, recomputed from its first random draw (the X25519
// secret): lets a test play a man in the middle that re-seals messages after
// changing a field, to reach checks behind the AEAD.
struct ClientView {
  detail::Transcript t;
};
ClientView client_view(const std::string& client_seed, ByteSpan ci, ByteSpan sia);
// Opens message 3's first part, lets mutate change the plaintext, re-seals it
// (the header, cookie and payload block stay as they were).
Bytes reseal_attest(ClientView& v, ByteSpan msg3, const std::function<void(Bytes&)>& mutate);
// The same for a ServerFinished (0x13 or 0x23; server key, seq 1).
Bytes reseal_finished(ClientView& v, ByteSpan msg4, const std::function<void(Bytes&)>& mutate);

Bytes flip_bit(ByteSpan msg, std::size_t offset);

using ::xtt::test::must;

}  // namespace xtt::handshake::test
