#pragma once

#include "base/bytes.hpp"
#include "wire/types.hpp"

// Helpers shared by the message codecs (not used outside src/wire/).
namespace xtt::wire::detail {

template <typename Fixed>
Status read_fixed(ByteReader& in, Fixed& out) {
  return in.read_into(out.bytes);
}

template <typename Fixed>
void write_fixed(ByteWriter& out, const Fixed& v) {
  out.bytes(v.bytes);
}

template <std::size_t N>
std::array<std::uint8_t, N> first_bytes(ByteSpan encoded) {
  std::array<std::uint8_t, N> out{};
  std::copy(encoded.begin(), encoded.begin() + N, out.begin());
  return out;
}

}  // namespace xtt::wire::detail
