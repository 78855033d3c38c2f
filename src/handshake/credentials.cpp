#include "handshake/credentials.hpp"

#include <algorithm>

#include "crypto/ecdsa_p256.hpp"
#include "crypto/ed25519.hpp"
#include "wire/root_certificate.hpp"
#include "wire/server_certificate.hpp"

namespace xtt::handshake {

namespace {

using wire::SignatureKind;

template <std::size_t N>
std::span<const std::uint8_t, N> fixed(ByteSpan s) {
  return s.first<N>();
}

template <SignatureKind K>
Result<CheckedCertificate> check_certificate(const std::vector<TrustedRoot>& roots,
                                             ByteSpan certificate, std::uint64_t now) {
  using Cert = wire::BasicServerCertificate<K>;
  const Cert cert = XTT_TRY(Cert::decode(certificate));
  const TrustedRoot* root = nullptr;
  for (const TrustedRoot& r : roots) {
    if (r.kind == K && r.root_id == cert.root_id) {
      root = &r;
      break;
    }
  }
  XTT_ENSURE(root != nullptr, ErrorCode::kUnknownRoot,
             "the server certificate names a root that is not configured");
  const auto signed_part = cert.signed_part();
  auto st = verify_signature(K, root->public_key, signed_part, cert.root_signature.bytes);
  XTT_ENSURE(st.has_value(), ErrorCode::kBadCertificate,
             "the root signature on the server certificate does not verify");
  auto expiry = cert.expiry();
  XTT_ENSURE(expiry.has_value(), ErrorCode::kBadCertificate,
             "the certificate expiry field is not a date");
  XTT_ENSURE(!wire::is_expired(*expiry, date_from_unix(now)), ErrorCode::kExpiredCertificate,
             "the server certificate has expired");
  CheckedCertificate out;
  out.server_public_key.assign(cert.server_pub.bytes.begin(), cert.server_pub.bytes.end());
  out.root_id = cert.root_id;
  return out;
}

template <SignatureKind K>
Result<Bytes> certificate_public_key(ByteSpan certificate) {
  using Cert = wire::BasicServerCertificate<K>;
  const Cert cert = XTT_TRY(Cert::decode(certificate));
  return Bytes(cert.server_pub.bytes.begin(), cert.server_pub.bytes.end());
}

template <SignatureKind K>
Result<Bytes> build_certificate(const SigningKey& root, const wire::RootId& root_id,
                                ByteSpan server_public_key,
                                std::span<const std::uint8_t, 24> reserved) {
  using Cert = wire::BasicServerCertificate<K>;
  Cert cert;
  XTT_ENSURE(server_public_key.size() == Cert::PublicKey::kSize, ErrorCode::kInvalidArgument,
             "server public key has the wrong size for the family");
  std::copy(reserved.begin(), reserved.end(), cert.reserved.begin());
  cert.root_id = root_id;
  std::copy(server_public_key.begin(), server_public_key.end(), cert.server_pub.bytes.begin());
  const auto signed_part = cert.signed_part();
  const SignatureBytes sig = XTT_TRY(sign(root, signed_part, nullptr));
  cert.root_signature.bytes = sig;
  return cert.encode();
}

// The encodings of Ed25519's eight small-order points, canonical or not, with
// the sign bit cleared (as libsodium's ge25519_has_small_order lists them).
constexpr std::uint8_t kSmallOrder[7][32] = {
    {0},
    {1},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
     0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
     0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
     0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
     0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
};

}  // namespace

bool ed25519_small_order(std::span<const std::uint8_t, 32> encoded) {
  for (const auto& bad : kSmallOrder) {
    bool same = (encoded[31] & 0x7f) == bad[31];
    for (std::size_t i = 0; i < 31 && same; ++i) {
      same = encoded[i] == bad[i];
    }
    if (same) {
      return true;
    }
  }
  return false;
}

Result<SigningKey> SigningKey::generate(SignatureKind kind, Random& rng) {
  SigningKey key;
  key.kind = kind;
  if (kind == SignatureKind::kEcdsaP256) {
    auto pair = XTT_TRY(crypto::ecdsa_p256::generate(rng));
    key.private_key = std::move(pair.private_key);
    key.public_key.assign(pair.public_key.begin(), pair.public_key.end());
  } else {
    auto pair = XTT_TRY(crypto::ed25519::generate(rng));
    key.private_key = std::move(pair.seed);
    key.public_key.assign(pair.public_key.begin(), pair.public_key.end());
  }
  return key;
}

Result<SigningKey> SigningKey::from_private(SignatureKind kind, ByteSpan private_key) {
  XTT_ENSURE(private_key.size() == 32, ErrorCode::kInvalidArgument,
             "a signing private key is 32 bytes");
  SigningKey key;
  key.kind = kind;
  key.private_key = SecretBytes<32>(fixed<32>(private_key));
  if (kind == SignatureKind::kEcdsaP256) {
    const auto pub = XTT_TRY(crypto::ecdsa_p256::public_from_private(key.private_key));
    key.public_key.assign(pub.begin(), pub.end());
  } else {
    const auto pair = XTT_TRY(crypto::ed25519::keypair(fixed<32>(private_key)));
    key.public_key.assign(pair.public_key.begin(), pair.public_key.end());
  }
  return key;
}

SigningKey SigningKey::clone() const {
  SigningKey out;
  out.kind = kind;
  out.private_key = private_key.clone();
  out.public_key = public_key;
  return out;
}

Result<SignatureBytes> sign(const SigningKey& key, ByteSpan message, Random* rng) {
  if (key.kind == SignatureKind::kEd25519) {
    return crypto::ed25519::sign(key.private_key, message);
  }
  if (rng != nullptr) {
    return crypto::ecdsa_p256::sign(key.private_key, message, *rng);
  }
  return crypto::ecdsa_p256::sign_deterministic(key.private_key, message);
}

Status verify_signature(SignatureKind kind, ByteSpan public_key, ByteSpan message,
                        ByteSpan signature) {
  if (kind == SignatureKind::kEd25519) {
    XTT_ENSURE(public_key.size() == crypto::ed25519::kPublicKeySize, ErrorCode::kBadPoint,
               "an Ed25519 public key is 32 bytes");
    // §6.7 asks for libsodium's strictness; OpenSSL checks S < L but accepts
    // small-order keys and R, with which a signature can verify for many keys.
    XTT_ENSURE(!ed25519_small_order(fixed<32>(public_key)), ErrorCode::kBadPoint,
               "an Ed25519 public key of small order");
    XTT_ENSURE(signature.size() != crypto::ed25519::kSignatureSize ||
                   !ed25519_small_order(fixed<32>(signature)),
               ErrorCode::kBadSignature, "an Ed25519 signature with R of small order");
    return crypto::ed25519::verify(fixed<32>(public_key), message, signature);
  }
  return crypto::ecdsa_p256::verify(public_key, message, signature);
}

Result<TrustedRoot> TrustedRoot::from_certificate(SignatureKind kind, ByteSpan root_certificate) {
  TrustedRoot root;
  root.kind = kind;
  if (kind == SignatureKind::kEcdsaP256) {
    const auto cert = XTT_TRY(wire::RootCertificate::decode(root_certificate));
    root.root_id = cert.root_id;
    root.public_key.assign(cert.root_pub.bytes.begin(), cert.root_pub.bytes.end());
    XTT_TRY(crypto::ecdsa_p256::PublicKey::parse(root.public_key));
  } else {
    const auto cert = XTT_TRY(wire::Ed25519RootCertificate::decode(root_certificate));
    root.root_id = cert.root_id;
    root.public_key.assign(cert.root_pub.bytes.begin(), cert.root_pub.bytes.end());
  }
  return root;
}

Result<CheckedCertificate> check_server_certificate(SignatureKind kind,
                                                    const std::vector<TrustedRoot>& roots,
                                                    ByteSpan certificate, std::uint64_t now) {
  if (kind == SignatureKind::kEcdsaP256) {
    return check_certificate<SignatureKind::kEcdsaP256>(roots, certificate, now);
  }
  return check_certificate<SignatureKind::kEd25519>(roots, certificate, now);
}

// Howard Hinnant's civil_from_days: exact for every day of the u64 range we
// can meet (years beyond 9999 only compare as "later").
wire::Date date_from_unix(std::uint64_t unix_seconds) {
  const std::int64_t days = static_cast<std::int64_t>(unix_seconds / 86400);
  const std::int64_t z = days + 719468;
  const std::int64_t era = z / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  year = std::min<std::int64_t>(year, 65535);
  return wire::Date{static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month),
                    static_cast<std::uint8_t>(day)};
}

Result<ServerCredential> ServerCredential::create(SignatureKind kind, ByteSpan certificate,
                                                  ByteSpan private_key) {
  ServerCredential cred;
  cred.kind = kind;
  cred.key = XTT_TRY(SigningKey::from_private(kind, private_key));
  const Bytes cert_pub =
      kind == SignatureKind::kEcdsaP256
          ? XTT_TRY(certificate_public_key<SignatureKind::kEcdsaP256>(certificate))
          : XTT_TRY(certificate_public_key<SignatureKind::kEd25519>(certificate));
  XTT_ENSURE(cert_pub == cred.key.public_key, ErrorCode::kInvalidArgument,
             "the server certificate does not carry the public key of the private key");
  cred.certificate.assign(certificate.begin(), certificate.end());
  return cred;
}

ServerCredential ServerCredential::clone() const {
  ServerCredential out;
  out.kind = kind;
  out.certificate = certificate;
  out.key = key.clone();
  return out;
}

Result<Bytes> make_server_certificate(const SigningKey& root, const wire::RootId& root_id,
                                      ByteSpan server_public_key,
                                      std::span<const std::uint8_t, 24> reserved) {
  if (root.kind == SignatureKind::kEcdsaP256) {
    return build_certificate<SignatureKind::kEcdsaP256>(root, root_id, server_public_key, reserved);
  }
  return build_certificate<SignatureKind::kEd25519>(root, root_id, server_public_key, reserved);
}

}  // namespace xtt::handshake
