#pragma once

#include <optional>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/result.hpp"
#include "daa/hash.hpp"

// The Schnorr core of ecdaa (spec §4.5), shared by the member public key
// (base P1, message = join nonce, no basename) and the DAA signature (base S,
// public key W, with or without a basename). Internal to the layer.
namespace xtt::daa::detail {

// The public statement: Pk = sk * base, optionally linked to a basename
// through K = sk * HG1(basename).
struct SchnorrStatement {
  const G1& base;
  const G1Bytes& base_enc;
  const G1& pk;
  const G1Bytes& pk_enc;
  ByteSpan message;
  ByteSpan basename;                   // empty: no pseudonym
  const G1* basename_point = nullptr;  // HG1(basename), required when basename is set
};

struct SchnorrProof {
  ScalarBytes c{};   // Hn(nn || c') mod n
  Scalar s;          // k + c * sk mod n
  ScalarBytes nn{};  // the nonce, as drawn (mod n)
  G1 pseudonym;      // K; meaningful only with a basename
  G1Bytes pseudonym_enc{};
};

// Draws k then nn (one 65-byte draw each), exactly as ecdaa. Constant time in
// sk and k; the returned values are public.
Result<SchnorrProof> schnorr_sign(const SchnorrStatement& st, const Scalar& sk, Random& rng);

// Recomputes the challenge from s, c, nn (and K with a basename) and compares
// it to c, which is not reduced first (a c >= n never verifies).
// kBadSignature on mismatch. `pseudonym_enc` must be K's encoding.
Status schnorr_verify(const SchnorrStatement& st, const ScalarBytes& c, const Scalar& s,
                      const ScalarBytes& nn, const G1* pseudonym, const G1Bytes* pseudonym_enc);

}  // namespace xtt::daa::detail
