#pragma once

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/result.hpp"
#include "daa/credential.hpp"
#include "daa/member.hpp"
#include "daa/signature.hpp"

namespace xtt::daa {

// Signs `message` as a group member (spec §4.6): R, S, T, W randomize the
// credential with l, then a Schnorr proof (base S, public key W) over the
// message. With a non-empty basename the signature carries the pseudonym
// K = sk * HG1(basename) (421 bytes), which links signatures under the same
// basename; an empty basename gives the 356-byte unlinkable form. Draws l,
// k, nn (65 bytes each, ecdaa's order), so recorded draws reproduce ecdaa's
// signatures byte for byte. Constant time in sk, l and k.
Result<Signature> sign(ByteSpan message, ByteSpan basename, const MemberSecretKey& sk,
                       const Credential& cred, Random& rng);

}  // namespace xtt::daa
