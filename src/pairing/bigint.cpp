#include "pairing/arith.hpp"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace xtt::pairing {

#if defined(__x86_64__) && !defined(XTT_PAIRING_PORTABLE)
namespace {
// CPUID leaf 7: EBX bit 8 is BMI2 (mulx), bit 19 is ADX (adcx/adox).
bool cpu_has_bmi2_adx() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) {
    return false;
  }
  return (ebx & (1u << 8)) != 0 && (ebx & (1u << 19)) != 0;
}
}  // namespace
bool detail::g_mont_use_adx = cpu_has_bmi2_adx();
#endif

Limbs limbs_from_be(std::span<const std::uint8_t, 32> in) {
  Limbs v{};
  for (std::size_t i = 0; i < 4; ++i) {
    v[3 - i] = load_be64(in.data() + 8 * i);
  }
  return v;
}

void limbs_to_be(const Limbs& v, std::span<std::uint8_t, 32> out) {
  for (std::size_t i = 0; i < 4; ++i) {
    store_be64(out.data() + 8 * i, v[3 - i]);
  }
}

Result<Uint256> Uint256::from_bytes(ByteSpan in) {
  XTT_ENSURE(in.size() == 32, ErrorCode::kBadLength, "a 256-bit integer needs 32 bytes");
  return Uint256(limbs_from_be(in.first<32>()));
}

Uint256 Uint256::from_bytes(std::span<const std::uint8_t, 32> in) {
  return Uint256(limbs_from_be(in));
}

std::array<std::uint8_t, 32> Uint256::to_bytes() const {
  std::array<std::uint8_t, 32> out{};
  limbs_to_be(v_, out);
  return out;
}

std::size_t Uint256::bit_length_vartime() const {
  for (std::size_t i = 4; i-- > 0;) {
    if (v_[i] != 0) {
      return 64 * i + 64 - static_cast<std::size_t>(__builtin_clzll(v_[i]));
    }
  }
  return 0;
}

std::uint64_t Uint256::lt_mask(const Uint256& other) const {
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    (void)detail::sbb(v_[i], other.v_[i], borrow);
  }
  return ct::mask_from_bit(borrow);
}

bool Uint256::operator==(const Uint256& other) const {
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    diff |= v_[i] ^ other.v_[i];
  }
  return ct::mask_is_zero(diff) != 0;
}

}  // namespace xtt::pairing
