#pragma once

#include <array>
#include <optional>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/expiry.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// The server certificate (§3.7; Ed25519 form §6.7): reserved(24) || root_id(16)
// || server_pub || root_signature over the bytes before it. ECDSA: 169 bytes,
// signed part [0..105); Ed25519: 136 bytes, signed part [0..72).
template <SignatureKind K>
struct BasicServerCertificate {
  using PublicKey = typename SignatureTraits<K>::PublicKey;
  using Signature = typename SignatureTraits<K>::Signature;
  static constexpr SignatureKind kSignatureKind = K;
  static constexpr std::size_t kSignedSize =
      kCertificateReservedSize + RootId::kSize + PublicKey::kSize;
  static constexpr std::size_t kSize = kSignedSize + Signature::kSize;

  // Opaque to libxtt: legacy server id (16) || expiry YYYYMMDD (8).
  std::array<std::uint8_t, kCertificateReservedSize> reserved{};
  RootId root_id;
  PublicKey server_pub;
  Signature root_signature;

  Bytes encode() const;
  void encode(ByteWriter& out) const;
  // Exactly kSize bytes, else kTruncated / kTrailingBytes.
  static Result<BasicServerCertificate> decode(ByteSpan data);

  // What the root signs: the encoding without the signature.
  std::array<std::uint8_t, kSignedSize> signed_part() const;
  std::span<const std::uint8_t, kLegacyServerIdSize> legacy_server_id() const {
    return std::span(reserved).template first<kLegacyServerIdSize>();
  }
  std::span<const std::uint8_t, kExpirySize> expiry_field() const {
    return std::span(reserved).template subspan<kLegacyServerIdSize, kExpirySize>();
  }
  // parse_expiry() of the reserved field's last 8 bytes.
  Result<std::optional<Date>> expiry() const;

  friend bool operator==(const BasicServerCertificate&, const BasicServerCertificate&) = default;
};

using ServerCertificate = BasicServerCertificate<SignatureKind::kEcdsaP256>;
using Ed25519ServerCertificate = BasicServerCertificate<SignatureKind::kEd25519>;
extern template struct BasicServerCertificate<SignatureKind::kEcdsaP256>;
extern template struct BasicServerCertificate<SignatureKind::kEd25519>;

static_assert(ServerCertificate::kSize == kEcdsaCertificateSize);
static_assert(ServerCertificate::kSignedSize == 105);
static_assert(Ed25519ServerCertificate::kSize == kEd25519CertificateSize);
static_assert(Ed25519ServerCertificate::kSignedSize == 72);

// Builds the reserved field: legacy id (e.g. "XAPTUMSERVER0001") || expiry
// (nullopt: "99991231"). kInvalidArgument for an invalid date.
Result<std::array<std::uint8_t, kCertificateReservedSize>> make_certificate_reserved(
    std::span<const std::uint8_t, kLegacyServerIdSize> legacy_server_id,
    const std::optional<Date>& expiry);

}  // namespace xtt::wire
