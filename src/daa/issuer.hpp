#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/result.hpp"
#include "base/secret.hpp"
#include "daa/hash.hpp"

// Issuer keys (spec §4.4), in xaptum/ecdaa v1.0.0's serialization.
namespace xtt::daa {

// isk = (x, y), serialized x || y. Move-only, wiped on destruction.
class IssuerSecretKey {
 public:
  static constexpr std::size_t kSize = 64;

  IssuerSecretKey(const Scalar& x, const Scalar& y) : x_(x), y_(y) {}
  IssuerSecretKey(const IssuerSecretKey&) = delete;
  IssuerSecretKey& operator=(const IssuerSecretKey&) = delete;
  IssuerSecretKey(IssuerSecretKey&& o) noexcept;
  IssuerSecretKey& operator=(IssuerSecretKey&& o) noexcept;
  ~IssuerSecretKey();

  // kTruncated/kTrailingBytes for a wrong size, kBadScalar for x or y >= n
  // or zero.
  static Result<IssuerSecretKey> decode(ByteSpan in);
  SecretBytes<kSize> encode() const;

  const Scalar& x() const { return x_; }
  const Scalar& y() const { return y_; }

 private:
  Scalar x_;
  Scalar y_;
};

// gpk = (X = x*P2, Y = y*P2), serialized X || Y (258 bytes): what an XTT
// server holds per group.
class GroupPublicKey {
 public:
  static constexpr std::size_t kSize = 2 * kG2Size;

  GroupPublicKey(const G2& x, const G2& y);
  // Every check of spec §4.2 on both points, including the subgroup check:
  // kTruncated/kTrailingBytes, kBadEncoding, kBadPoint, kPointNotInGroup.
  static Result<GroupPublicKey> decode(ByteSpan in);
  const std::array<std::uint8_t, kSize>& encode() const { return encoded_; }

  const G2& x() const { return x_; }
  const G2& y() const { return y_; }

 private:
  G2 x_;
  G2 y_;
  std::array<std::uint8_t, kSize> encoded_{};
};

struct IssuerKeyPair;
// Draws x, y, then rx, ry (65 bytes each, ecdaa's order), so recorded draws
// reproduce ecdaa's keys byte for byte. Constant time in the secrets.
Result<IssuerKeyPair> issuer_keygen(Random& rng);

// ipk = gpk || c || sx || sy (354 bytes): the group key with a proof that the
// issuer knows x and y.
class IssuerPublicKey {
 public:
  static constexpr std::size_t kSize = GroupPublicKey::kSize + 3 * kScalarSize;

  // Decodes and verifies the proof: the errors of GroupPublicKey::decode,
  // kBadScalar for sx or sy >= n, kBadProof when the proof fails.
  static Result<IssuerPublicKey> decode(ByteSpan in);
  std::array<std::uint8_t, kSize> encode() const;

  const GroupPublicKey& group_public_key() const { return gpk_; }
  // The proof check on its own (decode() already ran it).
  Status verify_proof() const;

 private:
  friend Result<IssuerKeyPair> issuer_keygen(Random& rng);
  IssuerPublicKey(GroupPublicKey gpk, const ScalarBytes& c, const Scalar& sx, const Scalar& sy)
      : gpk_(std::move(gpk)), c_(c), sx_(sx), sy_(sy) {}

  GroupPublicKey gpk_;
  ScalarBytes c_;
  Scalar sx_;
  Scalar sy_;
};

struct IssuerKeyPair {
  IssuerSecretKey secret;
  IssuerPublicKey public_key;
};

}  // namespace xtt::daa
