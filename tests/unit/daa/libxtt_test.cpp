// The DAA long-term material of the libxtt reference transcripts.
#include <gtest/gtest.h>

#include <filesystem>

#include "daa/credential.hpp"
#include "daa/hash.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "test_support.hpp"

namespace xtt::daa {
namespace {

std::vector<std::filesystem::path> transcripts() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(xtt::test::vectors_dir() / "libxtt")) {
    if (e.path().extension() == ".json") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Bytes long_term(const json::Value& root, std::string_view key) {
  return root.at("long_term").value()->hex(key).value();
}

Bytes result(const json::Value& root, std::string_view key) {
  return root.at("results").value()->hex(key).value();
}

std::vector<Bytes> setup_draws(const json::Value& root, std::string_view phase) {
  std::vector<Bytes> out;
  for (const json::Value& d : *root.array("random_draws").value()) {
    if (d.str("side").value() == "setup" && d.str("phase").value() == phase) {
      out.push_back(d.hex("hex").value());
    }
  }
  return out;
}

TEST(DaaLibxtt, LongTermKeysDecodeVerifyAndLink) {
  const auto files = transcripts();
  ASSERT_EQ(files.size(), 4u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const json::Value root = xtt::test::load_json(path);
    const Bytes nonce = long_term(root, "daa_join_nonce");
    const auto gpk = GroupPublicKey::decode(long_term(root, "daa_group_public_key"));
    ASSERT_TRUE(gpk.has_value()) << gpk.error().to_string();
    const auto ipk =
        IssuerPublicKey::decode(long_term(root, "daa_issuer_public_key(ecdaa serialized)"));
    ASSERT_TRUE(ipk.has_value()) << ipk.error().to_string();
    EXPECT_EQ(ipk->group_public_key().encode(), gpk->encode());
    ASSERT_TRUE(
        IssuerSecretKey::decode(long_term(root, "daa_issuer_secret_key(ecdaa serialized)")));
    const auto mpk =
        MemberPublicKey::decode(long_term(root, "daa_member_public_key(ecdaa serialized)"), nonce);
    ASSERT_TRUE(mpk.has_value()) << mpk.error().to_string();
    const auto msk = MemberSecretKey::decode(long_term(root, "daa_member_secret_key"));
    ASSERT_TRUE(msk.has_value());
    EXPECT_EQ(msk->public_point(), mpk->q());
    const auto cred = Credential::decode(long_term(root, "daa_credential"));
    ASSERT_TRUE(cred.has_value()) << cred.error().to_string();
    const auto cred_sig = CredentialSignature::decode(long_term(root, "daa_credential_signature"));
    ASSERT_TRUE(cred_sig.has_value());
    const Status st = verify_credential(*cred, *cred_sig, mpk->q(), *gpk);
    EXPECT_TRUE(st.has_value()) << st.error().to_string();

    // The pseudonym both sides reported is K = sk * HG1(basename).
    const G1 p2b = hash_to_g1(long_term(root, "basename")).value();
    const G1Bytes k = p2b.mul(msk->scalar()).encode();
    EXPECT_EQ(Bytes(k.begin(), k.end()), result(root, "pseudonym(server view)"));
    EXPECT_EQ(Bytes(k.begin(), k.end()), result(root, "pseudonym(client view)"));
  }
}

TEST(DaaLibxtt, LongTermKeysReproduceFromSetupDraws) {
  for (const auto& path : transcripts()) {
    SCOPED_TRACE(path.filename().string());
    const json::Value root = xtt::test::load_json(path);
    ReplayRandom issuer_rng(setup_draws(root, "daa_issuer_keypair"));
    const IssuerKeyPair issuer = issuer_keygen(issuer_rng).value();
    EXPECT_TRUE(issuer_rng.exhausted());
    const auto ipk = issuer.public_key.encode();
    EXPECT_EQ(Bytes(ipk.begin(), ipk.end()),
              long_term(root, "daa_issuer_public_key(ecdaa serialized)"));
    const auto isk = issuer.secret.encode();
    EXPECT_EQ(Bytes(isk.span().begin(), isk.span().end()),
              long_term(root, "daa_issuer_secret_key(ecdaa serialized)"));

    const Bytes nonce = long_term(root, "daa_join_nonce");
    ASSERT_EQ(setup_draws(root, "daa_join_nonce").at(0), nonce);
    ReplayRandom member_rng(setup_draws(root, "daa_member_keypair"));
    const MemberKeyPair member = member_keygen(nonce, member_rng).value();
    const auto mpk = member.public_key.encode();
    EXPECT_EQ(Bytes(mpk.begin(), mpk.end()),
              long_term(root, "daa_member_public_key(ecdaa serialized)"));

    ReplayRandom cred_rng(setup_draws(root, "daa_credential"));
    const IssuedCredential issued =
        issue_credential(issuer.secret, member.public_key, ByteSpan(nonce), cred_rng).value();
    const auto& cred = issued.credential.encode();
    EXPECT_EQ(Bytes(cred.begin(), cred.end()), long_term(root, "daa_credential"));
    const auto sig = issued.signature.encode();
    EXPECT_EQ(Bytes(sig.begin(), sig.end()), long_term(root, "daa_credential_signature"));
  }
}

}  // namespace
}  // namespace xtt::daa
