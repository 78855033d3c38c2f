#include "wire/client_attest_layout.hpp"

#include <string>

#include "wire/codec.hpp"
#include "wire/header.hpp"

namespace xtt::wire::detail {

const ClientAttestKind kIdentityClientAttestKind = {
    "Identity_ClientAttest",
    MsgType::kIdentityClientAttest,
    MsgType::kIdentityClientAttestPayload,
    MsgType::kIdentityClientAttestPayloadNoResponse,
    &SuiteInfo::identity_client_attest_size,
};

const ClientAttestKind kSessionClientAttestKind = {
    "Session_ClientAttest",
    MsgType::kSessionClientAttestNoPayload,
    MsgType::kSessionClientAttestPayload,
    MsgType::kSessionClientAttestPayloadNoResponse,
    &SuiteInfo::session_client_attest_size,
};

Result<std::size_t> first_part_size(const ClientAttestKind& kind, SuiteSpec suite) {
  const SuiteInfo info = XTT_TRY(suite_info(suite));
  return info.*kind.first_part_size;
}

Result<std::uint16_t> client_attest_total(const ClientAttestKind& kind, MsgType type,
                                          SuiteSpec suite, std::size_t payload_block_size) {
  const std::size_t ca1 = XTT_TRY(first_part_size(kind, suite));
  if (type == kind.no_payload) {
    XTT_ENSURE(payload_block_size == 0, ErrorCode::kInvalidArgument,
               std::string(kind.name) + " without payload carries no payload block");
    return checked_length(ca1, kMaxHandshakeLength);
  }
  XTT_ENSURE(type == kind.payload || type == kind.no_response, ErrorCode::kInvalidArgument,
             std::string(kind.name) + " with a foreign message type");
  XTT_ENSURE(payload_block_size >= kPayloadBlockOverhead, ErrorCode::kInvalidArgument,
             "a payload block holds at least payload_type and the tag");
  return checked_length(ca1 + payload_block_size);
}

Result<std::array<std::uint8_t, kClientAttestAadSize>> client_attest_aad(
    const ClientAttestKind& kind, MsgType type, SuiteSpec suite, const ServerCookie& cookie,
    std::size_t payload_block_size) {
  const std::uint16_t total = XTT_TRY(client_attest_total(kind, type, suite, payload_block_size));
  ByteWriter out(kClientAttestAadSize);
  encode_handshake_header(out, type, total, suite);
  write_fixed(out, cookie);
  return first_bytes<kClientAttestAadSize>(out.view());
}

Status encode_client_attest(const ClientAttestKind& kind, ByteWriter& out,
                            const ClientAttestParts& parts, bool with_block) {
  const std::uint16_t total =
      XTT_TRY(client_attest_total(kind, parts.type, parts.suite, parts.payload_block.size()));
  const std::size_t ca1 = XTT_TRY(first_part_size(kind, parts.suite));
  XTT_ENSURE(parts.ciphertext.size() == ca1 - kClientAttestAadSize, ErrorCode::kInvalidArgument,
             std::string(kind.name) + " ciphertext has the wrong size for the suite");
  encode_handshake_header(out, parts.type, total, parts.suite);
  write_fixed(out, parts.server_cookie);
  out.bytes(parts.ciphertext);
  if (with_block) {
    out.bytes(parts.payload_block);
  }
  return ok();
}

Result<ClientAttestParts> decode_client_attest(const ClientAttestKind& kind, ByteSpan msg) {
  const HandshakeHeader h =
      XTT_TRY(open_handshake_message(msg, {kind.no_payload, kind.payload, kind.no_response}));
  const std::size_t ca1 = XTT_TRY(first_part_size(kind, h.suite));
  if (h.type == kind.no_payload) {
    XTT_ENSURE(h.length == ca1, ErrorCode::kBadLength,
               std::string(kind.name) + " length must be " + std::to_string(ca1));
  } else {
    XTT_ENSURE(h.length >= ca1 + kPayloadBlockOverhead, ErrorCode::kBadLength,
               std::string(kind.name) + " with payload needs at least " +
                   std::to_string(ca1 + kPayloadBlockOverhead) + " bytes");
  }
  XTT_TRY(check_buffer_size(msg, h.length));
  ByteReader in(msg.subspan(kHandshakeHeaderSize));
  ClientAttestParts p{h.type, h.suite, {}, {}, {}};
  XTT_TRY(read_fixed(in, p.server_cookie));
  p.ciphertext = XTT_TRY(in.bytes(ca1 - kClientAttestAadSize));
  p.payload_block = in.rest();
  return p;
}

}  // namespace xtt::wire::detail
