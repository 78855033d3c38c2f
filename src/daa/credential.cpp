#include "daa/credential.hpp"

#include <algorithm>

#include "base/ct.hpp"
#include "base/secret.hpp"
#include "daa/codec.hpp"
#include "daa/ct_hooks.hpp"
#include "daa/lrsw_check.hpp"

namespace xtt::daa {

// Builds credentials from parts for the issuer (internal; keeps the
// constructors private so every other Credential came through decode()).
struct CredentialParts {
  static Credential make(const G1& a, const G1& b, const G1& c, const G1& d) {
    return Credential(a, b, c, d);
  }
  static CredentialSignature make_sig(const ScalarBytes& c, const Scalar& s) {
    return CredentialSignature(c, s);
  }
};

namespace {

// c = Hn(U || V || P1 || B || Q || D) mod n.
ScalarBytes credential_challenge(const G1Bytes& u, const G1Bytes& v, ByteSpan b_enc, ByteSpan q_enc,
                                 ByteSpan d_enc) {
  return hash_to_scalar({u, v, encoded_p1(), b_enc, q_enc, d_enc}).to_bytes();
}

ByteSpan point_bytes(const std::array<std::uint8_t, Credential::kSize>& enc, std::size_t index) {
  return ByteSpan(enc).subspan(index * kG1Size, kG1Size);
}

}  // namespace

Credential::Credential(const G1& a, const G1& b, const G1& c, const G1& d)
    : a_(a), b_(b), c_(c), d_(d) {
  const G1* points[] = {&a_, &b_, &c_, &d_};
  for (std::size_t i = 0; i < 4; ++i) {
    const G1Bytes e = encode_public(*points[i]);
    std::copy(e.begin(), e.end(), encoded_.begin() + static_cast<std::ptrdiff_t>(i * kG1Size));
  }
}

Result<Credential> Credential::decode(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "credential"));
  Credential cred;
  cred.a_ = XTT_TRY(detail::read_g1(in, 0, "credential A"));
  cred.b_ = XTT_TRY(detail::read_g1(in, kG1Size, "credential B"));
  cred.c_ = XTT_TRY(detail::read_g1(in, 2 * kG1Size, "credential C"));
  cred.d_ = XTT_TRY(detail::read_g1(in, 3 * kG1Size, "credential D"));
  std::copy(in.begin(), in.end(), cred.encoded_.begin());
  return cred;
}

Result<CredentialSignature> CredentialSignature::decode(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "credential signature"));
  const ScalarBytes c = detail::read_raw32(in, 0);
  const Scalar s = XTT_TRY(detail::read_scalar(in, kScalarSize, "credential signature s"));
  return CredentialSignature(c, s);
}

std::array<std::uint8_t, CredentialSignature::kSize> CredentialSignature::encode() const {
  std::array<std::uint8_t, kSize> out{};
  std::copy(c_.begin(), c_.end(), out.begin());
  s_.to_bytes(std::span(out).subspan<kScalarSize, kScalarSize>());
  return out;
}

Result<IssuedCredential> issue_credential(const IssuerSecretKey& isk, const MemberPublicKey& mpk,
                                          std::optional<ByteSpan> join_nonce, Random& rng) {
  if (join_nonce) {
    XTT_TRY(mpk.verify_proof(*join_nonce));
  }
  Scalar l = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_l(l);
  Scalar r = XTT_TRY(random_scalar(rng));
  const WipeOnExit<Scalar> wipe_r(r);
  Scalar ly = l * isk.y();
  const WipeOnExit<Scalar> wipe_ly(ly);
  const G1 p1 = G1::generator();
  const G1& q = mpk.q();
  // A, B, C, D, U, V and s are the public outputs; A + D stays secret.
  G1 a = p1.mul(l);
  detail::declassify(a);
  G1 b = a.mul(isk.y());
  G1 d = q.mul(ly);
  detail::declassify(b);
  detail::declassify(d);
  // x*A + (x*y*l)*Q = x*(A + D).
  G1 c = (a + d).mul(isk.x());
  G1 u = p1.mul(r);
  G1 v = q.mul(r);
  detail::declassify(c);
  detail::declassify(u);
  detail::declassify(v);
  Credential cred = CredentialParts::make(a, b, c, d);
  const ScalarBytes ch =
      credential_challenge(encode_public(u), encode_public(v), point_bytes(cred.encode(), 1),
                           mpk.q_encoded(), point_bytes(cred.encode(), 3));
  Scalar s = r + Scalar::from_bytes_reduce(ch) * ly;
  detail::declassify(s);
  return IssuedCredential{std::move(cred), CredentialParts::make_sig(ch, s)};
}

Status verify_credential(const Credential& cred, const CredentialSignature& sig, const G1& member_q,
                         const GroupPublicKey& gpk) {
  XTT_ENSURE(!member_q.is_identity(), ErrorCode::kBadPoint, "member key Q is the identity");
  XTT_ENSURE(detail::below_order(sig.c()), ErrorCode::kBadProof,
             "credential proof challenge not below n");
  const Scalar c = Scalar::from_bytes_reduce(sig.c());
  // U = s*P1 - c*B, V = s*Q - c*D.
  const G1 u = G1::mul2_vartime(sig.s(), G1::generator(), -c, cred.b());
  const G1 v = G1::mul2_vartime(sig.s(), member_q, -c, cred.d());
  const G1Bytes q_enc = encode_public(member_q);
  const ScalarBytes expected =
      credential_challenge(encode_public(u), encode_public(v), point_bytes(cred.encode(), 1), q_enc,
                           point_bytes(cred.encode(), 3));
  XTT_ENSURE(ct::equal(expected, sig.c()), ErrorCode::kBadProof, "credential proof fails");
  const pairing::G2Prepared x(gpk.x());
  const pairing::G2Prepared y(gpk.y());
  XTT_ENSURE(detail::lrsw_equations_hold(cred.a(), cred.b(), cred.c(), cred.d(), x, y,
                                         {gpk.encode(), cred.encode()}),
             ErrorCode::kBadSignature, "credential fails the pairing equations");
  return ok();
}

}  // namespace xtt::daa
