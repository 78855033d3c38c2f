#pragma once

#include <array>

#include "base/bytes.hpp"
#include "wire/constants.hpp"

// The layout Identity_ServerFinished (0x13) and Session_ServerFinished (0x23)
// share: a 6-byte header (the associated data) followed by one sealed part.
// Internal to src/wire/.
namespace xtt::wire::detail {

struct ServerFinishedKind {
  const char* name;
  MsgType type;
  std::size_t SuiteInfo::*total_size;
};

extern const ServerFinishedKind kIdentityServerFinishedKind;
extern const ServerFinishedKind kSessionServerFinishedKind;

struct ServerFinishedParts {
  SuiteSpec suite;
  ByteSpan ciphertext;
};

Result<std::size_t> server_finished_size(const ServerFinishedKind& kind, SuiteSpec suite);
Result<std::array<std::uint8_t, kServerFinishedAadSize>> server_finished_aad(
    const ServerFinishedKind& kind, SuiteSpec suite);
Status encode_server_finished(const ServerFinishedKind& kind, ByteWriter& out,
                              const ServerFinishedParts& parts);
Result<ServerFinishedParts> decode_server_finished(const ServerFinishedKind& kind, ByteSpan msg);

}  // namespace xtt::wire::detail
