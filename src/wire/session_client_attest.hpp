#pragma once

#include <array>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// Session_ClientAttest (§6.2): 0x21 without payload, 232 bytes in every suite;
// 0x22 (payload, §6.3) and 0x25 (payload, no response) append one payload
// block of 1 + n + 16 bytes, and their header length is the total. Cleartext
// prefix [0..136) = header, suite, cookie echo (the associated data of the
// first part); then the sealed SessionClientAttestPlaintext with its tag.
struct SessionClientAttest {
  static constexpr std::size_t kAadSize = kClientAttestAadSize;
  static constexpr std::size_t kFirstPartSize = kSessionClientAttestSize;    // |CA1| = 232
  static constexpr std::size_t kCiphertextSize = kFirstPartSize - kAadSize;  // 96

  MsgType type = MsgType::kSessionClientAttestNoPayload;  // 0x21, 0x22 or 0x25
  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  ServerCookie server_cookie;
  // The first AEAD part, tag included: 96 bytes.
  Bytes ciphertext;
  // 0x22 / 0x25 only: sealed payload_type || payload || tag (at least 17
  // bytes). Empty for 0x21.
  Bytes payload_block;

  // kInvalidArgument when type and payload_block disagree, kTooLarge past
  // 65535.
  Result<std::uint16_t> total_length() const;
  // Bytes [0..136). Holds the total length, so a sender sizes payload_block
  // first; the block's contents do not enter the AAD.
  Result<std::array<std::uint8_t, kAadSize>> aad() const;
  // CA1 (§6.1): the first 232 bytes, the payload block's associated data.
  Result<Bytes> ca1() const;

  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<SessionClientAttest> decode(ByteSpan msg);

  friend bool operator==(const SessionClientAttest&, const SessionClientAttest&) = default;
};

// client_id || longterm_signature over SessLT_hash (80 bytes in both families;
// the signature type follows the family).
template <SignatureKind K>
struct BasicSessionClientAttestPlaintext {
  using Signature = typename SignatureTraits<K>::Signature;
  static constexpr std::size_t kSize = ClientId::kSize + Signature::kSize;

  ClientId client_id;
  Signature longterm_signature;

  Bytes encode() const;
  static Result<BasicSessionClientAttestPlaintext> decode(ByteSpan plaintext);

  friend bool operator==(const BasicSessionClientAttestPlaintext&,
                         const BasicSessionClientAttestPlaintext&) = default;
};

using SessionClientAttestPlaintext = BasicSessionClientAttestPlaintext<SignatureKind::kEcdsaP256>;
using Ed25519SessionClientAttestPlaintext =
    BasicSessionClientAttestPlaintext<SignatureKind::kEd25519>;
extern template struct BasicSessionClientAttestPlaintext<SignatureKind::kEcdsaP256>;
extern template struct BasicSessionClientAttestPlaintext<SignatureKind::kEd25519>;

static_assert(SessionClientAttestPlaintext::kSize == 80);
static_assert(Ed25519SessionClientAttestPlaintext::kSize == 80);

}  // namespace xtt::wire
