#include "base/ct.hpp"

namespace xtt::ct {

bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  if (a.size() != b.size()) {
    return false;
  }
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<std::uint64_t>(a[i] ^ b[i]);
  }
  return mask_is_zero(diff) != 0;
}

bool is_zero(std::span<const std::uint8_t> a) {
  std::uint64_t acc = 0;
  for (std::uint8_t b : a) {
    acc |= b;
  }
  return mask_is_zero(acc) != 0;
}

}  // namespace xtt::ct
