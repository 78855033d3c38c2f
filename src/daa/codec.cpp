#include "daa/codec.hpp"

#include <algorithm>

#include "pairing/bigint.hpp"

namespace xtt::daa::detail {

Status expect_size(ByteSpan in, std::size_t size, std::string_view what) {
  if (in.size() < size) {
    return make_error(ErrorCode::kTruncated, std::string(what) + " needs " + std::to_string(size) +
                                                 " bytes, got " + std::to_string(in.size()));
  }
  if (in.size() > size) {
    return make_error(ErrorCode::kTrailingBytes, std::string(what) + " is " + std::to_string(size) +
                                                     " bytes, got " + std::to_string(in.size()));
  }
  return ok();
}

Error in_field(Error e, std::string_view what) {
  e.detail = std::string(what) + ": " + e.detail;
  return e;
}

Result<Scalar> read_scalar(ByteSpan in, std::size_t offset, std::string_view what) {
  return field(Scalar::from_bytes(in.subspan(offset, kScalarSize)), what);
}

ScalarBytes read_raw32(ByteSpan in, std::size_t offset) {
  ScalarBytes out{};
  std::copy_n(in.begin() + static_cast<std::ptrdiff_t>(offset), out.size(), out.begin());
  return out;
}

Result<G1> read_g1(ByteSpan in, std::size_t offset, std::string_view what) {
  return field(G1::decode(in.subspan(offset, kG1Size)), what);
}

Result<G2> read_g2(ByteSpan in, std::size_t offset, std::string_view what) {
  return field(G2::decode(in.subspan(offset, kG2Size)), what);
}

bool below_order(const ScalarBytes& v) {
  return pairing::Uint256::from_bytes(std::span<const std::uint8_t, 32>(v)) <
         pairing::Uint256(pairing::kN);
}

}  // namespace xtt::daa::detail
