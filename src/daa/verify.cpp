#include "daa/verify.hpp"

#include <algorithm>

#include "base/ct.hpp"
#include "daa/lrsw_check.hpp"
#include "daa/schnorr.hpp"

namespace xtt::daa {

PreparedGroupKey::PreparedGroupKey(const GroupPublicKey& gpk)
    : gpk_(gpk), x_lines_(gpk.x()), y_lines_(gpk.y()) {
  // P2's lines are shared by every group; build them now rather than inside
  // the first verification.
  (void)detail::prepared_p2();
}

Result<PreparedGroupKey> PreparedGroupKey::make(const GroupPublicKey& gpk, ByteSpan basename) {
  PreparedGroupKey prepared(gpk);
  if (!basename.empty()) {
    prepared.basename_point_ = XTT_TRY(hash_to_g1(basename));
    prepared.basename_.assign(basename.begin(), basename.end());
  }
  return prepared;
}

const G1* PreparedGroupKey::cached_basename_point(ByteSpan basename) const {
  if (!basename_point_ ||
      !std::equal(basename.begin(), basename.end(), basename_.begin(), basename_.end())) {
    return nullptr;
  }
  return &*basename_point_;
}

Status verify(const Signature& sig, const PreparedGroupKey& gpk, ByteSpan message,
              ByteSpan basename, const RevocationLists& revoked) {
  XTT_ENSURE(sig.has_pseudonym() == !basename.empty(), ErrorCode::kBadSignature,
             sig.has_pseudonym() ? "signature has a pseudonym but no basename was given"
                                 : "a basename needs a signature with a pseudonym");
  const G1Bytes k_enc = sig.k_encoded();
  if (sig.has_pseudonym()) {
    for (const G1Bytes& banned : revoked.pseudonyms) {
      XTT_ENSURE(!ct::equal(banned, k_enc), ErrorCode::kRevoked, "pseudonym is blacklisted");
    }
  }
  G1 computed_basename_point;
  const G1* basename_point = nullptr;
  if (!basename.empty()) {
    basename_point = gpk.cached_basename_point(basename);
    if (basename_point == nullptr) {
      computed_basename_point = XTT_TRY(hash_to_g1(basename));
      basename_point = &computed_basename_point;
    }
  }
  G1Bytes s_enc{};
  G1Bytes w_enc{};
  std::copy(sig.s_point_encoded().begin(), sig.s_point_encoded().end(), s_enc.begin());
  std::copy(sig.w_point_encoded().begin(), sig.w_point_encoded().end(), w_enc.begin());
  const detail::SchnorrStatement st{sig.s_point(), s_enc,    sig.w(),       w_enc,
                                    message,       basename, basename_point};
  XTT_TRY(detail::schnorr_verify(st, sig.c(), sig.s(), sig.nn(), &sig.k(), &k_enc));
  XTT_ENSURE(detail::lrsw_equations_hold(sig.r(), sig.s_point(), sig.t(), sig.w(), gpk.x_lines(),
                                         gpk.y_lines(),
                                         {gpk.group_public_key().encode(), sig.rstw_encoded()}),
             ErrorCode::kBadSignature, "signature fails the pairing equations");
  for (const Scalar& sk : revoked.secret_keys) {
    XTT_ENSURE(!(sig.s_point().mul_vartime(sk) == sig.w()), ErrorCode::kRevoked,
               "signer's secret key is revoked");
  }
  return ok();
}

Status verify(const Signature& sig, const GroupPublicKey& gpk, ByteSpan message, ByteSpan basename,
              const RevocationLists& revoked) {
  return verify(sig, PreparedGroupKey(gpk), message, basename, revoked);
}

Result<G1Bytes> extract_pseudonym(const Signature& sig) {
  XTT_ENSURE(sig.has_pseudonym(), ErrorCode::kInvalidArgument,
             "signature was made without a basename");
  return sig.k_encoded();
}

}  // namespace xtt::daa
