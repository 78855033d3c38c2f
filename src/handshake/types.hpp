#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/bytes.hpp"
#include "base/secret.hpp"
#include "daa/credential.hpp"
#include "daa/member.hpp"
#include "daa/verify.hpp"
#include "handshake/credentials.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/server_cookie.hpp"
#include "record/session_keys.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

// What the engines take and give: configurations, the requests a paused
// server hands its caller, and the final results.
namespace xtt::handshake {

// Which message 3 a handshake used (§6.0).
enum class HandshakeKind : std::uint8_t {
  kIdentity,         // 0x11, or 0x12 with a payload
  kIdentityOneShot,  // 0x15: DAA only, no ClientID, no session
  kSession,          // 0x21, or 0x22 with a payload
  kSessionOneShot,   // 0x25: no session
};

// Early data for message 3 (§6.3): 0x12 / 0x22, or 0x15 / 0x25 with one_shot.
struct ClientPayload {
  std::uint8_t payload_type = static_cast<std::uint8_t>(wire::PayloadType::kQueueProtocol);
  Bytes data;
  bool one_shot = false;
};

// A payload the server authenticated (§6.3). Payloads of unknown type are
// authenticated too but only counted, never handed out (§6.0 point 2).
struct PayloadEvent {
  std::uint8_t payload_type = 0;
  SecretVector data;  // early data may be confidential: wiped with the event
};

// ---------------------------------------------------------------- client side

// The client's DAA group membership (§3.10, §4).
struct DaaMembership {
  std::shared_ptr<const daa::MemberSecretKey> secret_key;
  std::shared_ptr<const daa::Credential> credential;
  Bytes basename;  // the group's basename (never empty, §4.6)
  wire::GroupId gid;
};

struct IdentityClientConfig {
  wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  std::vector<TrustedRoot> roots;
  DaaMembership daa;
  wire::ClientId requested_client_id;  // all-zero: the server assigns one
  std::optional<ClientPayload> payload;
};

struct SessionClientConfig {
  wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  std::vector<TrustedRoot> roots;
  wire::ClientId client_id;
  SigningKey longterm_key;  // of the suite's family
  LongtermSecret longterm_secret;
  std::optional<ClientPayload> payload;
};

struct ClientResult {
  HandshakeKind kind = HandshakeKind::kIdentity;
  wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  wire::RootId root_id;                    // the root that vouched for the server
  wire::ClientId client_id;                // assigned (identity) or own (session); zero for 0x15
  std::optional<SigningKey> longterm_key;  // identity: the fresh key pair
  std::optional<LongtermSecret> longterm_secret;  // identity (not 0x15)
  std::optional<record::SessionKeys> session;     // none for the one-shots
  std::optional<wire::Pseudonym> pseudonym;       // identity handshakes
};

// ---------------------------------------------------------------- server side

enum class CookieMode : std::uint8_t { kStateful, kStateless };

struct ServerConfig {
  // Index = cert_index of §6.6. For a suite the first credential of its
  // signature family signs.
  std::vector<ServerCredential> credentials;
  // Suites the server accepts; the null suites (§6.5) additionally need
  // allow_null_suites.
  std::vector<wire::SuiteSpec> suites = {
      wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
      wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b,
      wire::SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512,
      wire::SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b,
      wire::SuiteSpec::kX25519LrswEcdsaP256NullSha512,
      wire::SuiteSpec::kX25519LrswEcdsaP256NullBlake2b,
      wire::SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Sha512,
      wire::SuiteSpec::kX25519LrswEd25519ChaCha20Poly1305Blake2b,
      wire::SuiteSpec::kX25519LrswEd25519Aes256GcmSha512,
      wire::SuiteSpec::kX25519LrswEd25519Aes256GcmBlake2b,
      wire::SuiteSpec::kX25519LrswEd25519NullSha512,
      wire::SuiteSpec::kX25519LrswEd25519NullBlake2b,
  };
  bool allow_null_suites = false;
  CookieMode cookie_mode = CookieMode::kStateful;
  // Stateless mode only: shared by every engine of the replay domain.
  std::shared_ptr<CookieKeyring> keyring;
  std::shared_ptr<CookieReplayCache> replay_cache;
  // Stateless mode: put the client's address into the cookie's AD (§6.6).
  bool bind_client_address = false;
};

// Pause: which group is this? (identity handshakes, after the first AEAD part
// of message 3 opened).
struct GroupLookup {
  wire::GroupId gid;
  wire::ClientId requested_client_id;
  wire::Pseudonym pseudonym;
};

// The caller's answer for a known group.
struct GroupInfo {
  std::shared_ptr<const daa::PreparedGroupKey> key;
  Bytes basename;
  daa::RevocationLists revoked;
};

// Pause: every check passed; the caller assigns or accepts a ClientID and
// stores the identity durably (and the confirmed session with session_id)
// before the engine sends Identity_ServerFinished (§6.1 "Store").
struct ProvisionIdentity {
  wire::ClientId requested_client_id;  // all-zero: assign one
  wire::GroupId gid;
  wire::Pseudonym pseudonym;
  wire::SignatureKind signature_kind = wire::SignatureKind::kEcdsaP256;
  Bytes client_longterm_pub;
  LongtermSecret longterm_secret;  // to store with the identity
  wire::SessionId session_id;
};

// Pause (session handshakes): who is this ClientID?
struct ClientLookup {
  wire::ClientId client_id;
};

// The caller's answer for a stored ClientID (§6.1 "Store").
struct ClientRecord {
  wire::SignatureKind signature_kind = wire::SignatureKind::kEcdsaP256;
  Bytes longterm_pub;
  LongtermSecret longterm_secret;
  bool revoked = false;
};

// Pause (session handshakes): store this session; fail on a session_id
// collision (§6.1).
struct RegisterSession {
  wire::SessionId session_id;
  wire::ClientId client_id;
  bool confirmed = false;  // 0x22: the payload block proved the client's keys
};

struct ServerResult {
  HandshakeKind kind = HandshakeKind::kIdentity;
  wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  std::optional<wire::ClientId> client_id;  // none for 0x15
  wire::SignatureKind signature_kind = wire::SignatureKind::kEcdsaP256;
  Bytes client_longterm_pub;                      // identity handshakes
  std::optional<wire::GroupId> gid;               // identity handshakes
  std::optional<wire::Pseudonym> pseudonym;       // identity handshakes
  std::optional<LongtermSecret> longterm_secret;  // identity (not 0x15)
  std::optional<record::SessionKeys> session;     // none for the one-shots
  bool session_confirmed = false;
  std::optional<PayloadEvent> payload;
  std::size_t discarded_payloads = 0;  // authenticated blocks of unknown type
};

}  // namespace xtt::handshake
