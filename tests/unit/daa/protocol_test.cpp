// Issuer -> member -> credential -> sign -> verify, revocation, and a
// negative test for every verification check.
#include <gtest/gtest.h>

#include "daa/credential.hpp"
#include "daa/ct_hooks.hpp"
#include "daa/lrsw_check.hpp"
#include "daa/sign.hpp"
#include "daa/verify.hpp"
#include "daa_test_util.hpp"

namespace xtt::daa {
namespace {

const Bytes kMsg = {'h', 'e', 'l', 'l', 'o'};
const Bytes kBasename = {'g', 'r', 'o', 'u', 'p', '-', 'b', 'a', 's', 'e'};

ErrorCode code_of(const Status& s) { return s ? ErrorCode::kInternal : s.error().code; }

Signature sign_as(const test::Group& g, ByteSpan msg, ByteSpan bsn, std::uint64_t seed) {
  test::CounterRandom rng(seed);
  return sign(msg, bsn, g.member.secret, g.credential.credential, rng).value();
}

TEST(DaaProtocol, JoinProducesAValidCredential) {
  const auto& g = test::shared_group();
  EXPECT_TRUE(g.member.public_key.verify_proof(g.join_nonce).has_value());
  const Status st = verify_credential(g.credential.credential, g.credential.signature,
                                      g.member.public_key.q(), test::shared_gpk());
  EXPECT_TRUE(st.has_value()) << st.error().to_string();
  EXPECT_EQ(g.member.secret.public_point(), g.member.public_key.q());
  // Keys survive encode/decode and still work together.
  const auto ipk = IssuerPublicKey::decode(g.issuer.public_key.encode());
  ASSERT_TRUE(ipk.has_value()) << ipk.error().to_string();
}

TEST(DaaProtocol, IssueChecksTheJoinNonce) {
  const auto& g = test::shared_group();
  test::CounterRandom rng(5);
  const auto wrong = issue_credential(g.issuer.secret, g.member.public_key, Bytes(32, 1), rng);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kBadProof);
  // Without a nonce the caller vouches for the key.
  EXPECT_TRUE(
      issue_credential(g.issuer.secret, g.member.public_key, std::nullopt, rng).has_value());
}

TEST(DaaProtocol, CredentialChecksFail) {
  const auto& g = test::shared_group();
  const auto& cred = g.credential.credential;
  const auto& sig = g.credential.signature;
  // Another member's Q: the proof no longer holds.
  const test::Group other = test::make_group(2);
  EXPECT_EQ(code_of(verify_credential(cred, sig, other.member.public_key.q(), test::shared_gpk())),
            ErrorCode::kBadProof);
  EXPECT_EQ(code_of(verify_credential(cred, sig, G1::identity(), test::shared_gpk())),
            ErrorCode::kBadPoint);
  // Another group's key: the proof holds (it does not involve gpk) but the
  // pairing equations fail.
  EXPECT_EQ(code_of(verify_credential(cred, sig, g.member.public_key.q(),
                                      other.issuer.public_key.group_public_key())),
            ErrorCode::kBadSignature);
  // A changed proof.
  auto enc = sig.encode();
  enc[63] ^= 1;
  const auto bad_sig = CredentialSignature::decode(enc).value();
  EXPECT_EQ(code_of(verify_credential(cred, bad_sig, g.member.public_key.q(), test::shared_gpk())),
            ErrorCode::kBadProof);
  std::fill(enc.begin(), enc.begin() + 32, 0xff);
  const auto big_c = CredentialSignature::decode(enc).value();
  EXPECT_EQ(code_of(verify_credential(cred, big_c, g.member.public_key.q(), test::shared_gpk())),
            ErrorCode::kBadProof);
}

TEST(DaaProtocol, SignVerifyWithAndWithoutBasename) {
  const auto& g = test::shared_group();
  const PreparedGroupKey prepared = PreparedGroupKey::make(test::shared_gpk(), kBasename).value();
  const PreparedGroupKey plain(test::shared_gpk());

  const Signature linked = sign_as(g, kMsg, kBasename, 11);
  EXPECT_EQ(linked.size(), 421u);
  EXPECT_TRUE(verify(linked, prepared, kMsg, kBasename).has_value());
  EXPECT_TRUE(verify(linked, plain, kMsg, kBasename).has_value());  // HG1 computed on the spot
  EXPECT_TRUE(verify(linked, test::shared_gpk(), kMsg, kBasename).has_value());
  EXPECT_EQ(code_of(verify(linked, prepared, Bytes{'x'}, kBasename)), ErrorCode::kBadSignature);
  EXPECT_EQ(code_of(verify(linked, prepared, kMsg, Bytes{'o', 't', 'h'})),
            ErrorCode::kBadSignature);
  EXPECT_EQ(code_of(verify(linked, prepared, kMsg, {})), ErrorCode::kBadSignature);

  const Signature unlinked = sign_as(g, kMsg, {}, 12);
  EXPECT_EQ(unlinked.size(), 356u);
  EXPECT_TRUE(verify(unlinked, prepared, kMsg, {}).has_value());
  EXPECT_EQ(code_of(verify(unlinked, prepared, kMsg, kBasename)), ErrorCode::kBadSignature);
  EXPECT_EQ(code_of(verify(unlinked, prepared, Bytes{}, {})), ErrorCode::kBadSignature);

  // Empty and long messages.
  const Bytes long_msg(1000, 0x5a);
  EXPECT_TRUE(verify(sign_as(g, {}, kBasename, 13), prepared, {}, kBasename).has_value());
  EXPECT_TRUE(
      verify(sign_as(g, long_msg, kBasename, 14), prepared, long_msg, kBasename).has_value());
}

TEST(DaaProtocol, WrongGroupFailsThePairings) {
  const auto& g = test::shared_group();
  const test::Group other = test::make_group(2);
  const Signature sig = sign_as(g, kMsg, kBasename, 15);
  EXPECT_EQ(code_of(verify(sig, other.issuer.public_key.group_public_key(), kMsg, kBasename)),
            ErrorCode::kBadSignature);
}

// A member holding a credential the issuer did not make: the Schnorr proof is
// fine (the member knows sk for W = sk*S) but the pairing equations fail.
TEST(DaaProtocol, ForgedCredentialFailsThePairings) {
  const auto& g = test::shared_group();
  const auto& real = g.credential.credential;
  auto enc = real.encode();
  // C' = C + P1.
  const G1Bytes c_forged = encode_public(real.c() + G1::generator());
  std::copy(c_forged.begin(), c_forged.end(), enc.begin() + 130);
  const Credential forged = Credential::decode(enc).value();
  test::CounterRandom rng(16);
  const Signature sig = sign(kMsg, kBasename, g.member.secret, forged, rng).value();
  EXPECT_EQ(code_of(verify(sig, test::shared_gpk(), kMsg, kBasename)), ErrorCode::kBadSignature);
  // B' = B + P1 breaks the first equation instead.
  enc = real.encode();
  const G1Bytes b_forged = encode_public(real.b() + G1::generator());
  std::copy(b_forged.begin(), b_forged.end(), enc.begin() + 65);
  const Signature sig2 =
      sign(kMsg, kBasename, g.member.secret, Credential::decode(enc).value(), rng).value();
  EXPECT_EQ(code_of(verify(sig2, test::shared_gpk(), kMsg, kBasename)), ErrorCode::kBadSignature);
}

// Errors that cancel in e(R,Y)e(-S,P2) * e(T,P2)e(-(R+W),X) (S and T both
// shifted by the same delta) must still fail: the batch coefficient is not 1.
TEST(DaaProtocol, BatchedPairingCheckIsNotFooledByCancellingErrors) {
  const auto& g = test::shared_group();
  const Signature sig = sign_as(g, kMsg, kBasename, 17);
  const PreparedGroupKey prepared(test::shared_gpk());
  const auto& gpk_enc = test::shared_gpk().encode();
  EXPECT_TRUE(detail::lrsw_equations_hold(sig.r(), sig.s_point(), sig.t(), sig.w(),
                                          prepared.x_lines(), prepared.y_lines(),
                                          {gpk_enc, sig.rstw_encoded()}));
  const G1 delta = G1::generator().dbl();
  EXPECT_FALSE(detail::lrsw_equations_hold(sig.r(), sig.s_point() + delta, sig.t() + delta, sig.w(),
                                           prepared.x_lines(), prepared.y_lines(),
                                           {gpk_enc, sig.rstw_encoded()}));
  EXPECT_FALSE(detail::lrsw_equations_hold(sig.r(), sig.s_point(), sig.t() + delta, sig.w(),
                                           prepared.x_lines(), prepared.y_lines(),
                                           {gpk_enc, sig.rstw_encoded()}));
}

TEST(DaaProtocol, BatchLambdaIsTheEndomorphismEigenvalue) {
  const Scalar l = detail::glv_lambda();
  EXPECT_EQ(G1::generator().endomorphism(), G1::generator().mul(l));
  EXPECT_TRUE((l * l + l + Scalar::one()).is_zero());
}

TEST(DaaProtocol, Linkability) {
  const auto& g = test::shared_group();
  const Signature a = sign_as(g, kMsg, kBasename, 18);
  const Signature b = sign_as(g, Bytes{'z'}, kBasename, 19);
  const Signature c = sign_as(g, kMsg, Bytes{'o', 't', 'h', 'e', 'r'}, 20);
  EXPECT_EQ(extract_pseudonym(a).value(), extract_pseudonym(b).value());
  EXPECT_NE(extract_pseudonym(a).value(), extract_pseudonym(c).value());
  EXPECT_EQ(extract_pseudonym(a).value(), *a.pseudonym());
  // K = sk * HG1(bsn).
  EXPECT_EQ(extract_pseudonym(a).value(),
            hash_to_g1(kBasename).value().mul(g.member.secret.scalar()).encode());
  // Fresh randomness each time: same message, different signatures.
  EXPECT_FALSE(std::equal(a.encode().begin(), a.encode().end(),
                          sign_as(g, kMsg, kBasename, 21).encode().begin()));
}

TEST(DaaProtocol, RevocationBySecretKey) {
  const auto& g = test::shared_group();
  const test::Group other = test::make_group(2);
  const Signature sig = sign_as(g, kMsg, kBasename, 22);
  RevocationLists lists;
  lists.secret_keys.push_back(other.member.secret.scalar());
  EXPECT_TRUE(verify(sig, test::shared_gpk(), kMsg, kBasename, lists).has_value());
  lists.secret_keys.push_back(g.member.secret.scalar());
  EXPECT_EQ(code_of(verify(sig, test::shared_gpk(), kMsg, kBasename, lists)), ErrorCode::kRevoked);
  // Works for unlinkable signatures too.
  const Signature unlinked = sign_as(g, kMsg, {}, 23);
  EXPECT_EQ(code_of(verify(unlinked, test::shared_gpk(), kMsg, {}, lists)), ErrorCode::kRevoked);
}

TEST(DaaProtocol, RevocationByPseudonym) {
  const auto& g = test::shared_group();
  const Signature sig = sign_as(g, kMsg, kBasename, 24);
  RevocationLists lists;
  lists.pseudonyms.push_back(G1::generator().encode());
  EXPECT_TRUE(verify(sig, test::shared_gpk(), kMsg, kBasename, lists).has_value());
  lists.pseudonyms.push_back(*sig.pseudonym());
  EXPECT_EQ(code_of(verify(sig, test::shared_gpk(), kMsg, kBasename, lists)), ErrorCode::kRevoked);
  // The same member under another basename has another K: not revoked.
  const Bytes other_bsn = {'x'};
  EXPECT_TRUE(verify(sign_as(g, kMsg, other_bsn, 25), test::shared_gpk(), kMsg, other_bsn, lists)
                  .has_value());
}

TEST(DaaProtocol, RandomnessFailuresPropagate) {
  const auto& g = test::shared_group();
  for (std::size_t draws = 0; draws < 3; ++draws) {
    ReplayRandom rng(std::vector<Bytes>(draws, Bytes(65, 1)));
    const auto sig = sign(kMsg, kBasename, g.member.secret, g.credential.credential, rng);
    EXPECT_FALSE(sig.has_value()) << draws;
  }
  ReplayRandom three(std::vector<Bytes>(3, Bytes(65, 1)));
  EXPECT_TRUE(sign(kMsg, kBasename, g.member.secret, g.credential.credential, three).has_value());
  EXPECT_TRUE(three.exhausted());
  ReplayRandom three_keygen(std::vector<Bytes>(3, Bytes(65, 2)));
  EXPECT_FALSE(issuer_keygen(three_keygen).has_value());
  ReplayRandom two(std::vector<Bytes>(2, Bytes(65, 2)));
  EXPECT_FALSE(member_keygen(Bytes(32), two).has_value());
}

int g_declassified = 0;
void count_declassify(const void*, std::size_t) { ++g_declassified; }

TEST(DaaProtocol, SignDeclassifiesOnlyThroughTheHook) {
  const auto& g = test::shared_group();
  set_declassify_hook(&count_declassify);
  const Signature sig = sign_as(g, kMsg, kBasename, 26);
  set_declassify_hook(nullptr);
  // R, S, T, W, E, K, L, nn and s.
  EXPECT_EQ(g_declassified, 9);
  g_declassified = 0;
  (void)sign_as(g, kMsg, kBasename, 27);
  EXPECT_EQ(g_declassified, 0);
  EXPECT_TRUE(verify(sig, test::shared_gpk(), kMsg, kBasename).has_value());
}

}  // namespace
}  // namespace xtt::daa
