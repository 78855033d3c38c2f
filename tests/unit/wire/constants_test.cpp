#include "wire/constants.hpp"

#include <gtest/gtest.h>

#include "wire_test_util.hpp"

namespace xtt::wire {
namespace {

TEST(MsgType, ExactlyTheSpecValuesAreKnown) {
  const std::vector<int> known = {0x01, 0x02, 0x11, 0x12, 0x13, 0x15,
                                  0x21, 0x22, 0x23, 0x25, 0x31, 0x41};
  int accepted = 0;
  for (int v = 0; v < 256; ++v) {
    auto t = parse_msg_type(static_cast<std::uint8_t>(v));
    const bool expect = std::find(known.begin(), known.end(), v) != known.end();
    EXPECT_EQ(t.has_value(), expect) << v;
    if (t) {
      ++accepted;
      EXPECT_EQ(static_cast<int>(*t), v);
      EXPECT_NE(name_of(*t), "unknown");
    } else {
      EXPECT_EQ(t.error().code, ErrorCode::kUnknownType);
    }
  }
  EXPECT_EQ(accepted, 12);
}

TEST(MsgType, SuiteAndPayloadProperties) {
  EXPECT_TRUE(has_suite(MsgType::kClientInit));
  EXPECT_TRUE(has_suite(MsgType::kSessionServerFinished));
  EXPECT_FALSE(has_suite(MsgType::kRecordRegular));
  EXPECT_FALSE(has_suite(MsgType::kError));
  EXPECT_TRUE(carries_payload_block(MsgType::kIdentityClientAttestPayload));
  EXPECT_TRUE(carries_payload_block(MsgType::kIdentityClientAttestPayloadNoResponse));
  EXPECT_TRUE(carries_payload_block(MsgType::kSessionClientAttestPayload));
  EXPECT_TRUE(carries_payload_block(MsgType::kSessionClientAttestPayloadNoResponse));
  EXPECT_FALSE(carries_payload_block(MsgType::kIdentityClientAttest));
  EXPECT_FALSE(carries_payload_block(MsgType::kSessionClientAttestNoPayload));
}

TEST(MsgType, LengthLimits) {
  // §2.1: 750 for libxtt's types; §6 intro: 65535 for the payload carriers.
  EXPECT_EQ(max_length(MsgType::kClientInit), 750u);
  EXPECT_EQ(max_length(MsgType::kIdentityClientAttest), 750u);
  EXPECT_EQ(max_length(MsgType::kError), 750u);
  EXPECT_EQ(max_length(MsgType::kIdentityClientAttestPayload), 65535u);
  EXPECT_EQ(max_length(MsgType::kSessionClientAttestPayloadNoResponse), 65535u);
  EXPECT_EQ(max_length(MsgType::kRecordRegular), 65535u);
  // §6 intro minimums (smallest family).
  EXPECT_EQ(min_length(MsgType::kIdentityClientAttestPayload), 734u);
  EXPECT_EQ(min_length(MsgType::kIdentityClientAttestPayloadNoResponse), 734u);
  EXPECT_EQ(min_length(MsgType::kSessionClientAttestPayload), 249u);
  EXPECT_EQ(min_length(MsgType::kRecordRegular), 41u);
  EXPECT_EQ(min_length(MsgType::kError), 4u);
  EXPECT_EQ(min_length(MsgType::kClientInit), 70u);
  EXPECT_EQ(min_length(MsgType::kServerInitAndAttest), 384u);
  EXPECT_EQ(min_length(MsgType::kSessionServerFinished), 54u);
}

TEST(Suite, ExactlyTwelveSuitesAreKnown) {
  int accepted = 0;
  for (int v = 0; v < 65536; ++v) {
    auto info = suite_info(static_cast<std::uint16_t>(v));
    auto spec = parse_suite_spec(static_cast<std::uint16_t>(v));
    EXPECT_EQ(info.has_value(), spec.has_value());
    if (info) {
      ++accepted;
      EXPECT_EQ(static_cast<int>(info->spec), v);
      EXPECT_TRUE((v >= 1 && v <= 6) || (v >= 0x11 && v <= 0x16)) << v;
    } else {
      EXPECT_EQ(info.error().code, ErrorCode::kUnknownSuite);
      EXPECT_EQ(spec.error().code, ErrorCode::kUnknownSuite);
    }
  }
  EXPECT_EQ(accepted, 12);
}

TEST(Suite, LibxttSuites) {
  struct Row {
    std::uint16_t v;
    AeadKind aead;
    HashKind hash;
    std::string_view name;
  };
  const Row rows[] = {
      {1, AeadKind::kChaCha20Poly1305, HashKind::kSha512,
       "X25519_LRSW_ECDSAP256_CHACHA20POLY1305_SHA512"},
      {2, AeadKind::kChaCha20Poly1305, HashKind::kBlake2b,
       "X25519_LRSW_ECDSAP256_CHACHA20POLY1305_BLAKE2B"},
      {3, AeadKind::kAes256Gcm, HashKind::kSha512, "X25519_LRSW_ECDSAP256_AES256GCM_SHA512"},
      {4, AeadKind::kAes256Gcm, HashKind::kBlake2b, "X25519_LRSW_ECDSAP256_AES256GCM_BLAKE2B"},
  };
  for (const auto& row : rows) {
    const SuiteInfo s = suite_info(row.v).value();
    EXPECT_EQ(s.aead, row.aead);
    EXPECT_EQ(s.hash, row.hash);
    EXPECT_EQ(s.name, row.name);
    EXPECT_EQ(s.signature, SignatureKind::kEcdsaP256);
    EXPECT_TRUE(s.is_libxtt());
    EXPECT_FALSE(s.is_null());
    EXPECT_EQ(s.tag_size, 16u);
    EXPECT_EQ(s.hash_size, 64u);
    EXPECT_EQ(s.signature_public_key_size, 65u);
    EXPECT_EQ(s.server_certificate_size, 169u);
    EXPECT_EQ(s.root_certificate_size, 81u);
    EXPECT_EQ(s.server_init_and_attest_size, 417u);
    EXPECT_EQ(s.identity_client_attest_size, 750u);
    EXPECT_EQ(s.identity_server_finished_size, 103u);
    EXPECT_EQ(s.session_client_attest_size, 232u);
    EXPECT_EQ(s.session_server_finished_size, 54u);
    EXPECT_EQ(s.server_attest_plaintext_size, 233u);
    EXPECT_EQ(s.identity_client_attest_plaintext_size, 598u);
    EXPECT_EQ(s.identity_server_finished_plaintext_size, 81u);
  }
}

TEST(Suite, ProjectSuites) {
  for (std::uint16_t v : {0x0005, 0x0006}) {
    const SuiteInfo s = suite_info(v).value();
    EXPECT_TRUE(s.is_null());
    EXPECT_FALSE(s.is_libxtt());
    EXPECT_EQ(s.signature, SignatureKind::kEcdsaP256);
    EXPECT_EQ(s.server_init_and_attest_size, 417u);
    EXPECT_EQ(s.identity_client_attest_size, 750u);
  }
  EXPECT_EQ(suite_info(0x0005)->hash, HashKind::kSha512);
  EXPECT_EQ(suite_info(0x0006)->hash, HashKind::kBlake2b);
  for (std::uint16_t v = 0x11; v <= 0x16; ++v) {
    const SuiteInfo s = suite_info(v).value();
    const SuiteInfo twin = suite_info(static_cast<std::uint16_t>(v - 0x10)).value();
    EXPECT_EQ(s.signature, SignatureKind::kEd25519);
    EXPECT_EQ(s.aead, twin.aead);
    EXPECT_EQ(s.hash, twin.hash);
    EXPECT_EQ(s.client_signature_form, ClientSignatureForm::kFull);
    EXPECT_EQ(s.signature_public_key_size, 32u);
    EXPECT_EQ(s.server_certificate_size, 136u);
    EXPECT_EQ(s.root_certificate_size, 48u);
    EXPECT_EQ(s.server_init_and_attest_size, 384u);
    EXPECT_EQ(s.identity_client_attest_size, 717u);
    EXPECT_EQ(s.identity_server_finished_size, 70u);
    EXPECT_EQ(s.session_client_attest_size, 232u);
    EXPECT_EQ(s.session_server_finished_size, 54u);
    EXPECT_EQ(s.identity_client_attest_plaintext_size, 565u);
  }
  EXPECT_EQ(suite_info(0x0015)->name, "X25519_LRSW_ED25519_NULL_SHA512");
  EXPECT_TRUE(suite_info(0x0016)->is_null());
}

TEST(PayloadType, KnownValues) {
  EXPECT_TRUE(is_known_payload_type(0x01));
  EXPECT_TRUE(is_known_payload_type(0x02));
  EXPECT_FALSE(is_known_payload_type(0x00));
  EXPECT_FALSE(is_known_payload_type(0x03));
}

}  // namespace
}  // namespace xtt::wire
