#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "daa/hash.hpp"

// The ECDAA signature (spec §4.6):
//   c(32) || s(32) || R(65) || S(65) || T(65) || W(65) || nn(32) [|| K(65)]
// 356 bytes without a basename, 421 with one; XTT always sends 421.
namespace xtt::daa {

class Signature {
 public:
  static constexpr std::size_t kSizeWithoutBasename = 2 * kScalarSize + 4 * kG1Size + kScalarSize;
  static constexpr std::size_t kSizeWithBasename = kSizeWithoutBasename + kG1Size;
  static constexpr std::size_t kPseudonymOffset = kSizeWithoutBasename;
  // Offsets of the fields, for callers that slice raw signatures.
  static constexpr std::size_t kSOffset = kScalarSize;
  static constexpr std::size_t kROffset = 2 * kScalarSize;
  static constexpr std::size_t kNonceOffset = kROffset + 4 * kG1Size;

  // 356 bytes decode without a pseudonym, 421 with one; other sizes give
  // kTruncated or kTrailingBytes. Every point passes spec §4.2 (kBadEncoding,
  // kBadPoint); kBadScalar for s >= n. c and nn are kept as sent: ecdaa hashes
  // nn as is, and a c >= n fails verification.
  static Result<Signature> decode(ByteSpan in);
  // The exact bytes decoded or produced (356 or 421).
  ByteSpan encode() const { return ByteSpan(encoded_).first(size_); }
  std::size_t size() const { return size_; }

  bool has_pseudonym() const { return size_ == kSizeWithBasename; }
  // K, when signed with a basename.
  std::optional<G1Bytes> pseudonym() const;

  const ScalarBytes& c() const { return c_; }
  const Scalar& s() const { return s_; }
  const G1& r() const { return r_; }
  const G1& s_point() const { return s_point_; }
  const G1& t() const { return t_; }
  const G1& w() const { return w_; }
  const G1& k() const { return k_; }
  const ScalarBytes& nn() const { return nn_; }
  // Encodings of single points, views into encode().
  ByteSpan s_point_encoded() const { return field(kROffset + kG1Size, kG1Size); }
  ByteSpan w_point_encoded() const { return field(kROffset + 3 * kG1Size, kG1Size); }
  ByteSpan rstw_encoded() const { return field(kROffset, 4 * kG1Size); }
  G1Bytes k_encoded() const;

  // A point with its encoding, so the signer converts each to affine once.
  struct EncodedPoint {
    G1 point;
    G1Bytes bytes;
  };
  struct Parts {
    ScalarBytes c;
    Scalar s;
    EncodedPoint r, s_point, t, w;
    ScalarBytes nn;
    std::optional<EncodedPoint> k;
  };
  // Assembles a signature from the signer's (public) values.
  static Signature from_parts(const Parts& parts);

 private:
  Signature() = default;
  ByteSpan field(std::size_t offset, std::size_t len) const {
    return ByteSpan(encoded_).subspan(offset, len);
  }

  ScalarBytes c_{};
  Scalar s_;
  G1 r_;
  G1 s_point_;
  G1 t_;
  G1 w_;
  ScalarBytes nn_{};
  G1 k_;
  std::array<std::uint8_t, kSizeWithBasename> encoded_{};
  std::size_t size_ = 0;
};

}  // namespace xtt::daa
