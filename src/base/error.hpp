#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xtt {

// Codes are grouped by their high byte so a caller can react to a whole class
// (s2n's error types, picotls' error classes) and the handshake can map each
// peer-visible code to one XTT Error message.
enum class ErrorGroup : std::uint8_t {
  kDecode = 1,    // malformed bytes from outside
  kCrypto = 2,    // a check on keys, tags or signatures failed
  kProtocol = 3,  // well-formed input at the wrong time or with wrong values
  kStorage = 4,   // the identity or session store failed
  kIo = 5,        // sockets, files, timeouts
  kUsage = 6,     // the caller misused an API or gave bad options
  kInternal = 7,  // a bug or an impossible state
};

enum class ErrorCode : std::uint16_t {
  // Decode
  kTruncated = 0x0101,
  kTrailingBytes = 0x0102,
  kBadLength = 0x0103,
  kUnknownType = 0x0104,
  kUnknownVersion = 0x0105,
  kUnknownSuite = 0x0106,
  kBadEncoding = 0x0107,
  kTooLarge = 0x0108,
  // Crypto
  kBadTag = 0x0201,
  kBadSignature = 0x0202,
  kBadPoint = 0x0203,
  kPointNotInGroup = 0x0204,
  kBadScalar = 0x0205,
  kWeakKeyShare = 0x0206,
  kBadProof = 0x0207,
  kCryptoFailure = 0x0208,
  kRevoked = 0x0209,
  // Protocol
  kUnexpectedMessage = 0x0301,
  kBadCookie = 0x0302,
  kExpiredCookie = 0x0303,
  kReplayedCookie = 0x0304,
  kUnknownRoot = 0x0305,
  kBadCertificate = 0x0306,
  kExpiredCertificate = 0x0307,
  kUnknownGroup = 0x0308,
  kUnknownClient = 0x0309,
  kIdentityRejected = 0x030a,
  kBadFinish = 0x030b,
  kPeerError = 0x030c,
  kReplayedRecord = 0x030d,
  kSessionExpired = 0x030e,
  kSuiteNotAllowed = 0x030f,
  kClosed = 0x0310,
  kTooManySessions = 0x0311,     // the per-ClientID session cap left no room (§6.8)
  kAmplificationLimit = 0x0312,  // 3x limit toward an unvalidated address (§6.4)
  kRateLimited = 0x0313,         // a §6.8 budget (e.g. DAA verifications per source) is spent
  // Storage
  kStorageFailure = 0x0401,
  kNotFound = 0x0402,
  kConflict = 0x0403,
  kSchemaMismatch = 0x0404,  // a database written by a newer build
  kCorrupt = 0x0405,         // stored bytes fail their own format checks
  // Io
  kIoFailure = 0x0501,
  kTimeout = 0x0502,
  // Usage
  kInvalidArgument = 0x0601,
  kBadState = 0x0602,
  // Internal
  kInternal = 0x0701,
};

constexpr ErrorGroup group_of(ErrorCode code) {
  return static_cast<ErrorGroup>(static_cast<std::uint16_t>(code) >> 8);
}

std::string_view name_of(ErrorCode code);
std::string_view name_of(ErrorGroup group);

// An error: a code to branch on and a detail for people. The detail never holds
// secret material.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;

  ErrorGroup group() const { return group_of(code); }
  // "decode/truncated: ClientInit needs 70 bytes, got 12"
  std::string to_string() const;
};

inline Error make_error(ErrorCode code, std::string detail = {}) {
  return Error{code, std::move(detail)};
}

}  // namespace xtt
