#include "pairing/fp.hpp"

namespace xtt::pairing {
namespace {

constexpr Limbs kPR3 = {0x83c66e0a9a16d9d8, 0x1c36f0596611aefb, 0x97f1b5fadfa71510,
                        0x3a7e67c12053b221};  // 2^768 mod p
constexpr Limbs kPMinus2 = {0xd3292ddbaed33011, 0x0cdc65fb12980a82, 0x46e5f25eee71a49f,
                            0xfffffffffffcf0cd};
constexpr Limbs kPPlus1Div4 = {0xb4ca4b76ebb4cc05, 0xc337197ec4a602a0, 0x51b97c97bb9c6927,
                               0x3fffffffffff3c33};
constexpr Limbs kPMinus1Div2 = {0x699496edd7699809, 0x866e32fd894c0541, 0xa372f92f7738d24f,
                                0x7ffffffffffe7866};

bool is_even(const Limbs& v) { return (v[0] & 1) == 0; }

// v >>= 1 with top_bit entering at bit 255.
void shr1(Limbs& v, std::uint64_t top_bit) {
  for (std::size_t i = 0; i < 3; ++i) {
    v[i] = (v[i] >> 1) | (v[i + 1] << 63);
  }
  v[3] = (v[3] >> 1) | (top_bit << 63);
}

// x / 2 mod p for x < p, variable time.
void half_mod_p_vartime(Limbs& x) {
  std::uint64_t carry = 0;
  if (!is_even(x)) {
    for (std::size_t i = 0; i < 4; ++i) {
      x[i] = detail::adc(x[i], kP[i], carry);
    }
  }
  shr1(x, carry);
}

bool geq(const Limbs& a, const Limbs& b) {
  for (std::size_t i = 4; i-- > 0;) {
    if (a[i] != b[i]) {
      return a[i] > b[i];
    }
  }
  return true;
}

bool is_one_limbs(const Limbs& v) { return v[0] == 1 && v[1] == 0 && v[2] == 0 && v[3] == 0; }

void sub_in_place(Limbs& a, const Limbs& b) {
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    a[i] = detail::sbb(a[i], b[i], borrow);
  }
}

}  // namespace

Fp Fp::from_u64(std::uint64_t v) { return from_canonical(Limbs{v, 0, 0, 0}); }

Fp Fp::from_canonical(const Limbs& v) {
  Fp r;
  detail::mont_mul_fixed<kP, kPInv>(r.v_, v, kPR2);
  return r;
}

Result<Fp> Fp::from_bytes(ByteSpan in) {
  XTT_ENSURE(in.size() == kBytes, ErrorCode::kBadEncoding, "a field element needs 32 bytes");
  const Uint256 v = Uint256::from_bytes(in.first<32>());
  XTT_ENSURE(v < Uint256(kP), ErrorCode::kBadEncoding, "field element not below p");
  return from_canonical(v.limbs());
}

Fp Fp::from_bytes_reduce(ByteSpan in) {
  std::array<std::uint8_t, 64> wide{};
  const std::size_t n = in.size() < 64 ? in.size() : 64;
  for (std::size_t i = 0; i < n; ++i) {
    wide[64 - n + i] = in[in.size() - n + i];
  }
  const Limbs hi = limbs_from_be(std::span<const std::uint8_t, 32>(wide.data(), 32));
  const Limbs lo = limbs_from_be(std::span<const std::uint8_t, 32>(wide.data() + 32, 32));
  // hi*2^256 + lo in Montgomery form is hi*R^3/R + lo*R^2/R.
  Fp h;
  Fp l;
  detail::mont_mul_fixed<kP, kPInv>(h.v_, hi, kPR3);
  detail::mont_mul_fixed<kP, kPInv>(l.v_, lo, kPR2);
  return h + l;
}

Limbs Fp::to_canonical() const {
  Limbs r;
  detail::mont_mul_fixed<kP, kPInv>(r, v_, Limbs{1, 0, 0, 0});
  return r;
}

std::array<std::uint8_t, 32> Fp::to_bytes() const {
  std::array<std::uint8_t, 32> out{};
  to_bytes(out);
  return out;
}

void Fp::to_bytes(std::span<std::uint8_t, 32> out) const { limbs_to_be(to_canonical(), out); }

Fp Fp::half() const {
  // Halving commutes with the Montgomery factor, so work on the raw limbs.
  const std::uint64_t mask = ct::mask_from_bit(v_[0] & 1);
  Fp r;
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    r.v_[i] = detail::adc(v_[i], kP[i] & mask, carry);
  }
  shr1(r.v_, carry);
  return r;
}

Fp Fp::pow(const Limbs& e) const {
  // Fixed 4-bit windows; the exponent is public, the base may be secret.
  std::array<Fp, 16> table;
  table[0] = one();
  for (std::size_t i = 1; i < 16; ++i) {
    table[i] = table[i - 1] * *this;
  }
  Fp acc = one();
  for (std::size_t w = 64; w-- > 0;) {
    for (int s = 0; s < 4; ++s) {
      acc = acc.square();
    }
    const std::uint64_t digit = (e[w / 16] >> (4 * (w % 16))) & 0xf;
    if (digit != 0) {
      acc *= table[digit];
    }
  }
  return acc;
}

Fp Fp::inverse() const { return pow(kPMinus2); }

Fp Fp::inverse_vartime() const {
  if (is_zero()) {
    return Fp();
  }
  // Binary extended Euclid on the Montgomery limbs m = a*R: it yields
  // (a*R)^-1, and multiplying by R^3 in Montgomery form gives a^-1 * R.
  Limbs u = v_;
  Limbs v = kP;
  Limbs x1{1, 0, 0, 0};
  Limbs x2{0, 0, 0, 0};
  while (!is_one_limbs(u) && !is_one_limbs(v)) {
    while (is_even(u)) {
      shr1(u, 0);
      half_mod_p_vartime(x1);
    }
    while (is_even(v)) {
      shr1(v, 0);
      half_mod_p_vartime(x2);
    }
    if (geq(u, v)) {
      sub_in_place(u, v);
      detail::mod_sub(x1, x1, x2, kP);
    } else {
      sub_in_place(v, u);
      detail::mod_sub(x2, x2, x1, kP);
    }
  }
  const Limbs& inv = is_one_limbs(u) ? x1 : x2;
  Fp r;
  detail::mont_mul_fixed<kP, kPInv>(r.v_, inv, kPR3);
  return r;
}

bool Fp::sqrt(Fp& out) const {
  out = pow(kPPlus1Div4);
  return out.square().eq_mask(*this) != 0;
}

int Fp::legendre() const {
  const Fp t = pow(kPMinus1Div2);
  if (t.is_zero()) {
    return 0;
  }
  return t.is_one() ? 1 : -1;
}

std::uint64_t Fp::is_zero_mask() const { return ct::mask_is_zero(v_[0] | v_[1] | v_[2] | v_[3]); }

std::uint64_t Fp::eq_mask(const Fp& o) const {
  return ct::mask_is_zero((v_[0] ^ o.v_[0]) | (v_[1] ^ o.v_[1]) | (v_[2] ^ o.v_[2]) |
                          (v_[3] ^ o.v_[3]));
}

}  // namespace xtt::pairing
