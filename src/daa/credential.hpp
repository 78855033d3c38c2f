#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/result.hpp"
#include "daa/hash.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"

// The member's credential and the issuer's proof over it (spec §4.4).
namespace xtt::daa {

// cred = A || B || C || D (260 bytes) with A = l*P1, B = y*A,
// C = x*(A + D), D = (l*y)*Q.
class Credential {
 public:
  static constexpr std::size_t kSize = 4 * kG1Size;

  // Four valid G1 points (spec §4.2): kTruncated/kTrailingBytes,
  // kBadEncoding, kBadPoint.
  static Result<Credential> decode(ByteSpan in);
  const std::array<std::uint8_t, kSize>& encode() const { return encoded_; }

  const G1& a() const { return a_; }
  const G1& b() const { return b_; }
  const G1& c() const { return c_; }
  const G1& d() const { return d_; }

 private:
  friend struct CredentialParts;
  Credential(const G1& a, const G1& b, const G1& c, const G1& d);
  Credential() = default;

  G1 a_;
  G1 b_;
  G1 c_;
  G1 d_;
  std::array<std::uint8_t, kSize> encoded_{};
};

// cred_sig = c || s (64 bytes): proof that B and D share the discrete log
// l*y over P1 and Q.
class CredentialSignature {
 public:
  static constexpr std::size_t kSize = 2 * kScalarSize;

  // kTruncated/kTrailingBytes, kBadScalar for s >= n. c is kept as sent (a
  // c >= n fails verification).
  static Result<CredentialSignature> decode(ByteSpan in);
  std::array<std::uint8_t, kSize> encode() const;

  const ScalarBytes& c() const { return c_; }
  const Scalar& s() const { return s_; }

 private:
  friend struct CredentialParts;
  CredentialSignature(const ScalarBytes& c, const Scalar& s) : c_(c), s_(s) {}

  ScalarBytes c_;
  Scalar s_;
};

struct IssuedCredential {
  Credential credential;
  CredentialSignature signature;
};

// The issuer's side of the join. With a join nonce, first checks the member
// key's proof against it (kBadProof); without one, the caller has done so.
// Draws l then r (65 bytes each, ecdaa's order). Constant time in x, y, l, r.
Result<IssuedCredential> issue_credential(const IssuerSecretKey& isk, const MemberPublicKey& mpk,
                                          std::optional<ByteSpan> join_nonce, Random& rng);

// The member's check of what the issuer sent, given its own Q = sk*P1 and
// the group key: the proof (kBadProof) and e(A, Y) == e(B, P2),
// e(C, P2) == e(A + D, X) (kBadSignature). Variable time: all inputs are
// public.
Status verify_credential(const Credential& cred, const CredentialSignature& sig, const G1& member_q,
                         const GroupPublicKey& gpk);

}  // namespace xtt::daa
