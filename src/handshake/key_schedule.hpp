#pragma once

#include <array>
#include <cstdint>

#include "base/bytes.hpp"
#include "base/secret.hpp"
#include "crypto/hash.hpp"
#include "record/session_keys.hpp"
#include "wire/constants.hpp"

// The handshake's hashes and key derivations, each a pure function of its
// inputs (spec §3.3, §3.5, §3.6, §6.1, §6.2, §6.7). The engines only decide
// which bytes go in; every byte layout lives here.
namespace xtt::handshake {

// A transcript hash: public, so not a secret type.
using Hash64 = std::array<std::uint8_t, 64>;

using DhSecret = SecretBytes<32>;         // X25519 output Z
using HandshakeSecret = SecretBytes<64>;  // §3.3 step 3
using LongtermSecret = SecretBytes<64>;   // §6.1
using SessionSecret = SecretBytes<64>;    // §6.1, session handshakes
using TrafficKeyBytes = SecretBytes<32>;
using TrafficIvBytes = SecretBytes<12>;

crypto::HashAlg hash_alg_of(const wire::SuiteInfo& suite);

// H(be16(L) || parts...), where L is the byte count of the parts: the one rule
// every non-quirk XTT hash follows (§3.3).
Hash64 prefixed_hash(crypto::HashAlg alg, std::initializer_list<ByteSpan> parts);

// §3.3 step 1: H(be16(108) || CI(70) || SIA[0..38)).
Hash64 inner_hash(crypto::HashAlg alg, ByteSpan client_init, ByteSpan sia_header38);
// §3.3 step 2: H(be16(194) || inner_hash || Cookie(130)).
Hash64 handshake_key_hash(crypto::HashAlg alg, const Hash64& inner, ByteSpan cookie);
// §3.3 step 3: PRF(0^64, Z, 64).
Result<HandshakeSecret> handshake_secret(crypto::HashAlg alg, const DhSecret& z);

// §3.3 step 4: the four handshake keys/IVs.
struct HandshakeKeys {
  TrafficKeyBytes client_key;
  TrafficIvBytes client_iv;
  TrafficKeyBytes server_key;
  TrafficIvBytes server_iv;
};
Result<HandshakeKeys> handshake_keys(crypto::HashAlg alg, const HandshakeSecret& secret,
                                     const Hash64& handshake_key_hash);

// §3.5 / §6.7: H(be16(70 + 168 + |cert|) || CI || SIA[0..168) || Certificate);
// L = 407 in the ECDSA family, 374 in the Ed25519 family.
Hash64 server_sig_hash(crypto::HashAlg alg, ByteSpan client_init, ByteSpan sia_aad,
                       ByteSpan certificate);

// What both client signatures of an identity ClientAttest cover, before the
// plaintext fields (§3.6, §6.7).
struct ClientSigContext {
  ByteSpan inner;             // inner_hash, 64
  ByteSpan cookie;            // 130
  ByteSpan certificate;       // 169 / 136
  ByteSpan server_signature;  // 64
  ByteSpan ca_aad;            // CA[0..136), real type and total length
};

// §3.6, reproduced exactly for suites 1-4 (libxtt's sizeof(pointer) quirk):
// LT_hash = H(be16(314) || inner || Cookie[0] || Cert || sig || CA[0..16)),
// 316 bytes hashed; DAA_msg = the same with be16(378) and CA[0..80).
// kInvalidArgument unless the sizes are the ECDSA family's.
Result<Hash64> libxtt_longterm_hash(crypto::HashAlg alg, const ClientSigContext& ctx);
Result<Hash64> libxtt_daa_message(crypto::HashAlg alg, const ClientSigContext& ctx);

// §6.7 full form for the project suites: LT_full covers P3[0..x) (client
// pub, GID, requested ID) and DAA_full P3[0..x+64) (plus the long-term sig).
Hash64 full_longterm_hash(crypto::HashAlg alg, const ClientSigContext& ctx, ByteSpan p3_prefix);
Hash64 full_daa_message(crypto::HashAlg alg, const ClientSigContext& ctx, ByteSpan p3_prefix);

// The pair the suite prescribes: quirk for 1-4, full form otherwise.
// signed_fields = P3[0..x) and longterm_signature (the latter only enters
// DAA_full).
Result<Hash64> client_longterm_hash(const wire::SuiteInfo& suite, const ClientSigContext& ctx,
                                    ByteSpan signed_fields);
Result<Hash64> client_daa_message(const wire::SuiteInfo& suite, const ClientSigContext& ctx,
                                  ByteSpan signed_fields, ByteSpan longterm_signature);

// §6.2: SessLT_hash = H(be16(L) || "XTT session client signature" || inner ||
// Cookie || Cert || sig || CA[0..136) || client_id); L = 607 / 574.
Hash64 session_longterm_hash(crypto::HashAlg alg, const ClientSigContext& ctx, ByteSpan client_id);

// §6.1: SessionKeyHash = H(be16(64 + |SIA_enc| + |CA1|) || HKH || SIA_enc || CA1).
Hash64 session_key_hash(crypto::HashAlg alg, const Hash64& handshake_key_hash, ByteSpan sia_enc,
                        ByteSpan ca1);
// §6.1: session_secret = PRF(longterm_secret, handshake_secret, 64).
Result<SessionSecret> session_secret(crypto::HashAlg alg, const LongtermSecret& longterm,
                                     const HandshakeSecret& handshake);
// §6.1: keys, IVs and session_id from K_s (handshake_secret for identity
// handshakes, session_secret for session handshakes).
Result<record::SessionKeys> session_keys(const wire::SuiteInfo& suite, const SecretBytes<64>& k_s,
                                         const Hash64& session_key_hash);
// §6.1, identity handshakes only: PRF(handshake_secret, SKH || "XTT longterm secret", 64).
Result<LongtermSecret> longterm_secret(crypto::HashAlg alg, const HandshakeSecret& handshake,
                                       const Hash64& session_key_hash);

}  // namespace xtt::handshake
