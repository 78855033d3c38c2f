#include "wire/server_finished_layout.hpp"

#include <string>

#include "wire/codec.hpp"
#include "wire/header.hpp"

namespace xtt::wire::detail {

const ServerFinishedKind kIdentityServerFinishedKind = {
    "Identity_ServerFinished",
    MsgType::kIdentityServerFinished,
    &SuiteInfo::identity_server_finished_size,
};

const ServerFinishedKind kSessionServerFinishedKind = {
    "Session_ServerFinished",
    MsgType::kSessionServerFinished,
    &SuiteInfo::session_server_finished_size,
};

Result<std::size_t> server_finished_size(const ServerFinishedKind& kind, SuiteSpec suite) {
  const SuiteInfo info = XTT_TRY(suite_info(suite));
  return info.*kind.total_size;
}

Result<std::array<std::uint8_t, kServerFinishedAadSize>> server_finished_aad(
    const ServerFinishedKind& kind, SuiteSpec suite) {
  const std::size_t total = XTT_TRY(server_finished_size(kind, suite));
  ByteWriter out(kServerFinishedAadSize);
  encode_handshake_header(out, kind.type, static_cast<std::uint16_t>(total), suite);
  return first_bytes<kServerFinishedAadSize>(out.view());
}

Status encode_server_finished(const ServerFinishedKind& kind, ByteWriter& out,
                              const ServerFinishedParts& parts) {
  const std::size_t total = XTT_TRY(server_finished_size(kind, parts.suite));
  XTT_ENSURE(parts.ciphertext.size() == total - kServerFinishedAadSize, ErrorCode::kInvalidArgument,
             std::string(kind.name) + " ciphertext has the wrong size for the suite");
  encode_handshake_header(out, kind.type, static_cast<std::uint16_t>(total), parts.suite);
  out.bytes(parts.ciphertext);
  return ok();
}

Result<ServerFinishedParts> decode_server_finished(const ServerFinishedKind& kind, ByteSpan msg) {
  const HandshakeHeader h = XTT_TRY(open_handshake_message(msg, {kind.type}));
  const std::size_t total = XTT_TRY(server_finished_size(kind, h.suite));
  XTT_ENSURE(
      h.length == total, ErrorCode::kBadLength,
      std::string(kind.name) + " length must be " + std::to_string(total) + " for this suite");
  XTT_TRY(check_buffer_size(msg, h.length));
  return ServerFinishedParts{h.suite, msg.subspan(kServerFinishedAadSize)};
}

}  // namespace xtt::wire::detail
