#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "wire/constants.hpp"

namespace xtt::wire::test {

// One libxtt reference transcript (tests/vectors/libxtt/handshake_*.json).
struct Transcript {
  std::string name;
  SuiteSpec suite{};
  Bytes client_init, server_init_and_attest, identity_client_attest, identity_server_finished;
  Bytes server_certificate, server_certificate_reserved, root_certificate, root_id;
  Bytes root_public_key, server_public_key, client_longterm_public_key, gid;
  Bytes requested_client_id, assigned_client_id, pseudonym;
  Bytes client_dh_pub, server_dh_pub, server_cookie;
  // Handshake keys/ivs (server_after_build_serverattest snapshot).
  Bytes server_key, server_iv, client_key, client_iv;
};

const std::vector<Transcript>& transcripts();

// AEAD-open with the suite's AEAD (test-only, via OpenSSL EVP): nonce = iv XOR
// be32(seq) in the last 4 bytes (§3.4). Fails the test on a bad tag.
Bytes open_aead(SuiteSpec suite, ByteSpan key, ByteSpan iv, std::uint32_t seq, ByteSpan aad,
                ByteSpan sealed);

using DecodeFn = std::function<Result<Bytes>(ByteSpan)>;  // decode then re-encode

// The framing rejections every handshake decoder shares, applied to a valid
// encoding: truncation at every length, one trailing byte, length field off by
// one, too large, bad version, unknown and foreign types, unknown suites.
struct FramingOptions {
  bool has_suite = true;       // suite at offset 4
  bool fixed_length = true;    // the suite fixes the total
  bool checks_version = true;  // Error ignores its version byte
  // Other types the same decoder accepts (e.g. 0x15 for a 0x12 message).
  std::vector<std::uint8_t> sibling_types = {};
};
void expect_framing_rejections(const Bytes& good, const DecodeFn& decode_reencode,
                               FramingOptions options = {});

Bytes with_u8(Bytes b, std::size_t at, std::uint8_t v);
Bytes with_u16(Bytes b, std::size_t at, std::uint16_t v);

#define EXPECT_ERROR_CODE(result, expected_code)                                      \
  do {                                                                                \
    const auto& xtt_r_ = (result);                                                    \
    ASSERT_FALSE(xtt_r_.has_value()) << "expected " << ::xtt::name_of(expected_code); \
    EXPECT_EQ(xtt_r_.error().code, (expected_code)) << xtt_r_.error().to_string();    \
  } while (0)

}  // namespace xtt::wire::test
