#include "handshake/key_schedule.hpp"

#include <string_view>

#include "crypto/prf.hpp"

namespace xtt::handshake {

namespace {

ByteSpan label(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

constexpr std::string_view kClientKeyLabel = "XTT handshake client key";
constexpr std::string_view kClientIvLabel = "XTT handshake client iv";
constexpr std::string_view kServerKeyLabel = "XTT handshake server key";
constexpr std::string_view kServerIvLabel = "XTT handshake server iv";
constexpr std::string_view kSessionClientKeyLabel = "XTT session client key";
constexpr std::string_view kSessionClientIvLabel = "XTT session client iv";
constexpr std::string_view kSessionServerKeyLabel = "XTT session server key";
constexpr std::string_view kSessionServerIvLabel = "XTT session server iv";
constexpr std::string_view kSessionIdLabel = "XTT session id";
constexpr std::string_view kLongtermSecretLabel = "XTT longterm secret";
constexpr std::string_view kSessionSignatureContext = "XTT session client signature";

// The §3.6 quirk: the cookie advances the write pointer by one byte and the
// length prefix counts it as one byte.
constexpr std::uint16_t kQuirkLongtermLength = 314;
constexpr std::uint16_t kQuirkDaaLength = 378;
constexpr std::size_t kQuirkLongtermCaBytes = 16;
constexpr std::size_t kQuirkDaaCaBytes = 80;

// PRF(key, hash || label) into out: the derivation step of §3.3 and §6.1.
Status derive(crypto::HashAlg alg, ByteSpan key, const Hash64& hash, std::string_view lbl,
              MutableByteSpan out) {
  ByteWriter input(hash.size() + lbl.size());
  input.bytes(hash);
  input.bytes(label(lbl));
  return crypto::prf(alg, key, input.view(), out);
}

Result<Hash64> quirk_hash(crypto::HashAlg alg, const ClientSigContext& ctx, std::uint16_t length,
                          std::size_t ca_bytes) {
  XTT_ENSURE(ctx.inner.size() == 64 && ctx.cookie.size() == wire::kServerCookieSize &&
                 ctx.certificate.size() == wire::kEcdsaCertificateSize &&
                 ctx.server_signature.size() == 64 &&
                 ctx.ca_aad.size() == wire::kClientAttestAadSize,
             ErrorCode::kInvalidArgument, "the libxtt client-signature hash is ECDSA-family only");
  std::array<std::uint8_t, 2> prefix{};
  store_be16(prefix.data(), length);
  crypto::Hasher h(alg);
  h.update(prefix)
      .update(ctx.inner)
      .update(ctx.cookie.first(1))
      .update(ctx.certificate)
      .update(ctx.server_signature)
      .update(ctx.ca_aad.first(ca_bytes));
  return h.finish();
}

}  // namespace

crypto::HashAlg hash_alg_of(const wire::SuiteInfo& suite) {
  return suite.hash == wire::HashKind::kSha512 ? crypto::HashAlg::kSha512
                                               : crypto::HashAlg::kBlake2b;
}

Hash64 prefixed_hash(crypto::HashAlg alg, std::initializer_list<ByteSpan> parts) {
  std::size_t total = 0;
  for (ByteSpan p : parts) {
    total += p.size();
  }
  std::array<std::uint8_t, 2> prefix{};
  store_be16(prefix.data(), static_cast<std::uint16_t>(total));
  crypto::Hasher h(alg);
  h.update(prefix);
  for (ByteSpan p : parts) {
    h.update(p);
  }
  return h.finish();
}

Hash64 inner_hash(crypto::HashAlg alg, ByteSpan client_init, ByteSpan sia_header38) {
  return prefixed_hash(alg, {client_init, sia_header38});
}

Hash64 handshake_key_hash(crypto::HashAlg alg, const Hash64& inner, ByteSpan cookie) {
  return prefixed_hash(alg, {inner, cookie});
}

Result<HandshakeSecret> handshake_secret(crypto::HashAlg alg, const DhSecret& z) {
  const std::array<std::uint8_t, 64> zero_key{};
  HandshakeSecret out;
  XTT_TRY(crypto::prf(alg, zero_key, z.span(), out.span()));
  return out;
}

Result<HandshakeKeys> handshake_keys(crypto::HashAlg alg, const HandshakeSecret& secret,
                                     const Hash64& hkh) {
  HandshakeKeys k;
  XTT_TRY(derive(alg, secret.span(), hkh, kClientKeyLabel, k.client_key.span()));
  XTT_TRY(derive(alg, secret.span(), hkh, kClientIvLabel, k.client_iv.span()));
  XTT_TRY(derive(alg, secret.span(), hkh, kServerKeyLabel, k.server_key.span()));
  XTT_TRY(derive(alg, secret.span(), hkh, kServerIvLabel, k.server_iv.span()));
  return k;
}

Hash64 server_sig_hash(crypto::HashAlg alg, ByteSpan client_init, ByteSpan sia_aad,
                       ByteSpan certificate) {
  return prefixed_hash(alg, {client_init, sia_aad, certificate});
}

Result<Hash64> libxtt_longterm_hash(crypto::HashAlg alg, const ClientSigContext& ctx) {
  return quirk_hash(alg, ctx, kQuirkLongtermLength, kQuirkLongtermCaBytes);
}

Result<Hash64> libxtt_daa_message(crypto::HashAlg alg, const ClientSigContext& ctx) {
  return quirk_hash(alg, ctx, kQuirkDaaLength, kQuirkDaaCaBytes);
}

Hash64 full_longterm_hash(crypto::HashAlg alg, const ClientSigContext& ctx, ByteSpan p3_prefix) {
  return prefixed_hash(
      alg, {ctx.inner, ctx.cookie, ctx.certificate, ctx.server_signature, ctx.ca_aad, p3_prefix});
}

Hash64 full_daa_message(crypto::HashAlg alg, const ClientSigContext& ctx, ByteSpan p3_prefix) {
  return full_longterm_hash(alg, ctx, p3_prefix);
}

Result<Hash64> client_longterm_hash(const wire::SuiteInfo& suite, const ClientSigContext& ctx,
                                    ByteSpan signed_fields) {
  const auto alg = hash_alg_of(suite);
  if (suite.is_libxtt()) {
    return libxtt_longterm_hash(alg, ctx);
  }
  return full_longterm_hash(alg, ctx, signed_fields);
}

Result<Hash64> client_daa_message(const wire::SuiteInfo& suite, const ClientSigContext& ctx,
                                  ByteSpan signed_fields, ByteSpan longterm_signature) {
  const auto alg = hash_alg_of(suite);
  if (suite.is_libxtt()) {
    return libxtt_daa_message(alg, ctx);
  }
  return prefixed_hash(alg, {ctx.inner, ctx.cookie, ctx.certificate, ctx.server_signature,
                             ctx.ca_aad, signed_fields, longterm_signature});
}

Hash64 session_longterm_hash(crypto::HashAlg alg, const ClientSigContext& ctx, ByteSpan client_id) {
  return prefixed_hash(alg, {label(kSessionSignatureContext), ctx.inner, ctx.cookie,
                             ctx.certificate, ctx.server_signature, ctx.ca_aad, client_id});
}

Hash64 session_key_hash(crypto::HashAlg alg, const Hash64& hkh, ByteSpan sia_enc, ByteSpan ca1) {
  return prefixed_hash(alg, {hkh, sia_enc, ca1});
}

Result<SessionSecret> session_secret(crypto::HashAlg alg, const LongtermSecret& longterm,
                                     const HandshakeSecret& handshake) {
  SessionSecret out;
  XTT_TRY(crypto::prf(alg, longterm.span(), handshake.span(), out.span()));
  return out;
}

Result<record::SessionKeys> session_keys(const wire::SuiteInfo& suite, const SecretBytes<64>& k_s,
                                         const Hash64& skh) {
  const auto alg = hash_alg_of(suite);
  record::SessionKeys k;
  k.suite = suite.spec;
  XTT_TRY(derive(alg, k_s.span(), skh, kSessionClientKeyLabel, k.client_key.span()));
  XTT_TRY(derive(alg, k_s.span(), skh, kSessionClientIvLabel, k.client_iv.span()));
  XTT_TRY(derive(alg, k_s.span(), skh, kSessionServerKeyLabel, k.server_key.span()));
  XTT_TRY(derive(alg, k_s.span(), skh, kSessionServerIvLabel, k.server_iv.span()));
  XTT_TRY(derive(alg, k_s.span(), skh, kSessionIdLabel, k.session_id.span()));
  return k;
}

Result<LongtermSecret> longterm_secret(crypto::HashAlg alg, const HandshakeSecret& handshake,
                                       const Hash64& skh) {
  LongtermSecret out;
  XTT_TRY(derive(alg, handshake.span(), skh, kLongtermSecretLabel, out.span()));
  return out;
}

}  // namespace xtt::handshake
