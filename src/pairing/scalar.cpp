#include "pairing/scalar.hpp"

#include "pairing/arith.hpp"

#include <cassert>

#include "base/secret.hpp"

namespace xtt::pairing {
namespace {

constexpr Limbs kNR2 = {0xaf948aa38f4c4808, 0xbd789efd26123232, 0x117fd17ceb526be7,
                        0x2bfc4998fb8f407a};  // 2^512 mod n
constexpr Limbs kNR3 = {0xdafa45795ce54499, 0x5fdc534df1df4b8d, 0x37928f443592a893,
                        0xc0794f9df4e86249};  // 2^768 mod n
constexpr Limbs kNMinus2 = {0xf62d536cd10b500b, 0x0cdc65fb1299921a, 0x46e5f25eee71a49e,
                            0xfffffffffffcf0cd};
constexpr Limbs kOne = {1, 0, 0, 0};

// a * b mod n for canonical a, b: (a*b/R) * R^2 / R.
Limbs mul_mod_n(const Limbs& a, const Limbs& b) {
  Limbs t;
  detail::mont_mul_fixed<kN, kNInv>(t, a, b);
  detail::mont_mul_fixed<kN, kNInv>(t, t, kNR2);
  return t;
}

}  // namespace

Scalar Scalar::from_u64(std::uint64_t v) {
  Scalar r;
  r.v_ = {v, 0, 0, 0};
  return r;  // every u64 is below n
}

Scalar Scalar::from_limbs(const Limbs& v) {
  assert(Uint256(v) < Uint256(kN));
  Scalar r;
  r.v_ = v;
  return r;
}

Result<Scalar> Scalar::from_bytes(ByteSpan in) {
  XTT_ENSURE(in.size() == kBytes, ErrorCode::kBadLength, "a scalar needs 32 bytes");
  const Uint256 v = Uint256::from_bytes(in.first<32>());
  XTT_ENSURE(v < Uint256(kN), ErrorCode::kBadScalar, "scalar not below the group order");
  Scalar r;
  r.v_ = v.limbs();
  return r;
}

Scalar Scalar::from_bytes_reduce(ByteSpan in) {
  std::array<std::uint8_t, 64> wide{};
  const std::size_t n = in.size() < 64 ? in.size() : 64;
  for (std::size_t i = 0; i < n; ++i) {
    wide[64 - n + i] = in[in.size() - n + i];
  }
  const Limbs hi = limbs_from_be(std::span<const std::uint8_t, 32>(wide.data(), 32));
  const Limbs lo = limbs_from_be(std::span<const std::uint8_t, 32>(wide.data() + 32, 32));
  // hi * 2^256 + lo = (hi * R^3 / R) / R + (lo * R^2 / R) / R.
  Limbs h;
  Limbs l;
  detail::mont_mul_fixed<kN, kNInv>(h, hi, kNR3);
  detail::mont_mul_fixed<kN, kNInv>(h, h, kOne);
  detail::mont_mul_fixed<kN, kNInv>(l, lo, kNR2);
  detail::mont_mul_fixed<kN, kNInv>(l, l, kOne);
  Scalar r;
  detail::mod_add(r.v_, h, l, kN);
  secure_wipe(wide.data(), wide.size());
  return r;
}

std::array<std::uint8_t, 32> Scalar::to_bytes() const {
  std::array<std::uint8_t, 32> out{};
  to_bytes(out);
  return out;
}

void Scalar::to_bytes(std::span<std::uint8_t, 32> out) const { limbs_to_be(v_, out); }

Scalar Scalar::operator+(const Scalar& o) const {
  Scalar r;
  detail::mod_add(r.v_, v_, o.v_, kN);
  return r;
}

Scalar Scalar::operator-(const Scalar& o) const {
  Scalar r;
  detail::mod_sub(r.v_, v_, o.v_, kN);
  return r;
}

Scalar Scalar::operator-() const { return Scalar() - *this; }

Scalar Scalar::operator*(const Scalar& o) const {
  Scalar r;
  r.v_ = mul_mod_n(v_, o.v_);
  return r;
}

Scalar Scalar::inverse() const {
  // Left-to-right square and multiply in the Montgomery domain; the exponent
  // n - 2 is public, so its bits may steer the branches.
  Limbs base;
  detail::mont_mul_fixed<kN, kNInv>(base, v_, kNR2);
  Limbs acc;
  detail::mont_mul_fixed<kN, kNInv>(acc, kOne, kNR2);  // R mod n
  for (std::size_t i = 256; i-- > 0;) {
    detail::mont_mul_fixed<kN, kNInv>(acc, acc, acc);
    if (((kNMinus2[i / 64] >> (i % 64)) & 1) != 0) {
      detail::mont_mul_fixed<kN, kNInv>(acc, acc, base);
    }
  }
  Scalar r;
  detail::mont_mul_fixed<kN, kNInv>(r.v_, acc, kOne);
  return r;
}

bool Scalar::is_zero() const { return ct::mask_is_zero(v_[0] | v_[1] | v_[2] | v_[3]) != 0; }

bool Scalar::operator==(const Scalar& o) const {
  return ct::mask_is_zero((v_[0] ^ o.v_[0]) | (v_[1] ^ o.v_[1]) | (v_[2] ^ o.v_[2]) |
                          (v_[3] ^ o.v_[3])) != 0;
}

Scalar Scalar::select(std::uint64_t mask, const Scalar& a, const Scalar& b) {
  Scalar r;
  for (std::size_t i = 0; i < 4; ++i) {
    r.v_[i] = ct::select(mask, a.v_[i], b.v_[i]);
  }
  return r;
}

void Scalar::wipe() { secure_wipe(v_.data(), sizeof(v_)); }

}  // namespace xtt::pairing
