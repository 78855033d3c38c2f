#include "base/error.hpp"

namespace xtt {

std::string_view name_of(ErrorGroup group) {
  switch (group) {
    case ErrorGroup::kDecode:
      return "decode";
    case ErrorGroup::kCrypto:
      return "crypto";
    case ErrorGroup::kProtocol:
      return "protocol";
    case ErrorGroup::kStorage:
      return "storage";
    case ErrorGroup::kIo:
      return "io";
    case ErrorGroup::kUsage:
      return "usage";
    case ErrorGroup::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string_view name_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kTruncated:
      return "truncated";
    case ErrorCode::kTrailingBytes:
      return "trailing-bytes";
    case ErrorCode::kBadLength:
      return "bad-length";
    case ErrorCode::kUnknownType:
      return "unknown-type";
    case ErrorCode::kUnknownVersion:
      return "unknown-version";
    case ErrorCode::kUnknownSuite:
      return "unknown-suite";
    case ErrorCode::kBadEncoding:
      return "bad-encoding";
    case ErrorCode::kTooLarge:
      return "too-large";
    case ErrorCode::kBadTag:
      return "bad-tag";
    case ErrorCode::kBadSignature:
      return "bad-signature";
    case ErrorCode::kBadPoint:
      return "bad-point";
    case ErrorCode::kPointNotInGroup:
      return "point-not-in-group";
    case ErrorCode::kBadScalar:
      return "bad-scalar";
    case ErrorCode::kWeakKeyShare:
      return "weak-key-share";
    case ErrorCode::kBadProof:
      return "bad-proof";
    case ErrorCode::kCryptoFailure:
      return "crypto-failure";
    case ErrorCode::kRevoked:
      return "revoked";
    case ErrorCode::kUnexpectedMessage:
      return "unexpected-message";
    case ErrorCode::kBadCookie:
      return "bad-cookie";
    case ErrorCode::kExpiredCookie:
      return "expired-cookie";
    case ErrorCode::kReplayedCookie:
      return "replayed-cookie";
    case ErrorCode::kUnknownRoot:
      return "unknown-root";
    case ErrorCode::kBadCertificate:
      return "bad-certificate";
    case ErrorCode::kExpiredCertificate:
      return "expired-certificate";
    case ErrorCode::kUnknownGroup:
      return "unknown-group";
    case ErrorCode::kUnknownClient:
      return "unknown-client";
    case ErrorCode::kIdentityRejected:
      return "identity-rejected";
    case ErrorCode::kBadFinish:
      return "bad-finish";
    case ErrorCode::kPeerError:
      return "peer-error";
    case ErrorCode::kReplayedRecord:
      return "replayed-record";
    case ErrorCode::kSessionExpired:
      return "session-expired";
    case ErrorCode::kSuiteNotAllowed:
      return "suite-not-allowed";
    case ErrorCode::kClosed:
      return "closed";
    case ErrorCode::kTooManySessions:
      return "too-many-sessions";
    case ErrorCode::kAmplificationLimit:
      return "amplification-limit";
    case ErrorCode::kRateLimited:
      return "rate-limited";
    case ErrorCode::kStorageFailure:
      return "storage-failure";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kSchemaMismatch:
      return "schema-mismatch";
    case ErrorCode::kCorrupt:
      return "corrupt";
    case ErrorCode::kIoFailure:
      return "io-failure";
    case ErrorCode::kTimeout:
      return "timeout";
    case ErrorCode::kInvalidArgument:
      return "invalid-argument";
    case ErrorCode::kBadState:
      return "bad-state";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::to_string() const {
  std::string out;
  out += name_of(group());
  out += '/';
  out += name_of(code);
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

}  // namespace xtt
