#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "daa/hash.hpp"

// Field readers shared by the daa deserializers (internal to the layer). Each
// names the field in the error detail, so "member public key Q: G1 point not
// on the curve" tells a person where the bad byte is.
namespace xtt::daa::detail {

// kTruncated below `size`, kTrailingBytes above it.
Status expect_size(ByteSpan in, std::size_t size, std::string_view what);

// Adds "<what>: " in front of an error's detail.
Error in_field(Error e, std::string_view what);

template <typename T>
Result<T> field(Result<T> r, std::string_view what) {
  if (!r) {
    return in_field(std::move(r).error(), what);
  }
  return r;
}

// 32 bytes at `offset`: a canonical scalar (kBadScalar when >= n).
Result<Scalar> read_scalar(ByteSpan in, std::size_t offset, std::string_view what);
// 32 raw bytes at `offset` (a challenge c or nonce nn, which ecdaa hashes or
// compares without reducing).
ScalarBytes read_raw32(ByteSpan in, std::size_t offset);
// A G1 (65) or G2 (129) point at `offset`, with every check of spec §4.2.
Result<G1> read_g1(ByteSpan in, std::size_t offset, std::string_view what);
Result<G2> read_g2(ByteSpan in, std::size_t offset, std::string_view what);

// True when the 32-byte big-endian value is a canonical scalar (< n).
bool below_order(const ScalarBytes& v);

}  // namespace xtt::daa::detail
