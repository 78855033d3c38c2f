#pragma once

#include <array>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// Identity_ClientAttest (0x11, §2.5; Ed25519 family §6.7) and its payload
// variants 0x12 / 0x15 (§6.3). Cleartext prefix [0..136) = header, suite,
// cookie echo (the AEAD associated data); then the sealed
// IdentityClientAttestPlaintext with its tag. 0x11 is 750 bytes (717 in the
// Ed25519 family); 0x12 / 0x15 append one payload block of 1 + n + 16 bytes,
// and their header length is the total including the block.
struct IdentityClientAttest {
  static constexpr std::size_t kAadSize = kClientAttestAadSize;

  MsgType type = MsgType::kIdentityClientAttest;  // 0x11, 0x12 or 0x15
  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  ServerCookie server_cookie;
  // The first AEAD part, tag included: ciphertext_size(suite) bytes.
  Bytes ciphertext;
  // 0x12 / 0x15 only: the sealed payload_type || payload || tag (at least 17
  // bytes). Empty for 0x11.
  Bytes payload_block;

  // |CA1| (750 / 717) and the size of the first sealed part (614 / 581).
  static Result<std::size_t> first_part_size(SuiteSpec suite);
  static Result<std::size_t> ciphertext_size(SuiteSpec suite);

  // The header's total length. kInvalidArgument when type and payload_block
  // disagree, kTooLarge past 65535.
  Result<std::uint16_t> total_length() const;
  // Bytes [0..136): the associated data of the first part. It holds the total
  // length, so a sender sizes payload_block (1 + n + 16 bytes) first; the
  // block's contents do not enter the AAD.
  Result<std::array<std::uint8_t, kAadSize>> aad() const;
  // CA1 (§6.1): everything before the payload block; the payload block's
  // associated data and an input of SessionKeyHash.
  Result<Bytes> ca1() const;

  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<IdentityClientAttest> decode(ByteSpan msg);

  friend bool operator==(const IdentityClientAttest&, const IdentityClientAttest&) = default;
};

// The plaintext of the first AEAD part: longterm pub, GID, requested ClientID,
// longterm signature, DAA signature (598 bytes ECDSA, 565 bytes Ed25519).
template <SignatureKind K>
struct BasicIdentityClientAttestPlaintext {
  using PublicKey = typename SignatureTraits<K>::PublicKey;
  using Signature = typename SignatureTraits<K>::Signature;
  // P3[0..x) of §6.7: the fields the full-form long-term signature covers.
  static constexpr std::size_t kLongtermSignedSize =
      PublicKey::kSize + GroupId::kSize + ClientId::kSize;
  // P3[0..x+64): what the full-form DAA message covers.
  static constexpr std::size_t kDaaSignedSize = kLongtermSignedSize + Signature::kSize;
  static constexpr std::size_t kSize = kDaaSignedSize + DaaSignature::kSize;

  PublicKey client_longterm_pub;
  GroupId gid;
  // All zero: "server assigns" (§3.10).
  ClientId requested_client_id;
  Signature longterm_signature;
  DaaSignature daa_signature;

  Pseudonym pseudonym() const { return pseudonym_of(daa_signature); }

  Bytes encode() const;
  static Result<BasicIdentityClientAttestPlaintext> decode(ByteSpan plaintext);

  friend bool operator==(const BasicIdentityClientAttestPlaintext&,
                         const BasicIdentityClientAttestPlaintext&) = default;
};

using IdentityClientAttestPlaintext = BasicIdentityClientAttestPlaintext<SignatureKind::kEcdsaP256>;
using Ed25519IdentityClientAttestPlaintext =
    BasicIdentityClientAttestPlaintext<SignatureKind::kEd25519>;
extern template struct BasicIdentityClientAttestPlaintext<SignatureKind::kEcdsaP256>;
extern template struct BasicIdentityClientAttestPlaintext<SignatureKind::kEd25519>;

static_assert(IdentityClientAttestPlaintext::kSize == 598);
static_assert(IdentityClientAttestPlaintext::kLongtermSignedSize == 113);
static_assert(Ed25519IdentityClientAttestPlaintext::kSize == 565);
static_assert(Ed25519IdentityClientAttestPlaintext::kLongtermSignedSize == 80);

}  // namespace xtt::wire
