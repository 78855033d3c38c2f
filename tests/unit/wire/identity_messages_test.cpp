// The four libxtt reference transcripts, message by message: each decodes, its
// fields land at the spec's offsets, the sealed parts open (test-only AEAD)
// into plaintexts whose codecs agree with long_term/results, and re-encoding
// gives the identical bytes.
#include <gtest/gtest.h>

#include "wire/client_init.hpp"
#include "wire/identity_client_attest.hpp"
#include "wire/identity_server_finished.hpp"
#include "wire/server_init_and_attest.hpp"
#include "wire_test_util.hpp"

namespace xtt::wire {
namespace {

using test::transcripts;

Bytes slice(const Bytes& b, std::size_t from, std::size_t to) {
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(from),
               b.begin() + static_cast<std::ptrdiff_t>(to));
}

template <typename Fixed>
Bytes bytes_of(const Fixed& f) {
  return Bytes(f.bytes.begin(), f.bytes.end());
}

template <std::size_t N>
Bytes bytes_of(const std::array<std::uint8_t, N>& a) {
  return Bytes(a.begin(), a.end());
}

TEST(Transcripts, AllFourSuitesPresent) {
  ASSERT_EQ(transcripts().size(), 4u);
  std::vector<int> suites;
  for (const auto& t : transcripts()) {
    suites.push_back(static_cast<int>(t.suite));
  }
  std::sort(suites.begin(), suites.end());
  EXPECT_EQ(suites, (std::vector<int>{1, 2, 3, 4}));
}

TEST(ClientInit, TranscriptsDecodeAndReencode) {
  for (const auto& t : transcripts()) {
    SCOPED_TRACE(t.name);
    const Bytes& m = t.client_init;
    ASSERT_EQ(m.size(), 70u);
    const ClientInit ci = ClientInit::decode(m).value();
    EXPECT_EQ(ci.suite, t.suite);
    EXPECT_EQ(bytes_of(ci.client_nonce), slice(m, 6, 38));
    EXPECT_EQ(bytes_of(ci.client_dh_pub), slice(m, 38, 70));
    EXPECT_EQ(bytes_of(ci.client_dh_pub), t.client_dh_pub);
    EXPECT_EQ(ci.encode().value(), m);
  }
}

TEST(ClientInit, Rejections) {
  test::expect_framing_rejections(transcripts().at(0).client_init, [](ByteSpan b) -> Result<Bytes> {
    auto m = XTT_TRY(ClientInit::decode(b));
    return m.encode();
  });
}

TEST(ClientInit, EncodeRejectsUnknownSuite) {
  ClientInit ci;
  ci.suite = static_cast<SuiteSpec>(0x0009);
  EXPECT_ERROR_CODE(ci.encode(), ErrorCode::kUnknownSuite);
}

TEST(ServerInitAndAttest, TranscriptsDecodeOpenAndReencode) {
  for (const auto& t : transcripts()) {
    SCOPED_TRACE(t.name);
    const Bytes& m = t.server_init_and_attest;
    ASSERT_EQ(m.size(), 417u);
    const ServerInitAndAttest sia = ServerInitAndAttest::decode(m).value();
    EXPECT_EQ(sia.suite, t.suite);
    EXPECT_EQ(bytes_of(sia.server_dh_pub), slice(m, 6, 38));
    EXPECT_EQ(bytes_of(sia.server_dh_pub), t.server_dh_pub);
    EXPECT_EQ(bytes_of(sia.server_cookie), slice(m, 38, 168));
    EXPECT_EQ(bytes_of(sia.server_cookie), t.server_cookie);
    EXPECT_EQ(sia.ciphertext, slice(m, 168, 417));
    EXPECT_EQ(ServerInitAndAttest::ciphertext_size(t.suite).value(), 249u);
    const auto aad = sia.aad().value();
    EXPECT_EQ(bytes_of(aad), slice(m, 0, 168));
    EXPECT_EQ(sia.encode().value(), m);

    // Server handshake key, server seq 0, AD = [0..168) (§2.4).
    const Bytes plain = test::open_aead(t.suite, t.server_key, t.server_iv, 0, aad, sia.ciphertext);
    ASSERT_EQ(plain.size(), 233u);
    const ServerAttestPlaintext p = ServerAttestPlaintext::decode(plain).value();
    EXPECT_EQ(p.certificate.encode(), t.server_certificate);
    EXPECT_EQ(bytes_of(p.server_signature), slice(plain, 169, 233));
    EXPECT_EQ(p.encode(), plain);
  }
}

TEST(ServerInitAndAttest, Rejections) {
  test::expect_framing_rejections(transcripts().at(0).server_init_and_attest,
                                  [](ByteSpan b) -> Result<Bytes> {
                                    auto m = XTT_TRY(ServerInitAndAttest::decode(b));
                                    return m.encode();
                                  });
}

TEST(ServerInitAndAttest, SizeFollowsTheSuiteFamily) {
  // A 417-byte message claiming an Ed25519 suite has the wrong length (384).
  Bytes m = test::with_u16(transcripts().at(0).server_init_and_attest, 4, 0x0011);
  EXPECT_ERROR_CODE(ServerInitAndAttest::decode(m), ErrorCode::kBadLength);
  // A well-formed Ed25519-family message decodes.
  m = test::with_u16(m, 1, 384);
  m.resize(384);
  const ServerInitAndAttest sia = ServerInitAndAttest::decode(m).value();
  EXPECT_EQ(sia.ciphertext.size(), 216u);
  EXPECT_EQ(sia.encode().value(), m);
  EXPECT_EQ(bytes_of(sia.aad().value()), slice(m, 0, 168));
  // Null suites have the size of their family.
  m = test::with_u16(transcripts().at(0).server_init_and_attest, 4, 0x0005);
  EXPECT_EQ(ServerInitAndAttest::decode(m).value().encode().value(), m);
}

TEST(ServerInitAndAttest, EncodeChecksCiphertextSize) {
  ServerInitAndAttest sia =
      ServerInitAndAttest::decode(transcripts().at(0).server_init_and_attest).value();
  sia.ciphertext.pop_back();
  EXPECT_ERROR_CODE(sia.encode(), ErrorCode::kInvalidArgument);
  sia.ciphertext.resize(216);
  sia.suite = SuiteSpec::kX25519LrswEd25519Aes256GcmSha512;
  EXPECT_EQ(sia.encode().value().size(), 384u);
}

TEST(ServerAttestPlaintext, RejectsWrongSizes) {
  const Bytes plain(233, 0x5a);
  ASSERT_TRUE(ServerAttestPlaintext::decode(plain).has_value());
  EXPECT_ERROR_CODE(ServerAttestPlaintext::decode(ByteSpan(plain).first(232)),
                    ErrorCode::kTruncated);
  Bytes longer = plain;
  longer.push_back(0);
  EXPECT_ERROR_CODE(ServerAttestPlaintext::decode(longer), ErrorCode::kTrailingBytes);
  // Ed25519 family: 136 + 64.
  const Bytes ed(200, 0x33);
  const Ed25519ServerAttestPlaintext p = Ed25519ServerAttestPlaintext::decode(ed).value();
  EXPECT_EQ(p.encode(), ed);
  EXPECT_ERROR_CODE(Ed25519ServerAttestPlaintext::decode(plain), ErrorCode::kTrailingBytes);
}

TEST(IdentityClientAttest, TranscriptsDecodeOpenAndReencode) {
  for (const auto& t : transcripts()) {
    SCOPED_TRACE(t.name);
    const Bytes& m = t.identity_client_attest;
    ASSERT_EQ(m.size(), 750u);
    const IdentityClientAttest ca = IdentityClientAttest::decode(m).value();
    EXPECT_EQ(ca.type, MsgType::kIdentityClientAttest);
    EXPECT_EQ(ca.suite, t.suite);
    // The cookie echo equals SIA[38..168) (§2.5).
    EXPECT_EQ(bytes_of(ca.server_cookie), slice(m, 6, 136));
    EXPECT_EQ(bytes_of(ca.server_cookie), slice(t.server_init_and_attest, 38, 168));
    EXPECT_EQ(ca.ciphertext, slice(m, 136, 750));
    EXPECT_TRUE(ca.payload_block.empty());
    EXPECT_EQ(ca.total_length().value(), 750);
    const auto aad = ca.aad().value();
    EXPECT_EQ(bytes_of(aad), slice(m, 0, 136));
    EXPECT_EQ(ca.ca1().value(), m);
    EXPECT_EQ(ca.encode().value(), m);

    // Client handshake key, client seq 0, AD = [0..136) (§2.5).
    const Bytes plain = test::open_aead(t.suite, t.client_key, t.client_iv, 0, aad, ca.ciphertext);
    ASSERT_EQ(plain.size(), 598u);
    const IdentityClientAttestPlaintext p = IdentityClientAttestPlaintext::decode(plain).value();
    EXPECT_EQ(bytes_of(p.client_longterm_pub), t.client_longterm_public_key);
    EXPECT_EQ(bytes_of(p.gid), t.gid);
    EXPECT_EQ(bytes_of(p.longterm_signature), slice(plain, 113, 177));
    EXPECT_EQ(bytes_of(p.daa_signature), slice(plain, 177, 598));
    // Suites 1 and 3 request "assign me one" (all zero), 2 and 4 a fixed ID.
    EXPECT_EQ(bytes_of(p.requested_client_id), slice(plain, 97, 113));
    if (t.suite == SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b ||
        t.suite == SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b) {
      EXPECT_EQ(bytes_of(p.requested_client_id), t.requested_client_id);
    } else {
      EXPECT_TRUE(p.requested_client_id.is_zero());
    }
    // Pseudonym K: plaintext [533..598), DAA signature offset 356 (§2.5, §3.10).
    EXPECT_EQ(bytes_of(p.pseudonym()), t.pseudonym);
    EXPECT_EQ(bytes_of(p.pseudonym()), slice(plain, 533, 598));
    EXPECT_EQ(p.encode(), plain);
  }
}

TEST(IdentityClientAttest, Rejections) {
  test::expect_framing_rejections(transcripts().at(0).identity_client_attest,
                                  [](ByteSpan b) -> Result<Bytes> {
                                    auto m = XTT_TRY(IdentityClientAttest::decode(b));
                                    return m.encode();
                                  });
}

TEST(IdentityClientAttest, SizeFollowsTheSuiteFamily) {
  Bytes m = test::with_u16(transcripts().at(0).identity_client_attest, 4, 0x0013);
  EXPECT_ERROR_CODE(IdentityClientAttest::decode(m), ErrorCode::kBadLength);
  m = test::with_u16(m, 1, 717);
  m.resize(717);
  const IdentityClientAttest ca = IdentityClientAttest::decode(m).value();
  EXPECT_EQ(ca.ciphertext.size(), 581u);
  EXPECT_EQ(ca.encode().value(), m);
}

TEST(IdentityClientAttestPlaintext, RejectsWrongSizes) {
  const Bytes plain(598, 0x11);
  ASSERT_TRUE(IdentityClientAttestPlaintext::decode(plain).has_value());
  for (std::size_t k : {0u, 64u, 65u, 597u}) {
    EXPECT_ERROR_CODE(IdentityClientAttestPlaintext::decode(ByteSpan(plain).first(k)),
                      ErrorCode::kTruncated);
  }
  Bytes longer = plain;
  longer.push_back(1);
  EXPECT_ERROR_CODE(IdentityClientAttestPlaintext::decode(longer), ErrorCode::kTrailingBytes);
  // Ed25519 family: 32 + 32 + 16 + 64 + 421, K at 80 + 64 + 356 = 500.
  Bytes ed(565);
  for (std::size_t i = 0; i < ed.size(); ++i) {
    ed[i] = static_cast<std::uint8_t>(i);
  }
  const Ed25519IdentityClientAttestPlaintext p =
      Ed25519IdentityClientAttestPlaintext::decode(ed).value();
  EXPECT_EQ(bytes_of(p.client_longterm_pub), slice(ed, 0, 32));
  EXPECT_EQ(bytes_of(p.gid), slice(ed, 32, 64));
  EXPECT_EQ(bytes_of(p.requested_client_id), slice(ed, 64, 80));
  EXPECT_EQ(bytes_of(p.longterm_signature), slice(ed, 80, 144));
  EXPECT_EQ(bytes_of(p.pseudonym()), slice(ed, 500, 565));
  EXPECT_EQ(p.encode(), ed);
}

TEST(IdentityServerFinished, TranscriptsDecodeOpenAndReencode) {
  for (const auto& t : transcripts()) {
    SCOPED_TRACE(t.name);
    const Bytes& m = t.identity_server_finished;
    ASSERT_EQ(m.size(), 103u);
    const IdentityServerFinished sf = IdentityServerFinished::decode(m).value();
    EXPECT_EQ(sf.suite, t.suite);
    EXPECT_EQ(sf.ciphertext, slice(m, 6, 103));
    const auto aad = sf.aad().value();
    EXPECT_EQ(bytes_of(aad), slice(m, 0, 6));
    EXPECT_EQ(sf.encode().value(), m);

    // Server handshake key, server seq 1, AD = [0..6) (§2.6).
    const Bytes plain = test::open_aead(t.suite, t.server_key, t.server_iv, 1, aad, sf.ciphertext);
    ASSERT_EQ(plain.size(), 81u);
    const IdentityServerFinishedPlaintext p =
        IdentityServerFinishedPlaintext::decode(plain).value();
    EXPECT_EQ(bytes_of(p.client_id), t.assigned_client_id);
    EXPECT_EQ(bytes_of(p.client_longterm_pub), t.client_longterm_public_key);
    EXPECT_EQ(p.encode(), plain);
  }
}

TEST(IdentityServerFinished, Rejections) {
  test::expect_framing_rejections(transcripts().at(0).identity_server_finished,
                                  [](ByteSpan b) -> Result<Bytes> {
                                    auto m = XTT_TRY(IdentityServerFinished::decode(b));
                                    return m.encode();
                                  });
}

TEST(IdentityServerFinished, Ed25519FamilyIs70Bytes) {
  Bytes m = test::with_u16(transcripts().at(0).identity_server_finished, 4, 0x0014);
  EXPECT_ERROR_CODE(IdentityServerFinished::decode(m), ErrorCode::kBadLength);
  m = test::with_u16(m, 1, 70);
  m.resize(70);
  const IdentityServerFinished sf = IdentityServerFinished::decode(m).value();
  EXPECT_EQ(sf.ciphertext.size(), 64u);
  EXPECT_EQ(sf.encode().value(), m);
  const Bytes plain(48, 7);
  EXPECT_EQ(Ed25519IdentityServerFinishedPlaintext::decode(plain).value().encode(), plain);
  EXPECT_ERROR_CODE(Ed25519IdentityServerFinishedPlaintext::decode(ByteSpan(plain).first(47)),
                    ErrorCode::kTruncated);
  EXPECT_ERROR_CODE(IdentityServerFinishedPlaintext::decode(plain), ErrorCode::kTruncated);
}

TEST(Messages, DecodersRefuseEachOther) {
  const auto& t = transcripts().at(0);
  EXPECT_ERROR_CODE(ClientInit::decode(t.server_init_and_attest), ErrorCode::kUnexpectedMessage);
  EXPECT_ERROR_CODE(ServerInitAndAttest::decode(t.client_init), ErrorCode::kUnexpectedMessage);
  EXPECT_ERROR_CODE(IdentityClientAttest::decode(t.identity_server_finished),
                    ErrorCode::kUnexpectedMessage);
  EXPECT_ERROR_CODE(IdentityServerFinished::decode(t.identity_client_attest),
                    ErrorCode::kUnexpectedMessage);
  // An Error message where a handshake message was expected.
  EXPECT_ERROR_CODE(ClientInit::decode(Bytes{0x41, 0x00, 0x04, 0x01}),
                    ErrorCode::kUnexpectedMessage);
}

}  // namespace
}  // namespace xtt::wire
