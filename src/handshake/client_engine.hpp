#pragma once

#include <optional>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "crypto/x25519.hpp"
#include "handshake/states.hpp"
#include "handshake/transcript.hpp"
#include "handshake/types.hpp"

namespace xtt::handshake {

// What one call produced: bytes to send now (possibly none) and the state
// the engine is in afterwards.
struct ClientOutput {
  Bytes send;
  ClientState state = ClientState::kStart;
};

// The client side of one handshake, sans IO: the caller moves bytes and
// supplies the time. Identity (§5.1, §6.3) or session (§6.2, §6.3)
// handshake, chosen at construction. Random draws, in order (§3.11):
//   identity: X25519 (32), long-term key (32), client nonce (32), ECDSA k
//             (32, ECDSA family only), DAA l, k, nn (65 each);
//   session:  X25519 (32), client nonce (32), ECDSA k (32, ECDSA family).
// Every failure returns the Error, moves to kFailed and leaves the Error
// message (§2.7) in error_message() unless the peer sent one itself.
class ClientHandshake {
 public:
  // kInvalidArgument for an unusable configuration (a root or key of another
  // family, a one-shot 0x15 with a non-zero requested ClientID, a payload
  // that does not fit the length field, missing DAA keys).
  static Result<ClientHandshake> identity(IdentityClientConfig config, Random& rng);
  static Result<ClientHandshake> session(SessionClientConfig config, Random& rng);

  ClientHandshake(ClientHandshake&&) noexcept = default;
  ClientHandshake& operator=(ClientHandshake&&) noexcept = default;

  // ClientInit (only in kStart).
  Result<Bytes> start();
  // One whole message from the server. now (Unix seconds) dates the
  // certificate expiry check.
  Result<ClientOutput> receive(ByteSpan message, std::uint64_t now);

  ClientState state() const { return state_; }
  HandshakeKind kind() const { return kind_; }
  const std::optional<Bytes>& error_message() const { return error_message_; }
  // In kDone.
  const ClientResult* result() const { return state_ == ClientState::kDone ? &result_ : nullptr; }
  ClientResult take_result() { return std::move(result_); }

 private:
  ClientHandshake() = default;

  Result<ClientOutput> on_server_attest(ByteSpan message, std::uint64_t now);
  Result<Bytes> build_identity_attest();
  Result<Bytes> build_session_attest();
  Result<ClientOutput> on_identity_finished(ByteSpan message);
  Result<ClientOutput> on_session_finished(ByteSpan message);
  Error fail(Error error);

  HandshakeKind kind_ = HandshakeKind::kIdentity;
  wire::SuiteInfo suite_{};
  Random* rng_ = nullptr;
  std::optional<IdentityClientConfig> identity_;
  std::optional<SessionClientConfig> session_;
  ClientState state_ = ClientState::kStart;

  std::optional<crypto::x25519::KeyPair> dh_;
  SigningKey longterm_key_;
  detail::Transcript transcript_;
  ClientResult result_;
  std::optional<Bytes> error_message_;
};

// The 4-byte Error message (§2.7) the engines hand out.
Bytes error_message_bytes();
// Common receive-side screening: a received Error (0x41) is kPeerError, an
// unknown type kUnknownType, a known type outside expected kUnexpectedMessage.
Status screen_message(ByteSpan message, std::initializer_list<wire::MsgType> expected);

}  // namespace xtt::handshake
