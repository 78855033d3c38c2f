#include <gtest/gtest.h>

#include <string>

#include "wire/expiry.hpp"
#include "wire/root_certificate.hpp"
#include "wire/server_certificate.hpp"
#include "wire_test_util.hpp"

namespace xtt::wire {
namespace {

using test::transcripts;

std::array<std::uint8_t, 8> ascii8(std::string_view s) {
  std::array<std::uint8_t, 8> out{};
  std::copy(s.begin(), s.end(), out.begin());
  return out;
}

std::string as_string(std::span<const std::uint8_t> b) { return std::string(b.begin(), b.end()); }

TEST(ServerCertificate, TranscriptCertificatesDecode) {
  for (const auto& t : transcripts()) {
    SCOPED_TRACE(t.name);
    ASSERT_EQ(t.server_certificate.size(), 169u);
    const ServerCertificate c = ServerCertificate::decode(t.server_certificate).value();
    EXPECT_EQ(as_string(c.reserved), "XAPTUMSERVER000199991231");
    EXPECT_EQ(Bytes(c.reserved.begin(), c.reserved.end()), t.server_certificate_reserved);
    EXPECT_EQ(as_string(c.legacy_server_id()), "XAPTUMSERVER0001");
    EXPECT_EQ(as_string(c.expiry_field()), "99991231");
    EXPECT_EQ(c.expiry().value(), std::nullopt);
    EXPECT_EQ(Bytes(c.root_id.bytes.begin(), c.root_id.bytes.end()), t.root_id);
    EXPECT_EQ(Bytes(c.server_pub.bytes.begin(), c.server_pub.bytes.end()), t.server_public_key);
    EXPECT_EQ(Bytes(c.root_signature.bytes.begin(), c.root_signature.bytes.end()),
              Bytes(t.server_certificate.begin() + 105, t.server_certificate.end()));
    const auto signed_part = c.signed_part();
    EXPECT_EQ(Bytes(signed_part.begin(), signed_part.end()),
              Bytes(t.server_certificate.begin(), t.server_certificate.begin() + 105));
    EXPECT_EQ(c.encode(), t.server_certificate);
  }
}

TEST(ServerCertificate, RejectsWrongSizes) {
  const Bytes& cert = transcripts().at(0).server_certificate;
  for (std::size_t k = 0; k < cert.size(); ++k) {
    EXPECT_ERROR_CODE(ServerCertificate::decode(ByteSpan(cert).first(k)), ErrorCode::kTruncated);
  }
  Bytes longer = cert;
  longer.push_back(0);
  EXPECT_ERROR_CODE(ServerCertificate::decode(longer), ErrorCode::kTrailingBytes);
  // An ECDSA certificate is not an Ed25519 one and vice versa.
  EXPECT_ERROR_CODE(Ed25519ServerCertificate::decode(cert), ErrorCode::kTrailingBytes);
  EXPECT_ERROR_CODE(ServerCertificate::decode(ByteSpan(cert).first(136)), ErrorCode::kTruncated);
}

TEST(ServerCertificate, ReservedIsOpaqueToDecoding) {
  // libxtt never reads the reserved field: a garbage expiry still decodes, and
  // only expiry() reports it.
  Bytes cert = transcripts().at(0).server_certificate;
  cert[20] = 'x';
  const ServerCertificate c = ServerCertificate::decode(cert).value();
  EXPECT_ERROR_CODE(c.expiry(), ErrorCode::kBadEncoding);
  EXPECT_EQ(c.encode(), cert);
}

TEST(Ed25519ServerCertificate, Layout) {
  Bytes cert(136);
  for (std::size_t i = 0; i < cert.size(); ++i) {
    cert[i] = static_cast<std::uint8_t>(i);
  }
  const Ed25519ServerCertificate c = Ed25519ServerCertificate::decode(cert).value();
  EXPECT_EQ(c.root_id.bytes[0], 24);
  EXPECT_EQ(c.server_pub.bytes[0], 40);
  EXPECT_EQ(c.root_signature.bytes[0], 72);
  const auto sp = c.signed_part();
  EXPECT_EQ(Bytes(sp.begin(), sp.end()), Bytes(cert.begin(), cert.begin() + 72));
  EXPECT_EQ(c.encode(), cert);
}

TEST(RootCertificate, TranscriptRootsDecode) {
  for (const auto& t : transcripts()) {
    SCOPED_TRACE(t.name);
    ASSERT_EQ(t.root_certificate.size(), 81u);
    const RootCertificate r = RootCertificate::decode(t.root_certificate).value();
    EXPECT_EQ(Bytes(r.root_id.bytes.begin(), r.root_id.bytes.end()), t.root_id);
    EXPECT_EQ(Bytes(r.root_pub.bytes.begin(), r.root_pub.bytes.end()), t.root_public_key);
    EXPECT_EQ(r.encode(), t.root_certificate);
    for (std::size_t k = 0; k < 81; ++k) {
      EXPECT_ERROR_CODE(RootCertificate::decode(ByteSpan(t.root_certificate).first(k)),
                        ErrorCode::kTruncated);
    }
    Bytes longer = t.root_certificate;
    longer.push_back(0);
    EXPECT_ERROR_CODE(RootCertificate::decode(longer), ErrorCode::kTrailingBytes);
  }
  const Bytes ed(48, 0xab);
  EXPECT_EQ(Ed25519RootCertificate::decode(ed).value().encode(), ed);
  EXPECT_ERROR_CODE(Ed25519RootCertificate::decode(ByteSpan(ed).first(47)), ErrorCode::kTruncated);
}

TEST(Expiry, AcceptsValidDatesAndNoExpiry) {
  EXPECT_EQ(parse_expiry(ascii8("99991231")).value(), std::nullopt);
  const std::array<std::uint8_t, 8> zeros{};
  EXPECT_EQ(parse_expiry(zeros).value(), std::nullopt);
  EXPECT_EQ(parse_expiry(ascii8("20231231")).value(), (Date{2023, 12, 31}));
  EXPECT_EQ(parse_expiry(ascii8("20240229")).value(), (Date{2024, 2, 29}));  // leap year
  EXPECT_EQ(parse_expiry(ascii8("20000229")).value(), (Date{2000, 2, 29}));  // 400 rule
  EXPECT_EQ(parse_expiry(ascii8("00010101")).value(), (Date{1, 1, 1}));
  EXPECT_EQ(parse_expiry(ascii8("99991230")).value(), (Date{9999, 12, 30}));
}

TEST(Expiry, RejectsInvalid) {
  for (std::string_view bad :
       {"20231301", "2023013x", "20230001", "20230100", "20230132", "20230229", "19000229",
        "20230431", "00000101", "00000000", "2023-1-1", "        ", "9999123\x01"}) {
    EXPECT_ERROR_CODE(parse_expiry(ascii8(bad)), ErrorCode::kBadEncoding);
  }
  std::array<std::uint8_t, 8> one_nonzero{};
  one_nonzero[7] = 1;
  EXPECT_ERROR_CODE(parse_expiry(one_nonzero), ErrorCode::kBadEncoding);
}

TEST(Expiry, EncodeAndCompare) {
  EXPECT_EQ(encode_expiry(std::nullopt).value(), ascii8("99991231"));
  EXPECT_EQ(encode_expiry(Date{2031, 7, 4}).value(), ascii8("20310704"));
  EXPECT_EQ(encode_expiry(Date{5, 1, 9}).value(), ascii8("00050109"));
  EXPECT_ERROR_CODE(encode_expiry(Date{2023, 2, 29}), ErrorCode::kInvalidArgument);
  const std::optional<Date> exp = Date{2030, 6, 15};
  EXPECT_FALSE(is_expired(exp, Date{2030, 6, 15}));
  EXPECT_TRUE(is_expired(exp, Date{2030, 6, 16}));
  EXPECT_FALSE(is_expired(exp, Date{2029, 12, 31}));
  EXPECT_FALSE(is_expired(std::nullopt, Date{9999, 12, 31}));
}

TEST(Expiry, MakeReserved) {
  const std::string id = "XAPTUMSERVER0001";
  std::array<std::uint8_t, 16> legacy{};
  std::copy(id.begin(), id.end(), legacy.begin());
  auto r = make_certificate_reserved(legacy, std::nullopt).value();
  EXPECT_EQ(as_string(r), "XAPTUMSERVER000199991231");
  r = make_certificate_reserved(legacy, Date{2026, 1, 2}).value();
  EXPECT_EQ(as_string(r), "XAPTUMSERVER000120260102");
  EXPECT_ERROR_CODE(make_certificate_reserved(legacy, Date{2026, 13, 2}),
                    ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace xtt::wire
