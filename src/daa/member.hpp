#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/result.hpp"
#include "base/secret.hpp"
#include "daa/hash.hpp"

// Member keys and the join request (spec §4.4), in ecdaa's serialization.
namespace xtt::daa {

// msk = sk (32 bytes). Move-only, wiped on destruction.
class MemberSecretKey {
 public:
  static constexpr std::size_t kSize = kScalarSize;

  explicit MemberSecretKey(const Scalar& sk) : sk_(sk) {}
  MemberSecretKey(const MemberSecretKey&) = delete;
  MemberSecretKey& operator=(const MemberSecretKey&) = delete;
  MemberSecretKey(MemberSecretKey&& o) noexcept : sk_(o.sk_) { o.sk_.wipe(); }
  MemberSecretKey& operator=(MemberSecretKey&& o) noexcept;
  ~MemberSecretKey() { sk_.wipe(); }

  // kTruncated/kTrailingBytes, or kBadScalar for a value >= n or zero.
  static Result<MemberSecretKey> decode(ByteSpan in);
  SecretBytes<kSize> encode() const;

  const Scalar& scalar() const { return sk_; }
  // Q = sk * P1 (constant time).
  G1 public_point() const;

 private:
  Scalar sk_;
};

struct MemberKeyPair;
// Draws sk, then the proof's k and nn (65 bytes each, ecdaa's order), and
// proves knowledge of sk over the issuer's join nonce. Constant time in sk.
Result<MemberKeyPair> member_keygen(ByteSpan join_nonce, Random& rng);

// mpk = Q || c || s || nn (161 bytes): Q = sk * P1 with a Schnorr proof
// (base P1, message = the issuer's join nonce, no basename).
class MemberPublicKey {
 public:
  static constexpr std::size_t kSize = kG1Size + 3 * kScalarSize;

  // Decodes and checks the proof against the join nonce the issuer sent:
  // kTruncated/kTrailingBytes, kBadEncoding/kBadPoint for Q, kBadScalar for
  // s >= n, kBadProof when the proof fails.
  static Result<MemberPublicKey> decode(ByteSpan in, ByteSpan join_nonce);
  // Decodes without the proof check, for holders who checked it earlier
  // (e.g. an issuer re-reading its own records). Call verify_proof() before
  // trusting the key.
  static Result<MemberPublicKey> decode_unverified(ByteSpan in);
  std::array<std::uint8_t, kSize> encode() const;

  Status verify_proof(ByteSpan join_nonce) const;
  const G1& q() const { return q_; }
  const G1Bytes& q_encoded() const { return q_enc_; }

 private:
  friend Result<MemberKeyPair> member_keygen(ByteSpan join_nonce, Random& rng);
  MemberPublicKey(const G1& q, const G1Bytes& q_enc, const ScalarBytes& c, const Scalar& s,
                  const ScalarBytes& nn)
      : q_(q), q_enc_(q_enc), c_(c), s_(s), nn_(nn) {}

  G1 q_;
  G1Bytes q_enc_;
  ScalarBytes c_;
  Scalar s_;
  ScalarBytes nn_;
};

struct MemberKeyPair {
  MemberSecretKey secret;
  MemberPublicKey public_key;
};

}  // namespace xtt::daa
