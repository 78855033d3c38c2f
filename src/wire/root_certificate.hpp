#pragma once

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// The root certificate kept on the client (never sent): root_id(16) ||
// root_pub. ECDSA 81 bytes (§3.7), Ed25519 48 bytes (§6.7). root_id is only a
// label chosen by the operator, unrelated to the key.
template <SignatureKind K>
struct BasicRootCertificate {
  using PublicKey = typename SignatureTraits<K>::PublicKey;
  static constexpr SignatureKind kSignatureKind = K;
  static constexpr std::size_t kSize = RootId::kSize + PublicKey::kSize;

  RootId root_id;
  PublicKey root_pub;

  Bytes encode() const;
  void encode(ByteWriter& out) const;
  // Exactly kSize bytes, else kTruncated / kTrailingBytes.
  static Result<BasicRootCertificate> decode(ByteSpan data);

  friend bool operator==(const BasicRootCertificate&, const BasicRootCertificate&) = default;
};

using RootCertificate = BasicRootCertificate<SignatureKind::kEcdsaP256>;
using Ed25519RootCertificate = BasicRootCertificate<SignatureKind::kEd25519>;
extern template struct BasicRootCertificate<SignatureKind::kEcdsaP256>;
extern template struct BasicRootCertificate<SignatureKind::kEd25519>;

static_assert(RootCertificate::kSize == kEcdsaRootCertificateSize);
static_assert(Ed25519RootCertificate::kSize == kEd25519RootCertificateSize);

}  // namespace xtt::wire
