#pragma once

#include <memory>
#include <optional>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "handshake/states.hpp"
#include "handshake/transcript.hpp"
#include "handshake/types.hpp"

namespace xtt::handshake {

struct ServerOutput {
  Bytes send;  // to write now; may be empty
  ServerState state = ServerState::kAwaitClientInit;
};

// The server side of one handshake, sans IO (BoringSSL's ssl_hs_wait_t
// pattern): it takes whole messages and the time, returns bytes to send, and
// PAUSES where only the caller can decide (group lookup, ClientID assignment
// and durable storage, ClientID lookup, session registration). The caller
// answers through the matching resume_*() call. Nothing acknowledges an
// identity before the caller has stored it.
//
// Random draws, in order (§3.11): stateful: X25519 (32), cookie (130), ECDSA
// k (32, ECDSA family); stateless: cookie_nonce (12) only (the DH secret comes
// from the cookie secret and the signature is deterministic).
//
// Every failure returns the Error, moves to kFailed and leaves the Error
// message (§2.7) in error_message(), except after a received Error and for a
// replayed cookie (dropped silently, §6.6 step 5).
class ServerHandshake {
 public:
  ServerHandshake(std::shared_ptr<const ServerConfig> config, Random& rng,
                  std::optional<ClientAddress> client_addr = {});
  ServerHandshake(ServerHandshake&&) noexcept = default;
  ServerHandshake& operator=(ServerHandshake&&) noexcept = default;

  Result<ServerOutput> receive(ByteSpan message, std::uint64_t now);

  // kAwaitGroup: the group's key and lists, or nullopt for an unknown GID.
  Result<ServerOutput> resume_group(std::optional<GroupInfo> group);
  // kAwaitProvision: the ClientID the caller assigned and stored, or the
  // Error that refused it.
  Result<ServerOutput> resume_provision(Result<wire::ClientId> decision);
  // kAwaitClient: the stored record, or nullopt for an unknown ClientID.
  Result<ServerOutput> resume_client(std::optional<ClientRecord> record);
  // kAwaitRegister: ok once stored, or the Error (e.g. a session_id
  // collision, kConflict).
  Result<ServerOutput> resume_register(Status decision);
  // In any pause: the caller will not go on (e.g. a §6.8 budget is spent).
  // The handshake fails with `reason` and leaves its Error message.
  Result<ServerOutput> refuse(Error reason);

  ServerState state() const { return state_; }
  // The pending request, non-null only in its pause state.
  const GroupLookup* group_lookup() const;
  const ProvisionIdentity* provision_identity() const;
  const ClientLookup* client_lookup() const;
  const RegisterSession* register_session() const;

  const std::optional<Bytes>& error_message() const { return error_message_; }
  const ServerResult* result() const { return state_ == ServerState::kDone ? &result_ : nullptr; }
  ServerResult take_result() { return std::move(result_); }

 private:
  // Message 3's first part, opened.
  struct Attest {
    wire::MsgType type = wire::MsgType::kIdentityClientAttest;
    Bytes ca1;
    Bytes payload_block;
    SecretVector plaintext;
  };

  Result<ServerOutput> on_client_init(ByteSpan message, std::uint64_t now);
  Result<ServerOutput> on_client_attest(ByteSpan message, std::uint64_t now);
  Result<Attest> open_attest_stateful(ByteSpan message);
  Result<Attest> open_attest_stateless(ByteSpan message, std::uint64_t now);
  Result<ServerOutput> continue_attest(Attest attest);
  Result<ServerOutput> continue_group(const GroupInfo& group);
  Result<ServerOutput> continue_provision(const wire::ClientId& id);
  Result<ServerOutput> continue_client(const std::optional<ClientRecord>& record);
  Result<ServerOutput> continue_register();
  Status accept_payload(const record::SessionKeys& keys);
  Status check_suite(wire::SuiteSpec suite) const;
  Result<std::size_t> credential_for(const wire::SuiteInfo& suite) const;
  Result<ServerOutput> finish(Result<ServerOutput> out);
  Error fail(Error error);
  ServerOutput output(Bytes send = {}) const { return ServerOutput{std::move(send), state_}; }

  std::shared_ptr<const ServerConfig> config_;
  Random* rng_ = nullptr;
  std::optional<ClientAddress> client_addr_;
  ServerState state_ = ServerState::kAwaitClientInit;

  detail::Transcript transcript_;
  wire::ServerCookie cookie_;  // stateful mode
  Attest attest_;
  std::optional<detail::IdentityFields> identity_;
  std::optional<wire::ClientId> session_client_;
  SignatureBytes session_signature_{};
  std::optional<record::SessionKeys> keys_;

  GroupLookup group_lookup_;
  ProvisionIdentity provision_;
  ClientLookup client_lookup_;
  RegisterSession register_;

  ServerResult result_;
  std::optional<Bytes> error_message_;
};

}  // namespace xtt::handshake
