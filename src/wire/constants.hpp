#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/result.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// Message types (§2.1, plus the project's 0x12, 0x15 and 0x25 of §6.3). Any
// other value in a header is an error.
enum class MsgType : std::uint8_t {
  kClientInit = 0x01,
  kServerInitAndAttest = 0x02,
  kIdentityClientAttest = 0x11,
  kIdentityClientAttestPayload = 0x12,
  kIdentityServerFinished = 0x13,
  kIdentityClientAttestPayloadNoResponse = 0x15,
  kSessionClientAttestNoPayload = 0x21,
  kSessionClientAttestPayload = 0x22,
  kSessionServerFinished = 0x23,
  kSessionClientAttestPayloadNoResponse = 0x25,
  kRecordRegular = 0x31,
  kError = 0x41,
};

Result<MsgType> parse_msg_type(std::uint8_t raw);
std::string_view name_of(MsgType type);
// Every handshake message carries a suite at offset 4; Record_Regular and
// Error do not.
bool has_suite(MsgType type);
// 0x12, 0x15, 0x22, 0x25: a payload block follows the first AEAD part.
bool carries_payload_block(MsgType type);

inline constexpr std::uint8_t kVersion = 0x01;

// Suites (§2.1, §6.5, §6.7).
enum class SuiteSpec : std::uint16_t {
  kX25519LrswEcdsaP256ChaCha20Poly1305Sha512 = 0x0001,
  kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b = 0x0002,
  kX25519LrswEcdsaP256Aes256GcmSha512 = 0x0003,
  kX25519LrswEcdsaP256Aes256GcmBlake2b = 0x0004,
  kX25519LrswEcdsaP256NullSha512 = 0x0005,
  kX25519LrswEcdsaP256NullBlake2b = 0x0006,
  kX25519LrswEd25519ChaCha20Poly1305Sha512 = 0x0011,
  kX25519LrswEd25519ChaCha20Poly1305Blake2b = 0x0012,
  kX25519LrswEd25519Aes256GcmSha512 = 0x0013,
  kX25519LrswEd25519Aes256GcmBlake2b = 0x0014,
  kX25519LrswEd25519NullSha512 = 0x0015,
  kX25519LrswEd25519NullBlake2b = 0x0016,
};

enum class AeadKind : std::uint8_t { kChaCha20Poly1305, kAes256Gcm, kNull };
enum class HashKind : std::uint8_t { kSha512, kBlake2b };
// Suites 1-4 must hash libxtt's mangled client-signature input (§3.6); the
// project suites hash the full intended input (§6.7).
enum class ClientSignatureForm : std::uint8_t { kLibxttQuirk, kFull };

// Common sizes (§2.1).
inline constexpr std::size_t kCommonHeaderSize = 4;     // type, length, version
inline constexpr std::size_t kHandshakeHeaderSize = 6;  // + suite
inline constexpr std::size_t kSigningNonceSize = 32;
inline constexpr std::size_t kDhPublicKeySize = 32;
inline constexpr std::size_t kServerCookieSize = 130;
inline constexpr std::size_t kClientIdSize = 16;
inline constexpr std::size_t kGroupIdSize = 32;
inline constexpr std::size_t kRootIdSize = 16;
inline constexpr std::size_t kSessionIdSize = 16;
inline constexpr std::size_t kDaaSignatureSize = 421;
inline constexpr std::size_t kAeadTagSize = 16;
inline constexpr std::size_t kHashSize = 64;
inline constexpr std::size_t kCertificateReservedSize = 24;
inline constexpr std::size_t kLegacyServerIdSize = 16;
inline constexpr std::size_t kExpirySize = 8;
inline constexpr std::size_t kEcdsaCertificateSize = 169;
inline constexpr std::size_t kEcdsaRootCertificateSize = 81;
inline constexpr std::size_t kEd25519CertificateSize = 136;
inline constexpr std::size_t kEd25519RootCertificateSize = 48;

// Message totals (§2.8, §6.0); the Ed25519 family differs where keys appear.
inline constexpr std::size_t kClientInitSize = 70;
inline constexpr std::size_t kEcdsaServerInitAndAttestSize = 417;
inline constexpr std::size_t kEd25519ServerInitAndAttestSize = 384;
inline constexpr std::size_t kEcdsaIdentityClientAttestSize = 750;
inline constexpr std::size_t kEd25519IdentityClientAttestSize = 717;
inline constexpr std::size_t kEcdsaIdentityServerFinishedSize = 103;
inline constexpr std::size_t kEd25519IdentityServerFinishedSize = 70;
inline constexpr std::size_t kSessionClientAttestSize = 232;
inline constexpr std::size_t kSessionServerFinishedSize = 54;
inline constexpr std::size_t kErrorMsgSize = 4;
// Cleartext parts that serve as AEAD associated data.
inline constexpr std::size_t kServerInitAndAttestAadSize = 168;
inline constexpr std::size_t kClientAttestAadSize = 136;
inline constexpr std::size_t kServerFinishedAadSize = 6;
inline constexpr std::size_t kRecordHeaderSize = 24;
// payload_type(1) || payload(n) || tag(16) (§6.3, §6.4).
inline constexpr std::size_t kPayloadBlockOverhead = 1 + kAeadTagSize;
inline constexpr std::size_t kRecordMinSize = kRecordHeaderSize + kPayloadBlockOverhead;  // 41

// Header length limits. libxtt rejects any length above 750 (§2.1); the
// project lifts that to the u16 maximum for the payload-carrying types
// (§6 intro), which the length field cannot exceed anyway.
inline constexpr std::size_t kMaxServerHandshakeSize = 417;
inline constexpr std::size_t kMaxClientHandshakeSize = 750;
inline constexpr std::size_t kMaxHandshakeLength = kMaxClientHandshakeSize;
inline constexpr std::size_t kMaxMessageLength = 65535;

// The largest length field a receiver accepts for this type.
std::size_t max_length(MsgType type);
// The smallest total any suite allows for this type (a framer can reject
// shorter lengths before reading the body).
std::size_t min_length(MsgType type);

// Everything the wire layer (and the layers above) need to know about a suite.
struct SuiteInfo {
  SuiteSpec spec;
  std::string_view name;
  AeadKind aead;
  HashKind hash;
  SignatureKind signature;
  ClientSignatureForm client_signature_form;
  std::size_t tag_size;
  std::size_t hash_size;
  std::size_t signature_public_key_size;  // 65 ECDSA, 32 Ed25519
  std::size_t signature_size;             // 64 either way
  std::size_t server_certificate_size;    // 169 / 136
  std::size_t root_certificate_size;      // 81 / 48
  // Message totals for this suite (first part only for payload variants).
  std::size_t server_init_and_attest_size;    // 417 / 384
  std::size_t identity_client_attest_size;    // 750 / 717 (|CA1| of 0x11/0x12/0x15)
  std::size_t identity_server_finished_size;  // 103 / 70
  std::size_t session_client_attest_size;     // 232
  std::size_t session_server_finished_size;   // 54
  // Plaintext sizes of the encrypted parts.
  std::size_t server_attest_plaintext_size;             // 233 / 200
  std::size_t identity_client_attest_plaintext_size;    // 598 / 565
  std::size_t identity_server_finished_plaintext_size;  // 81 / 48
  std::size_t session_client_attest_plaintext_size;     // 80
  std::size_t session_server_finished_plaintext_size;   // 32

  bool is_null() const { return aead == AeadKind::kNull; }
  bool is_libxtt() const { return client_signature_form == ClientSignatureForm::kLibxttQuirk; }
};

// Unknown values are kUnknownSuite (UNKNOWN_SUITE_SPEC).
Result<SuiteSpec> parse_suite_spec(std::uint16_t raw);
Result<SuiteInfo> suite_info(SuiteSpec spec);
Result<SuiteInfo> suite_info(std::uint16_t raw);

// payload_type of a payload block or record (§6.4). Receivers must not reject
// other values (they authenticate and are discarded), so plaintexts keep the
// raw byte and this enum only names the known ones.
enum class PayloadType : std::uint8_t { kQueueProtocol = 0x01, kIpv6 = 0x02 };
bool is_known_payload_type(std::uint8_t raw);

}  // namespace xtt::wire
