#include "wire/constants.hpp"

#include <array>
#include <string>

namespace xtt::wire {

namespace {

constexpr SuiteInfo make_suite(SuiteSpec spec, std::string_view name, AeadKind aead, HashKind hash,
                               SignatureKind signature) {
  const bool ecdsa = signature == SignatureKind::kEcdsaP256;
  const std::size_t pub = ecdsa ? EcdsaPublicKey::kSize : Ed25519PublicKey::kSize;
  const std::size_t sig = 64;
  const std::size_t cert = kCertificateReservedSize + kRootIdSize + pub + sig;
  const std::size_t root = kRootIdSize + pub;
  const std::size_t sia_plain = cert + sig;
  const std::size_t ca_plain = pub + kGroupIdSize + kClientIdSize + sig + kDaaSignatureSize;
  const std::size_t sf_plain = kClientIdSize + pub;
  const std::size_t raw = static_cast<std::size_t>(spec);
  const bool libxtt = raw >= 0x0001 && raw <= 0x0004;
  return SuiteInfo{
      .spec = spec,
      .name = name,
      .aead = aead,
      .hash = hash,
      .signature = signature,
      .client_signature_form =
          libxtt ? ClientSignatureForm::kLibxttQuirk : ClientSignatureForm::kFull,
      .tag_size = kAeadTagSize,
      .hash_size = kHashSize,
      .signature_public_key_size = pub,
      .signature_size = sig,
      .server_certificate_size = cert,
      .root_certificate_size = root,
      .server_init_and_attest_size = kServerInitAndAttestAadSize + sia_plain + kAeadTagSize,
      .identity_client_attest_size = kClientAttestAadSize + ca_plain + kAeadTagSize,
      .identity_server_finished_size = kServerFinishedAadSize + sf_plain + kAeadTagSize,
      .session_client_attest_size = kClientAttestAadSize + kClientIdSize + sig + kAeadTagSize,
      .session_server_finished_size =
          kServerFinishedAadSize + kClientIdSize + kSessionIdSize + kAeadTagSize,
      .server_attest_plaintext_size = sia_plain,
      .identity_client_attest_plaintext_size = ca_plain,
      .identity_server_finished_plaintext_size = sf_plain,
      .session_client_attest_plaintext_size = kClientIdSize + sig,
      .session_server_finished_plaintext_size = kClientIdSize + kSessionIdSize,
  };
}

using S = SuiteSpec;
using A = AeadKind;
using H = HashKind;
constexpr SignatureKind kE = SignatureKind::kEcdsaP256;
constexpr SignatureKind kD = SignatureKind::kEd25519;

constexpr std::array kSuites = {
    make_suite(S::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
               "X25519_LRSW_ECDSAP256_CHACHA20POLY1305_SHA512", A::kChaCha20Poly1305, H::kSha512,
               kE),
    make_suite(S::kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b,
               "X25519_LRSW_ECDSAP256_CHACHA20POLY1305_BLAKE2B", A::kChaCha20Poly1305, H::kBlake2b,
               kE),
    make_suite(S::kX25519LrswEcdsaP256Aes256GcmSha512, "X25519_LRSW_ECDSAP256_AES256GCM_SHA512",
               A::kAes256Gcm, H::kSha512, kE),
    make_suite(S::kX25519LrswEcdsaP256Aes256GcmBlake2b, "X25519_LRSW_ECDSAP256_AES256GCM_BLAKE2B",
               A::kAes256Gcm, H::kBlake2b, kE),
    make_suite(S::kX25519LrswEcdsaP256NullSha512, "X25519_LRSW_ECDSAP256_NULL_SHA512", A::kNull,
               H::kSha512, kE),
    make_suite(S::kX25519LrswEcdsaP256NullBlake2b, "X25519_LRSW_ECDSAP256_NULL_BLAKE2B", A::kNull,
               H::kBlake2b, kE),
    make_suite(S::kX25519LrswEd25519ChaCha20Poly1305Sha512,
               "X25519_LRSW_ED25519_CHACHA20POLY1305_SHA512", A::kChaCha20Poly1305, H::kSha512, kD),
    make_suite(S::kX25519LrswEd25519ChaCha20Poly1305Blake2b,
               "X25519_LRSW_ED25519_CHACHA20POLY1305_BLAKE2B", A::kChaCha20Poly1305, H::kBlake2b,
               kD),
    make_suite(S::kX25519LrswEd25519Aes256GcmSha512, "X25519_LRSW_ED25519_AES256GCM_SHA512",
               A::kAes256Gcm, H::kSha512, kD),
    make_suite(S::kX25519LrswEd25519Aes256GcmBlake2b, "X25519_LRSW_ED25519_AES256GCM_BLAKE2B",
               A::kAes256Gcm, H::kBlake2b, kD),
    make_suite(S::kX25519LrswEd25519NullSha512, "X25519_LRSW_ED25519_NULL_SHA512", A::kNull,
               H::kSha512, kD),
    make_suite(S::kX25519LrswEd25519NullBlake2b, "X25519_LRSW_ED25519_NULL_BLAKE2B", A::kNull,
               H::kBlake2b, kD),
};

// The spec's tables, restated so a slip in make_suite cannot go unnoticed.
static_assert(kSuites[0].server_init_and_attest_size == kEcdsaServerInitAndAttestSize);
static_assert(kSuites[0].identity_client_attest_size == kEcdsaIdentityClientAttestSize);
static_assert(kSuites[0].identity_server_finished_size == kEcdsaIdentityServerFinishedSize);
static_assert(kSuites[0].server_certificate_size == kEcdsaCertificateSize);
static_assert(kSuites[0].root_certificate_size == kEcdsaRootCertificateSize);
static_assert(kSuites[0].session_client_attest_size == kSessionClientAttestSize);
static_assert(kSuites[0].session_server_finished_size == kSessionServerFinishedSize);
static_assert(kSuites[6].server_init_and_attest_size == kEd25519ServerInitAndAttestSize);
static_assert(kSuites[6].identity_client_attest_size == kEd25519IdentityClientAttestSize);
static_assert(kSuites[6].identity_server_finished_size == kEd25519IdentityServerFinishedSize);
static_assert(kSuites[6].server_certificate_size == kEd25519CertificateSize);
static_assert(kSuites[6].root_certificate_size == kEd25519RootCertificateSize);
static_assert(kSuites[6].session_client_attest_size == kSessionClientAttestSize);
static_assert(kSuites[0].client_signature_form == ClientSignatureForm::kLibxttQuirk);
static_assert(kSuites[4].client_signature_form == ClientSignatureForm::kFull);

std::string hex_value(unsigned v, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
    out += kDigits[(v >> shift) & 0xf];
  }
  return out;
}

}  // namespace

Result<MsgType> parse_msg_type(std::uint8_t raw) {
  switch (static_cast<MsgType>(raw)) {
    case MsgType::kClientInit:
    case MsgType::kServerInitAndAttest:
    case MsgType::kIdentityClientAttest:
    case MsgType::kIdentityClientAttestPayload:
    case MsgType::kIdentityServerFinished:
    case MsgType::kIdentityClientAttestPayloadNoResponse:
    case MsgType::kSessionClientAttestNoPayload:
    case MsgType::kSessionClientAttestPayload:
    case MsgType::kSessionServerFinished:
    case MsgType::kSessionClientAttestPayloadNoResponse:
    case MsgType::kRecordRegular:
    case MsgType::kError:
      return static_cast<MsgType>(raw);
  }
  return make_error(ErrorCode::kUnknownType, "message type " + hex_value(raw, 2));
}

std::string_view name_of(MsgType type) {
  switch (type) {
    case MsgType::kClientInit:
      return "ClientInit";
    case MsgType::kServerInitAndAttest:
      return "ServerInitAndAttest";
    case MsgType::kIdentityClientAttest:
      return "Identity_ClientAttest";
    case MsgType::kIdentityClientAttestPayload:
      return "Identity_ClientAttest_Payload";
    case MsgType::kIdentityServerFinished:
      return "Identity_ServerFinished";
    case MsgType::kIdentityClientAttestPayloadNoResponse:
      return "Identity_ClientAttest_Payload_NoResponse";
    case MsgType::kSessionClientAttestNoPayload:
      return "Session_ClientAttest_NoPayload";
    case MsgType::kSessionClientAttestPayload:
      return "Session_ClientAttest_Payload";
    case MsgType::kSessionServerFinished:
      return "Session_ServerFinished";
    case MsgType::kSessionClientAttestPayloadNoResponse:
      return "Session_ClientAttest_Payload_NoResponse";
    case MsgType::kRecordRegular:
      return "Record_Regular";
    case MsgType::kError:
      return "Error";
  }
  return "unknown";
}

bool has_suite(MsgType type) { return type != MsgType::kRecordRegular && type != MsgType::kError; }

bool carries_payload_block(MsgType type) {
  switch (type) {
    case MsgType::kIdentityClientAttestPayload:
    case MsgType::kIdentityClientAttestPayloadNoResponse:
    case MsgType::kSessionClientAttestPayload:
    case MsgType::kSessionClientAttestPayloadNoResponse:
      return true;
    default:
      return false;
  }
}

std::size_t max_length(MsgType type) {
  return carries_payload_block(type) || type == MsgType::kRecordRegular ? kMaxMessageLength
                                                                        : kMaxHandshakeLength;
}

std::size_t min_length(MsgType type) {
  switch (type) {
    case MsgType::kClientInit:
      return kClientInitSize;
    case MsgType::kServerInitAndAttest:
      return kEd25519ServerInitAndAttestSize;
    case MsgType::kIdentityClientAttest:
      return kEd25519IdentityClientAttestSize;
    case MsgType::kIdentityClientAttestPayload:
    case MsgType::kIdentityClientAttestPayloadNoResponse:
      return kEd25519IdentityClientAttestSize + kPayloadBlockOverhead;
    case MsgType::kIdentityServerFinished:
      return kEd25519IdentityServerFinishedSize;
    case MsgType::kSessionClientAttestNoPayload:
      return kSessionClientAttestSize;
    case MsgType::kSessionClientAttestPayload:
    case MsgType::kSessionClientAttestPayloadNoResponse:
      return kSessionClientAttestSize + kPayloadBlockOverhead;
    case MsgType::kSessionServerFinished:
      return kSessionServerFinishedSize;
    case MsgType::kRecordRegular:
      return kRecordMinSize;
    case MsgType::kError:
      return kErrorMsgSize;
  }
  return kCommonHeaderSize;
}

Result<SuiteSpec> parse_suite_spec(std::uint16_t raw) {
  for (const auto& s : kSuites) {
    if (static_cast<std::uint16_t>(s.spec) == raw) {
      return s.spec;
    }
  }
  return make_error(ErrorCode::kUnknownSuite, "suite " + hex_value(raw, 4));
}

Result<SuiteInfo> suite_info(SuiteSpec spec) {
  return suite_info(static_cast<std::uint16_t>(spec));
}

Result<SuiteInfo> suite_info(std::uint16_t raw) {
  for (const auto& s : kSuites) {
    if (static_cast<std::uint16_t>(s.spec) == raw) {
      return s;
    }
  }
  return make_error(ErrorCode::kUnknownSuite, "suite " + hex_value(raw, 4));
}

bool is_known_payload_type(std::uint8_t raw) {
  return raw == static_cast<std::uint8_t>(PayloadType::kQueueProtocol) ||
         raw == static_cast<std::uint8_t>(PayloadType::kIpv6);
}

}  // namespace xtt::wire
