#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>

namespace xtt::wire {

// A fixed-size public value with a name of its own, so a ClientId cannot be
// passed where a GroupId is expected.
template <typename Tag, std::size_t N>
struct FixedBytes {
  static constexpr std::size_t kSize = N;
  std::array<std::uint8_t, N> bytes{};

  static FixedBytes from(std::span<const std::uint8_t, N> in) {
    FixedBytes out;
    std::copy(in.begin(), in.end(), out.bytes.begin());
    return out;
  }
  std::span<const std::uint8_t, N> span() const { return bytes; }
  std::span<std::uint8_t, N> span() { return bytes; }
  bool is_zero() const {
    for (auto b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
  friend auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
};

// 16-byte device identity; all-zero in a request means "server assigns".
using ClientId = FixedBytes<struct ClientIdTag, 16>;
// SHA-256(gpk || basename): which DAA group a device belongs to (§3.10).
using GroupId = FixedBytes<struct GroupIdTag, 32>;
// Label of a root certificate (§3.7).
using RootId = FixedBytes<struct RootIdTag, 16>;
// The client's signing nonce in ClientInit.
using SigningNonce = FixedBytes<struct SigningNonceTag, 32>;
// 130-byte server cookie (§3.9, §6.6).
using ServerCookie = FixedBytes<struct ServerCookieTag, 130>;
// X25519 public key.
using DhPublicKey = FixedBytes<struct DhPublicKeyTag, 32>;
// ECDSA P-256 uncompressed public key 0x04||X||Y.
using EcdsaPublicKey = FixedBytes<struct EcdsaPublicKeyTag, 65>;
// ECDSA P-256 r||s.
using EcdsaSignature = FixedBytes<struct EcdsaSignatureTag, 64>;
// ECDAA pseudonym K (a G1 point, 65 bytes).
using Pseudonym = FixedBytes<struct PseudonymTag, 65>;
// Session identifier (§6.1).
using SessionId = FixedBytes<struct SessionIdTag, 16>;
// Ed25519 public key and signature (project suites 0x0011-0x0016, §6.7).
using Ed25519PublicKey = FixedBytes<struct Ed25519PublicKeyTag, 32>;
using Ed25519Signature = FixedBytes<struct Ed25519SignatureTag, 64>;
// ECDAA signature with pseudonym as sent in ClientAttest (§4.6).
using DaaSignature = FixedBytes<struct DaaSignatureTag, 421>;

// Where the pseudonym K sits inside a DaaSignature (§3.10).
inline constexpr std::size_t kPseudonymOffset = 356;

inline Pseudonym pseudonym_of(const DaaSignature& sig) {
  return Pseudonym::from(sig.span().subspan<kPseudonymOffset, Pseudonym::kSize>());
}

// Which algorithm the root, server and client long-term keys use; it decides
// the sizes of certificates and of every message that carries such a key.
enum class SignatureKind : std::uint8_t {
  kEcdsaP256 = 1,  // suites 0x0001-0x0006
  kEd25519 = 2,    // suites 0x0011-0x0016
};

template <SignatureKind K>
struct SignatureTraits;

template <>
struct SignatureTraits<SignatureKind::kEcdsaP256> {
  using PublicKey = EcdsaPublicKey;
  using Signature = EcdsaSignature;
};

template <>
struct SignatureTraits<SignatureKind::kEd25519> {
  using PublicKey = Ed25519PublicKey;
  using Signature = Ed25519Signature;
};

}  // namespace xtt::wire
