#pragma once

#include <array>
#include <optional>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "handshake/credentials.hpp"
#include "handshake/key_schedule.hpp"
#include "handshake/types.hpp"
#include "record/session_keys.hpp"
#include "record/traffic_key.hpp"
#include "wire/constants.hpp"
#include "wire/payload.hpp"
#include "wire/types.hpp"

// The state both engines accumulate up to message 3, and the steps they
// share: message 2's sealed part, the handshake and session keys, the
// payload block. Internal to the handshake layer.
namespace xtt::handshake::detail {

struct Transcript {
  wire::SuiteInfo suite{};
  crypto::HashAlg alg = crypto::HashAlg::kSha512;
  Bytes client_init;                                                      // CI, 70 bytes
  std::array<std::uint8_t, wire::kServerInitAndAttestAadSize> sia_aad{};  // SIA[0..168)
  Bytes sia_enc;                                                          // SIA[168..end)
  Bytes certificate;                                                      // plaintext
  SignatureBytes server_signature{};
  Hash64 inner{};
  Hash64 hkh{};
  HandshakeSecret hs_secret;
  std::optional<record::TrafficKey> client_hs;
  std::optional<record::TrafficKey> server_hs;

  ByteSpan cookie() const;
  ClientSigContext sig_context(ByteSpan ca_aad) const;
};

// Starts a transcript for suite (kUnknownSuite for a bad value).
Result<Transcript> begin_transcript(wire::SuiteSpec suite, ByteSpan client_init);

// SIA[0..168) = 02 len 01 suite || server_dh_pub || cookie.
Result<std::array<std::uint8_t, wire::kServerInitAndAttestAadSize>> make_sia_aad(
    wire::SuiteSpec suite, const wire::DhPublicKey& server_dh_pub,
    const wire::ServerCookie& cookie);

// §3.3 from Z, once client_init and sia_aad are set.
Status derive_handshake_keys(Transcript& t, const DhSecret& z);

// Server: signs ServerSigHash with cred (k from k_rng, or RFC 6979 when
// null), seals certificate || signature with the server handshake key, seq 0,
// and returns the whole ServerInitAndAttest.
Result<Bytes> seal_server_attest(Transcript& t, const ServerCredential& cred, Random* k_rng);
// Client: opens SIA's sealed part (kBadTag) and keeps certificate and
// signature.
Status open_server_attest(Transcript& t, ByteSpan sealed);

// The fields of an identity ClientAttest's first part, family-neutral.
struct IdentityFields {
  Bytes longterm_pub;  // 65 / 32
  wire::GroupId gid;
  wire::ClientId requested_client_id;
  SignatureBytes longterm_signature{};
  wire::DaaSignature daa_signature;

  // P3[0..x): pub || gid || requested id (§6.7).
  Bytes signed_fields() const;
};
Bytes encode_identity_fields(wire::SignatureKind kind, const IdentityFields& f);
Result<IdentityFields> decode_identity_fields(wire::SignatureKind kind, ByteSpan plaintext);

// Identity_ServerFinished plaintext: client_id || longterm pub echo.
Bytes encode_identity_finished(wire::SignatureKind kind, const wire::ClientId& id, ByteSpan pub);
Result<std::pair<wire::ClientId, Bytes>> decode_identity_finished(wire::SignatureKind kind,
                                                                  ByteSpan plaintext);

// §6.1 SessionKeyHash of this handshake.
Hash64 session_key_hash_of(const Transcript& t, ByteSpan ca1);

// §6.3: the payload block, sealed/opened with the client session key, seq 0,
// AD = CA1.
Result<Bytes> seal_payload_block(const Transcript& t, const record::SessionKeys& keys, ByteSpan ca1,
                                 const ClientPayload& payload);
Result<wire::PayloadPlaintext> open_payload_block(const Transcript& t,
                                                  const record::SessionKeys& keys, ByteSpan ca1,
                                                  ByteSpan block);

// Total size of a payload block for n payload bytes.
inline std::size_t payload_block_size(std::size_t n) { return 1 + n + record::kTagSize; }

}  // namespace xtt::handshake::detail
