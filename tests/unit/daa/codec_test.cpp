// Every deserializer's rejection paths (spec §4.2) and round trips.
#include <gtest/gtest.h>

#include <functional>

#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/sign.hpp"
#include "daa/signature.hpp"
#include "daa/verify.hpp"
#include "daa_test_util.hpp"
#include "pairing/params.hpp"
#include "test_support.hpp"

namespace xtt::daa {
namespace {

using xtt::test::unhex;
using Decoder = std::function<Status(ByteSpan)>;

const Bytes kP = unhex("fffffffffffcf0cd46e5f25eee71a49f0cdc65fb12980a82d3292ddbaed33013");
const Bytes kN = unhex("fffffffffffcf0cd46e5f25eee71a49e0cdc65fb1299921af62d536cd10b500d");

template <typename T>
Status status_of(const Result<T>& r) {
  if (r) {
    return ok();
  }
  return r.error();
}

ErrorCode code_of(const Status& s) { return s ? ErrorCode::kInternal : s.error().code; }

Bytes with(Bytes b, std::size_t offset, ByteSpan v) {
  std::copy(v.begin(), v.end(), b.begin() + static_cast<std::ptrdiff_t>(offset));
  return b;
}

Bytes flipped(Bytes b, std::size_t offset) {
  b[offset] ^= 0x01;
  return b;
}

void expect_rejects(const Decoder& decode, const Bytes& in, ErrorCode code, const char* what) {
  const Status st = decode(in);
  ASSERT_FALSE(st.has_value()) << what << " was accepted";
  EXPECT_EQ(st.error().code, code) << what << ": " << st.error().to_string();
}

void check_sizes(const Decoder& decode, const Bytes& valid) {
  ASSERT_TRUE(decode(valid).has_value()) << decode(valid).error().to_string();
  expect_rejects(decode, Bytes{}, ErrorCode::kTruncated, "empty input");
  expect_rejects(decode, Bytes(valid.begin(), valid.end() - 1), ErrorCode::kTruncated,
                 "one byte short");
  Bytes longer = valid;
  longer.push_back(0);
  expect_rejects(decode, longer, ErrorCode::kTrailingBytes, "one trailing byte");
}

void check_g1_field(const Decoder& decode, const Bytes& valid, std::size_t at) {
  SCOPED_TRACE("G1 field at " + std::to_string(at));
  expect_rejects(decode, with(valid, at, Bytes{0x02}), ErrorCode::kBadEncoding, "prefix 0x02");
  expect_rejects(decode, with(valid, at, Bytes{0x00}), ErrorCode::kBadEncoding, "prefix 0x00");
  expect_rejects(decode, with(valid, at + 1, kP), ErrorCode::kBadEncoding, "x = p");
  expect_rejects(decode, with(valid, at + 33, kP), ErrorCode::kBadEncoding, "y = p");
  expect_rejects(decode, with(valid, at + 1, Bytes(32, 0xff)), ErrorCode::kBadEncoding, "x > p");
  expect_rejects(decode, flipped(valid, at + 64), ErrorCode::kBadPoint, "off the curve");
  expect_rejects(decode, with(valid, at + 1, Bytes(64, 0)), ErrorCode::kBadPoint, "infinity");
}

// A point on the twist outside the order-n subgroup.
Bytes twist_point_outside_g2() {
  for (std::uint64_t i = 1;; ++i) {
    const pairing::Fp2 x{pairing::Fp::from_u64(i), pairing::Fp::one()};
    pairing::Fp2 y;
    if (!(x.square() * x + pairing::params::kB2).sqrt(y)) {
      continue;
    }
    const G2 p = G2::from_affine(x, y).value();
    if (!p.is_in_group()) {
      const auto e = p.encode();
      return Bytes(e.begin(), e.end());
    }
  }
}

void check_g2_field(const Decoder& decode, const Bytes& valid, std::size_t at) {
  SCOPED_TRACE("G2 field at " + std::to_string(at));
  expect_rejects(decode, with(valid, at, Bytes{0x02}), ErrorCode::kBadEncoding, "prefix 0x02");
  for (std::size_t coord = 0; coord < 4; ++coord) {
    expect_rejects(decode, with(valid, at + 1 + 32 * coord, kP), ErrorCode::kBadEncoding,
                   "coordinate = p");
  }
  expect_rejects(decode, flipped(valid, at + 128), ErrorCode::kBadPoint, "off the twist");
  expect_rejects(decode, with(valid, at + 1, Bytes(128, 0)), ErrorCode::kBadPoint, "infinity");
  expect_rejects(decode, with(valid, at, twist_point_outside_g2()), ErrorCode::kPointNotInGroup,
                 "outside G2");
}

void check_scalar_field(const Decoder& decode, const Bytes& valid, std::size_t at) {
  expect_rejects(decode, with(valid, at, kN), ErrorCode::kBadScalar, "scalar = n");
  expect_rejects(decode, with(valid, at, Bytes(32, 0xff)), ErrorCode::kBadScalar, "scalar > n");
}

TEST(DaaCodec, IssuerSecretKey) {
  const auto enc = test::shared_group().issuer.secret.encode();
  const Bytes valid(enc.span().begin(), enc.span().end());
  const Decoder decode = [](ByteSpan in) { return status_of(IssuerSecretKey::decode(in)); };
  check_sizes(decode, valid);
  check_scalar_field(decode, valid, 0);
  check_scalar_field(decode, valid, 32);
  expect_rejects(decode, with(valid, 32, Bytes(32, 0)), ErrorCode::kBadScalar, "y = 0");
  const auto back = IssuerSecretKey::decode(valid).value().encode();
  EXPECT_TRUE(std::equal(back.span().begin(), back.span().end(), valid.begin()));
}

TEST(DaaCodec, GroupPublicKey) {
  const auto& enc = test::shared_gpk().encode();
  const Bytes valid(enc.begin(), enc.end());
  const Decoder decode = [](ByteSpan in) { return status_of(GroupPublicKey::decode(in)); };
  check_sizes(decode, valid);
  check_g2_field(decode, valid, 0);
  check_g2_field(decode, valid, 129);
  EXPECT_EQ(GroupPublicKey::decode(valid).value().encode(), enc);
}

TEST(DaaCodec, IssuerPublicKeyAndProof) {
  const auto enc = test::shared_group().issuer.public_key.encode();
  const Bytes valid(enc.begin(), enc.end());
  const Decoder decode = [](ByteSpan in) { return status_of(IssuerPublicKey::decode(in)); };
  check_sizes(decode, valid);
  check_g2_field(decode, valid, 0);
  check_g2_field(decode, valid, 129);
  check_scalar_field(decode, valid, 258 + 32);
  check_scalar_field(decode, valid, 258 + 64);
  expect_rejects(decode, flipped(valid, 258 + 31), ErrorCode::kBadProof, "c changed");
  expect_rejects(decode, with(valid, 258, Bytes(32, 0xff)), ErrorCode::kBadProof, "c >= n");
  expect_rejects(decode, flipped(valid, 258 + 63), ErrorCode::kBadProof, "sx changed");
  expect_rejects(decode, flipped(valid, 258 + 95), ErrorCode::kBadProof, "sy changed");
  // Another group's X and Y under this proof.
  const auto other = test::make_group(2).issuer.public_key.encode();
  expect_rejects(decode, with(valid, 0, ByteSpan(other).first(258)), ErrorCode::kBadProof,
                 "proof for another key");
  EXPECT_EQ(IssuerPublicKey::decode(valid).value().encode(), enc);
}

TEST(DaaCodec, MemberSecretKey) {
  const auto enc = test::shared_group().member.secret.encode();
  const Bytes valid(enc.span().begin(), enc.span().end());
  const Decoder decode = [](ByteSpan in) { return status_of(MemberSecretKey::decode(in)); };
  check_sizes(decode, valid);
  check_scalar_field(decode, valid, 0);
  expect_rejects(decode, Bytes(32, 0), ErrorCode::kBadScalar, "zero");
}

TEST(DaaCodec, MemberPublicKeyAndProof) {
  const auto& g = test::shared_group();
  const auto enc = g.member.public_key.encode();
  const Bytes valid(enc.begin(), enc.end());
  const Bytes nonce = g.join_nonce;
  const Decoder decode = [&](ByteSpan in) { return status_of(MemberPublicKey::decode(in, nonce)); };
  check_sizes(decode, valid);
  check_g1_field(decode, valid, 0);
  check_scalar_field(decode, valid, 65 + 32);
  expect_rejects(decode, flipped(valid, 65), ErrorCode::kBadProof, "c changed");
  expect_rejects(decode, flipped(valid, 65 + 63), ErrorCode::kBadProof, "s changed");
  expect_rejects(decode, flipped(valid, 65 + 95), ErrorCode::kBadProof, "nn changed");
  const Status wrong_nonce = status_of(MemberPublicKey::decode(valid, Bytes(32, 7)));
  EXPECT_EQ(code_of(wrong_nonce), ErrorCode::kBadProof);
  // Without the proof check the same bytes decode, and verify_proof fails.
  const MemberPublicKey unverified = MemberPublicKey::decode_unverified(flipped(valid, 65)).value();
  EXPECT_EQ(code_of(unverified.verify_proof(nonce)), ErrorCode::kBadProof);
  EXPECT_EQ(MemberPublicKey::decode(valid, nonce).value().encode(), enc);
}

TEST(DaaCodec, Credential) {
  const auto& enc = test::shared_group().credential.credential.encode();
  const Bytes valid(enc.begin(), enc.end());
  const Decoder decode = [](ByteSpan in) { return status_of(Credential::decode(in)); };
  check_sizes(decode, valid);
  for (std::size_t i = 0; i < 4; ++i) {
    check_g1_field(decode, valid, 65 * i);
  }
  EXPECT_EQ(Credential::decode(valid).value().encode(), enc);
}

TEST(DaaCodec, CredentialSignature) {
  const auto enc = test::shared_group().credential.signature.encode();
  const Bytes valid(enc.begin(), enc.end());
  const Decoder decode = [](ByteSpan in) { return status_of(CredentialSignature::decode(in)); };
  check_sizes(decode, valid);
  check_scalar_field(decode, valid, 32);
  // c is kept as sent, even >= n (verification then fails).
  EXPECT_TRUE(decode(with(valid, 0, Bytes(32, 0xff))).has_value());
  EXPECT_EQ(CredentialSignature::decode(valid).value().encode(), enc);
}

Bytes sample_signature(ByteSpan basename) {
  const auto& g = test::shared_group();
  test::CounterRandom rng(9);
  const Signature sig =
      sign(Bytes{'m'}, basename, g.member.secret, g.credential.credential, rng).value();
  return Bytes(sig.encode().begin(), sig.encode().end());
}

TEST(DaaCodec, SignatureWithPseudonym) {
  const Bytes bsn = {'b', 's', 'n'};
  const Bytes valid = sample_signature(bsn);
  ASSERT_EQ(valid.size(), Signature::kSizeWithBasename);
  const Decoder decode = [](ByteSpan in) { return status_of(Signature::decode(in)); };
  check_sizes(decode, valid);
  for (std::size_t i = 0; i < 4; ++i) {
    check_g1_field(decode, valid, 64 + 65 * i);
  }
  check_g1_field(decode, valid, Signature::kPseudonymOffset);
  check_scalar_field(decode, valid, 32);
  expect_rejects(decode, Bytes(valid.begin(), valid.begin() + 357), ErrorCode::kTruncated,
                 "between the two sizes");
  const Signature sig = Signature::decode(valid).value();
  EXPECT_TRUE(sig.has_pseudonym());
  EXPECT_TRUE(std::equal(sig.encode().begin(), sig.encode().end(), valid.begin(), valid.end()));
  // c >= n decodes but never verifies.
  const Bytes big_c = with(valid, 0, Bytes(32, 0xff));
  const Signature bad = Signature::decode(big_c).value();
  EXPECT_EQ(code_of(verify(bad, test::shared_gpk(), Bytes{'m'}, bsn)), ErrorCode::kBadSignature);
  EXPECT_TRUE(verify(sig, test::shared_gpk(), Bytes{'m'}, bsn).has_value());
}

TEST(DaaCodec, SignatureWithoutPseudonym) {
  const Bytes valid = sample_signature({});
  ASSERT_EQ(valid.size(), Signature::kSizeWithoutBasename);
  const Decoder decode = [](ByteSpan in) { return status_of(Signature::decode(in)); };
  expect_rejects(decode, Bytes(valid.begin(), valid.end() - 1), ErrorCode::kTruncated,
                 "one byte short");
  // One more byte reads as a cut-off 421-byte signature.
  Bytes longer = valid;
  longer.push_back(0);
  expect_rejects(decode, longer, ErrorCode::kTruncated, "357 bytes");
  for (std::size_t i = 0; i < 4; ++i) {
    check_g1_field(decode, valid, 64 + 65 * i);
  }
  check_scalar_field(decode, valid, 32);
  const Signature sig = Signature::decode(valid).value();
  EXPECT_FALSE(sig.has_pseudonym());
  EXPECT_FALSE(sig.pseudonym().has_value());
  EXPECT_EQ(code_of(status_of(extract_pseudonym(sig))), ErrorCode::kInvalidArgument);
  // A nonce of any value is hashed as sent: no decode check, only verify.
  EXPECT_TRUE(decode(with(valid, Signature::kNonceOffset, Bytes(32, 0xff))).has_value());
}

}  // namespace
}  // namespace xtt::daa
