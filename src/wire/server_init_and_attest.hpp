#pragma once

#include <array>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/server_certificate.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// ServerInitAndAttest (0x02, §2.4; Ed25519 family §6.7): a 168-byte cleartext
// prefix (header, suite, server_dh_pub, cookie) that is the AEAD associated
// data, then the encrypted certificate || server_signature with its tag.
// 417 bytes in the ECDSA family, 384 in the Ed25519 family.
struct ServerInitAndAttest {
  static constexpr std::size_t kAadSize = kServerInitAndAttestAadSize;

  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  DhPublicKey server_dh_pub;
  ServerCookie server_cookie;
  // Sealed ServerAttestPlaintext, tag included (SIA_enc of §6.1): exactly
  // ciphertext_size(suite) bytes.
  Bytes ciphertext;

  // Total length for a suite (417 / 384) and the size of the sealed part.
  static Result<std::size_t> size_for(SuiteSpec suite);
  static Result<std::size_t> ciphertext_size(SuiteSpec suite);

  // Bytes [0..168) of the encoding: the associated data, and the SIA prefix
  // hashed in §3.3 and §3.5. Needs only the suite, key and cookie, so the
  // sender can compute it before sealing.
  Result<std::array<std::uint8_t, kAadSize>> aad() const;

  // kUnknownSuite for a bad suite, kInvalidArgument when the ciphertext does
  // not have the suite's size.
  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<ServerInitAndAttest> decode(ByteSpan msg);

  friend bool operator==(const ServerInitAndAttest&, const ServerInitAndAttest&) = default;
};

// The plaintext sealed in ServerInitAndAttest: certificate || server_signature
// (233 bytes ECDSA, 200 bytes Ed25519).
template <SignatureKind K>
struct BasicServerAttestPlaintext {
  using Certificate = BasicServerCertificate<K>;
  using Signature = typename SignatureTraits<K>::Signature;
  static constexpr std::size_t kSize = Certificate::kSize + Signature::kSize;

  Certificate certificate;
  Signature server_signature;

  Bytes encode() const;
  static Result<BasicServerAttestPlaintext> decode(ByteSpan plaintext);

  friend bool operator==(const BasicServerAttestPlaintext&,
                         const BasicServerAttestPlaintext&) = default;
};

using ServerAttestPlaintext = BasicServerAttestPlaintext<SignatureKind::kEcdsaP256>;
using Ed25519ServerAttestPlaintext = BasicServerAttestPlaintext<SignatureKind::kEd25519>;
extern template struct BasicServerAttestPlaintext<SignatureKind::kEcdsaP256>;
extern template struct BasicServerAttestPlaintext<SignatureKind::kEd25519>;

static_assert(ServerAttestPlaintext::kSize == 233);
static_assert(Ed25519ServerAttestPlaintext::kSize == 200);

}  // namespace xtt::wire
