#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "base/result.hpp"
#include "pairing/g1.hpp"
#include "pairing/g2.hpp"
#include "pairing/scalar.hpp"

// The hash functions and scalar conversions of xaptum/ecdaa v1.0.0 on FP256BN
// (spec §4.3 and §3.11), shared by keys, credentials and signatures.
namespace xtt::daa {

using pairing::G1;
using pairing::G2;
using pairing::Scalar;

inline constexpr std::size_t kScalarSize = 32;
inline constexpr std::size_t kG1Size = G1::kEncodedSize;  // 65
inline constexpr std::size_t kG2Size = G2::kEncodedSize;  // 129
// One ecdaa random scalar consumes a 65-byte draw (byte 64 is ignored).
inline constexpr std::size_t kRandomDrawSize = 65;
// ecdaa gives up on hashing a basename to G1 after this many counters.
inline constexpr std::uint32_t kHashToG1Tries = 232;

using ScalarBytes = std::array<std::uint8_t, kScalarSize>;
using G1Bytes = std::array<std::uint8_t, kG1Size>;
using G2Bytes = std::array<std::uint8_t, kG2Size>;

// Hn: SHA-256 over the concatenation of parts, as a big-endian integer mod n.
Scalar hash_to_scalar(std::initializer_list<ByteSpan> parts);

// HG1: the first counter i (le32) for which x = SHA-256(le32(i) || bsn) mod n
// is the abscissa of a curve point; the even root is taken as y. Basenames
// are public, so this runs in variable time. kCryptoFailure if no counter
// below kHashToG1Tries works (probability about 2^-232).
Result<G1> hash_to_g1(ByteSpan basename);

// ecdaa's ecp_random_mod_order conversion of one 65-byte draw: bits read
// LSB-first within each of bytes 0..63, shifted MSB-first into a 512-bit
// integer, reduced mod n. Constant time; the draw may be secret.
Scalar scalar_from_draw(std::span<const std::uint8_t, kRandomDrawSize> draw);
// Draws 65 bytes and converts them; the draw is wiped.
Result<Scalar> random_scalar(Random& rng);

// Encodings of public points with a variable-time inversion (the constant
// time encode() of the pairing layer is for points that are still secret).
G1Bytes encode_public(const G1& p);
G2Bytes encode_public(const G2& p);

// The encoded generators, which ecdaa hashes into its challenges.
const G1Bytes& encoded_p1();
const G2Bytes& encoded_p2();

}  // namespace xtt::daa
