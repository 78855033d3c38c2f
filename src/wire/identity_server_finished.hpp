#pragma once

#include <array>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// Identity_ServerFinished (0x13, §2.6; Ed25519 family §6.7): the 6-byte header
// (the associated data) and the sealed IdentityServerFinishedPlaintext with
// its tag. 103 bytes in the ECDSA family, 70 in the Ed25519 family.
struct IdentityServerFinished {
  static constexpr std::size_t kAadSize = kServerFinishedAadSize;

  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  // Sealed plaintext, tag included: ciphertext_size(suite) bytes (97 / 64).
  Bytes ciphertext;

  static Result<std::size_t> size_for(SuiteSpec suite);
  static Result<std::size_t> ciphertext_size(SuiteSpec suite);
  // Bytes [0..6).
  Result<std::array<std::uint8_t, kAadSize>> aad() const;

  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<IdentityServerFinished> decode(ByteSpan msg);

  friend bool operator==(const IdentityServerFinished&, const IdentityServerFinished&) = default;
};

// client_id (the assigned ClientID) || the client's long-term public key echo
// (81 bytes ECDSA, 48 bytes Ed25519).
template <SignatureKind K>
struct BasicIdentityServerFinishedPlaintext {
  using PublicKey = typename SignatureTraits<K>::PublicKey;
  static constexpr std::size_t kSize = ClientId::kSize + PublicKey::kSize;

  ClientId client_id;
  PublicKey client_longterm_pub;

  Bytes encode() const;
  static Result<BasicIdentityServerFinishedPlaintext> decode(ByteSpan plaintext);

  friend bool operator==(const BasicIdentityServerFinishedPlaintext&,
                         const BasicIdentityServerFinishedPlaintext&) = default;
};

using IdentityServerFinishedPlaintext =
    BasicIdentityServerFinishedPlaintext<SignatureKind::kEcdsaP256>;
using Ed25519IdentityServerFinishedPlaintext =
    BasicIdentityServerFinishedPlaintext<SignatureKind::kEd25519>;
extern template struct BasicIdentityServerFinishedPlaintext<SignatureKind::kEcdsaP256>;
extern template struct BasicIdentityServerFinishedPlaintext<SignatureKind::kEd25519>;

static_assert(IdentityServerFinishedPlaintext::kSize == 81);
static_assert(Ed25519IdentityServerFinishedPlaintext::kSize == 48);

}  // namespace xtt::wire
