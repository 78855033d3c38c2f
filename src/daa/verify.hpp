#pragma once

#include <optional>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "daa/hash.hpp"
#include "daa/issuer.hpp"
#include "daa/signature.hpp"
#include "pairing/pairing.hpp"

namespace xtt::daa {

// A group public key ready for verification: the Miller-loop lines of X and
// Y, and optionally HG1 of the basename the group signs under. A server
// builds one per group, once, and reuses it for every signature; it is
// immutable, so threads may share it.
class PreparedGroupKey {
 public:
  explicit PreparedGroupKey(const GroupPublicKey& gpk);
  // Also caches HG1(basename) (XTT signs every handshake under the group's
  // basename). Fails only if the basename does not hash to G1.
  static Result<PreparedGroupKey> make(const GroupPublicKey& gpk, ByteSpan basename);

  const GroupPublicKey& group_public_key() const { return gpk_; }
  const pairing::G2Prepared& x_lines() const { return x_lines_; }
  const pairing::G2Prepared& y_lines() const { return y_lines_; }
  // HG1(basename) when `basename` is the cached one.
  const G1* cached_basename_point(ByteSpan basename) const;

 private:
  GroupPublicKey gpk_;
  pairing::G2Prepared x_lines_;
  pairing::G2Prepared y_lines_;
  Bytes basename_;
  std::optional<G1> basename_point_;
};

// What the verifier treats as revoked (spec §4.6 step 5). libxtt passes
// empty lists.
struct RevocationLists {
  // Secret keys of revoked members: a signature with sk_i*S == W is revoked.
  std::vector<Scalar> secret_keys;
  // Blacklisted pseudonyms K (encoded), for signatures with a basename.
  std::vector<G1Bytes> pseudonyms;
};

// Verifies a decoded signature over `message` (spec §4.6). The basename must
// match the form: non-empty with a 421-byte signature, empty with a 356-byte
// one (kBadSignature otherwise). Checks the Schnorr proof (kBadSignature; c is
// compared unreduced), e(R, Y) == e(S, P2) and e(T, P2) == e(R + W, X) as one
// multi-pairing over prepared lines (kBadSignature), then revocation
// (kRevoked; blacklisted pseudonyms are rejected before any curve work).
Status verify(const Signature& sig, const PreparedGroupKey& gpk, ByteSpan message,
              ByteSpan basename, const RevocationLists& revoked = {});
// The same, preparing the group key on the spot (one-off checks and tools).
Status verify(const Signature& sig, const GroupPublicKey& gpk, ByteSpan message, ByteSpan basename,
              const RevocationLists& revoked = {});

// The pseudonym K of a signature made with a basename (what the XTT server
// reports as the client's DAA pseudonym); kInvalidArgument without one. Only
// meaningful after verify() succeeded.
Result<G1Bytes> extract_pseudonym(const Signature& sig);

}  // namespace xtt::daa
