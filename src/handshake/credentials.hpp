#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/secret.hpp"
#include "wire/constants.hpp"
#include "wire/expiry.hpp"
#include "wire/types.hpp"

// Keys and certificates of both signature families (ECDSA P-256 for suites
// 0x0001-0x0006, Ed25519 for 0x0011-0x0016), so the engines never branch on
// the algorithm themselves.
namespace xtt::handshake {

using SignatureBytes = std::array<std::uint8_t, 64>;

// A signing key pair: the server's, or a client's long-term key.
struct SigningKey {
  wire::SignatureKind kind = wire::SignatureKind::kEcdsaP256;
  SecretBytes<32> private_key;  // ECDSA: big-endian scalar; Ed25519: the RFC 8032 seed
  Bytes public_key;             // 65 (0x04 || X || Y) / 32

  // One 32-byte draw (ECDSA: libxtt's rule, a scalar outside [1, n-1] is
  // drawn again; Ed25519: the seed).
  static Result<SigningKey> generate(wire::SignatureKind kind, Random& rng);
  // kBadScalar / kInvalidArgument for a bad private key.
  static Result<SigningKey> from_private(wire::SignatureKind kind, ByteSpan private_key);

  SigningKey clone() const;
};

// Signs message. ECDSA: k from one 32-byte draw of rng (libxtt), or RFC 6979
// when rng is null (the stateless cookie's rule, §6.6); Ed25519 is
// deterministic and never draws.
Result<SignatureBytes> sign(const SigningKey& key, ByteSpan message, Random* rng);
// kBadSignature (or kBadPoint for an unusable public key). Ed25519 keys and R
// values of small order are refused (§6.7).
Status verify_signature(wire::SignatureKind kind, ByteSpan public_key, ByteSpan message,
                        ByteSpan signature);

// One of the eight small-order Ed25519 points, in any of its encodings.
bool ed25519_small_order(std::span<const std::uint8_t, 32> encoded);

// A root the client trusts (§3.7, §6.7): root_id || root_pub.
struct TrustedRoot {
  wire::SignatureKind kind = wire::SignatureKind::kEcdsaP256;
  wire::RootId root_id;
  Bytes public_key;

  // From the 81-byte (ECDSA) or 48-byte (Ed25519) root certificate file.
  static Result<TrustedRoot> from_certificate(wire::SignatureKind kind, ByteSpan root_certificate);
};

// A server certificate as the client sees it after every check.
struct CheckedCertificate {
  Bytes server_public_key;
  wire::RootId root_id;
};

// The client's certificate checks, in order: root_id names a configured root
// of the suite's family (kUnknownRoot); the root signature verifies
// (kBadCertificate); the expiry field (reserved[16..24)) is "99991231", eight
// zero bytes, or a date not before today in UTC (kExpiredCertificate; a
// field that is no date is kBadCertificate).
Result<CheckedCertificate> check_server_certificate(wire::SignatureKind kind,
                                                    const std::vector<TrustedRoot>& roots,
                                                    ByteSpan certificate, std::uint64_t now);

// The UTC calendar day of a Unix time (proleptic Gregorian).
wire::Date date_from_unix(std::uint64_t unix_seconds);

// The server's certificate with its private key; several may be configured
// (per family, or rotating), and cert_index in a stateless cookie names one.
struct ServerCredential {
  wire::SignatureKind kind = wire::SignatureKind::kEcdsaP256;
  Bytes certificate;  // encoded, 169 / 136 bytes
  SigningKey key;

  // Checks that the certificate decodes for the family and carries the
  // public key of private_key (kInvalidArgument otherwise).
  static Result<ServerCredential> create(wire::SignatureKind kind, ByteSpan certificate,
                                         ByteSpan private_key);
  ServerCredential clone() const;
};

// Builds and root-signs a server certificate (tests, tools and the vector
// generator). Deterministic: RFC 6979 / Ed25519.
Result<Bytes> make_server_certificate(const SigningKey& root, const wire::RootId& root_id,
                                      ByteSpan server_public_key,
                                      std::span<const std::uint8_t, 24> reserved);

}  // namespace xtt::handshake
