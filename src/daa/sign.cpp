#include "daa/sign.hpp"

#include "base/secret.hpp"
#include "daa/ct_hooks.hpp"
#include "daa/schnorr.hpp"

namespace xtt::daa {
namespace {

// l * point, made public: R, S, T and W are part of the signature.
Signature::EncodedPoint randomize(const G1& point, const Scalar& l) {
  Signature::EncodedPoint out{point.mul(l), {}};
  detail::declassify(out.point);
  out.bytes = encode_public(out.point);
  return out;
}

}  // namespace

Result<Signature> sign(ByteSpan message, ByteSpan basename, const MemberSecretKey& sk,
                       const Credential& cred, Random& rng) {
  G1 basename_point;
  if (!basename.empty()) {
    basename_point = XTT_TRY(hash_to_g1(basename));
  }
  Scalar l = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_l(l);
  Signature::Parts parts;
  parts.r = randomize(cred.a(), l);
  parts.s_point = randomize(cred.b(), l);
  parts.t = randomize(cred.c(), l);
  parts.w = randomize(cred.d(), l);
  const detail::SchnorrStatement st{parts.s_point.point,
                                    parts.s_point.bytes,
                                    parts.w.point,
                                    parts.w.bytes,
                                    message,
                                    basename,
                                    basename.empty() ? nullptr : &basename_point};
  const detail::SchnorrProof proof = XTT_TRY(detail::schnorr_sign(st, sk.scalar(), rng));
  parts.c = proof.c;
  parts.s = proof.s;
  parts.nn = proof.nn;
  if (!basename.empty()) {
    parts.k = Signature::EncodedPoint{proof.pseudonym, proof.pseudonym_enc};
  }
  return Signature::from_parts(parts);
}

}  // namespace xtt::daa
