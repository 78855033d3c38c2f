#include "daa/schnorr.hpp"

#include "base/ct.hpp"
#include "daa/codec.hpp"
#include "daa/ct_hooks.hpp"

namespace xtt::daa::detail {
namespace {

// c' = Hn(E || Bp || Pk || [L || HG1(bsn) || K || bsn ||] m).
Scalar inner_challenge(const SchnorrStatement& st, const G1Bytes& e_enc, const G1Bytes* l_enc,
                       const G1Bytes* bsn_point_enc, const G1Bytes* k_enc) {
  if (st.basename.empty()) {
    return hash_to_scalar({e_enc, st.base_enc, st.pk_enc, st.message});
  }
  return hash_to_scalar(
      {e_enc, st.base_enc, st.pk_enc, *l_enc, *bsn_point_enc, *k_enc, st.basename, st.message});
}

// c = Hn(be256(nn) || be256(c')).
ScalarBytes outer_challenge(const ScalarBytes& nn, const Scalar& inner) {
  const ScalarBytes inner_bytes = inner.to_bytes();
  return hash_to_scalar({nn, inner_bytes}).to_bytes();
}

}  // namespace

Result<SchnorrProof> schnorr_sign(const SchnorrStatement& st, const Scalar& sk, Random& rng) {
  XTT_ENSURE(st.basename.empty() || st.basename_point != nullptr, ErrorCode::kInternal,
             "Schnorr basename without its point");
  Scalar k = XTT_TRY(random_scalar(rng));
  SchnorrProof out;
  G1 e = st.base.mul(k);
  declassify(e);
  const G1Bytes e_enc = encode_public(e);
  Scalar inner;
  if (st.basename.empty()) {
    inner = inner_challenge(st, e_enc, nullptr, nullptr, nullptr);
  } else {
    const G1& p2b = *st.basename_point;
    out.pseudonym = p2b.mul(sk);
    G1 l = p2b.mul(k);
    declassify(out.pseudonym);
    declassify(l);
    out.pseudonym_enc = encode_public(out.pseudonym);
    const G1Bytes l_enc = encode_public(l);
    const G1Bytes p2b_enc = encode_public(p2b);
    inner = inner_challenge(st, e_enc, &l_enc, &p2b_enc, &out.pseudonym_enc);
  }
  auto nn = random_scalar(rng);
  if (!nn) {
    k.wipe();
    return std::move(nn).error();
  }
  declassify(*nn);
  out.nn = nn->to_bytes();
  out.c = outer_challenge(out.nn, inner);
  const Scalar c = Scalar::from_bytes_reduce(out.c);
  out.s = k + c * sk;
  declassify(out.s);
  k.wipe();
  return out;
}

Status schnorr_verify(const SchnorrStatement& st, const ScalarBytes& c, const Scalar& s,
                      const ScalarBytes& nn, const G1* pseudonym, const G1Bytes* pseudonym_enc) {
  // Hn(...) mod n is always below n, so a c >= n can never match.
  XTT_ENSURE(below_order(c), ErrorCode::kBadSignature, "Schnorr challenge not below n");
  const Scalar c_scalar = Scalar::from_bytes_reduce(c);
  const G1 e = G1::mul2_vartime(s, st.base, -c_scalar, st.pk);
  const G1Bytes e_enc = encode_public(e);
  Scalar inner;
  if (st.basename.empty()) {
    inner = inner_challenge(st, e_enc, nullptr, nullptr, nullptr);
  } else {
    XTT_ENSURE(st.basename_point != nullptr && pseudonym != nullptr && pseudonym_enc != nullptr,
               ErrorCode::kBadSignature, "a basename needs a pseudonym");
    const G1& p2b = *st.basename_point;
    const G1 l = G1::mul2_vartime(s, p2b, -c_scalar, *pseudonym);
    const G1Bytes l_enc = encode_public(l);
    const G1Bytes p2b_enc = encode_public(p2b);
    inner = inner_challenge(st, e_enc, &l_enc, &p2b_enc, pseudonym_enc);
  }
  const ScalarBytes expected = outer_challenge(nn, inner);
  XTT_ENSURE(ct::equal(expected, c), ErrorCode::kBadSignature, "Schnorr proof does not verify");
  return ok();
}

}  // namespace xtt::daa::detail
