#include "daa/signature.hpp"

#include <algorithm>

#include "daa/codec.hpp"

namespace xtt::daa {
namespace {

template <std::size_t N>
void put(std::array<std::uint8_t, Signature::kSizeWithBasename>& out, std::size_t offset,
         const std::array<std::uint8_t, N>& v) {
  std::copy(v.begin(), v.end(), out.begin() + static_cast<std::ptrdiff_t>(offset));
}

}  // namespace

Result<Signature> Signature::decode(ByteSpan in) {
  if (in.size() != kSizeWithoutBasename) {
    XTT_TRY(detail::expect_size(in, kSizeWithBasename, "ECDAA signature"));
  }
  Signature sig;
  sig.size_ = in.size();
  sig.c_ = detail::read_raw32(in, 0);
  sig.s_ = XTT_TRY(detail::read_scalar(in, kSOffset, "ECDAA signature s"));
  sig.r_ = XTT_TRY(detail::read_g1(in, kROffset, "ECDAA signature R"));
  sig.s_point_ = XTT_TRY(detail::read_g1(in, kROffset + kG1Size, "ECDAA signature S"));
  sig.t_ = XTT_TRY(detail::read_g1(in, kROffset + 2 * kG1Size, "ECDAA signature T"));
  sig.w_ = XTT_TRY(detail::read_g1(in, kROffset + 3 * kG1Size, "ECDAA signature W"));
  sig.nn_ = detail::read_raw32(in, kNonceOffset);
  if (sig.has_pseudonym()) {
    sig.k_ = XTT_TRY(detail::read_g1(in, kPseudonymOffset, "ECDAA signature K"));
  }
  std::copy(in.begin(), in.end(), sig.encoded_.begin());
  return sig;
}

Signature Signature::from_parts(const Parts& parts) {
  Signature sig;
  sig.c_ = parts.c;
  sig.s_ = parts.s;
  sig.r_ = parts.r.point;
  sig.s_point_ = parts.s_point.point;
  sig.t_ = parts.t.point;
  sig.w_ = parts.w.point;
  sig.nn_ = parts.nn;
  put(sig.encoded_, 0, sig.c_);
  put(sig.encoded_, kSOffset, sig.s_.to_bytes());
  put(sig.encoded_, kROffset, parts.r.bytes);
  put(sig.encoded_, kROffset + kG1Size, parts.s_point.bytes);
  put(sig.encoded_, kROffset + 2 * kG1Size, parts.t.bytes);
  put(sig.encoded_, kROffset + 3 * kG1Size, parts.w.bytes);
  put(sig.encoded_, kNonceOffset, sig.nn_);
  sig.size_ = kSizeWithoutBasename;
  if (parts.k) {
    sig.k_ = parts.k->point;
    put(sig.encoded_, kPseudonymOffset, parts.k->bytes);
    sig.size_ = kSizeWithBasename;
  }
  return sig;
}

std::optional<G1Bytes> Signature::pseudonym() const {
  if (!has_pseudonym()) {
    return std::nullopt;
  }
  return k_encoded();
}

G1Bytes Signature::k_encoded() const {
  G1Bytes out{};
  std::copy_n(encoded_.begin() + static_cast<std::ptrdiff_t>(kPseudonymOffset), kG1Size,
              out.begin());
  return out;
}

}  // namespace xtt::daa
