#pragma once

#include <array>
#include <cstddef>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

// The layout the identity (0x11/0x12/0x15) and session (0x21/0x22/0x25)
// ClientAttest messages share (§2.5, §6.2, §6.3): a 136-byte cleartext prefix
// (header, suite, cookie echo), the first AEAD part, and for the payload
// variants one payload block. Internal to src/wire/.
namespace xtt::wire::detail {

struct ClientAttestKind {
  const char* name;
  MsgType no_payload;                       // 0x11 / 0x21
  MsgType payload;                          // 0x12 / 0x22
  MsgType no_response;                      // 0x15 / 0x25
  std::size_t SuiteInfo::*first_part_size;  // |CA1| for the suite
};

extern const ClientAttestKind kIdentityClientAttestKind;
extern const ClientAttestKind kSessionClientAttestKind;

struct ClientAttestParts {
  MsgType type;
  SuiteSpec suite;
  ServerCookie server_cookie;
  ByteSpan ciphertext;
  ByteSpan payload_block;
};

Result<std::size_t> first_part_size(const ClientAttestKind& kind, SuiteSpec suite);
// The total a message with these parts has; checks the type belongs to kind,
// that the payload block is empty exactly for the no-payload type and at
// least 17 bytes otherwise, and that the total fits the length field.
Result<std::uint16_t> client_attest_total(const ClientAttestKind& kind, MsgType type,
                                          SuiteSpec suite, std::size_t payload_block_size);
Result<std::array<std::uint8_t, kClientAttestAadSize>> client_attest_aad(
    const ClientAttestKind& kind, MsgType type, SuiteSpec suite, const ServerCookie& cookie,
    std::size_t payload_block_size);
// Writes the whole message (with_block) or only CA1.
Status encode_client_attest(const ClientAttestKind& kind, ByteWriter& out,
                            const ClientAttestParts& parts, bool with_block);
Result<ClientAttestParts> decode_client_attest(const ClientAttestKind& kind, ByteSpan msg);

}  // namespace xtt::wire::detail
