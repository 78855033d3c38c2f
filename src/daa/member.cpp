#include "daa/member.hpp"

#include <algorithm>

#include "daa/codec.hpp"
#include "daa/ct_hooks.hpp"
#include "daa/schnorr.hpp"

namespace xtt::daa {
namespace {

const G1& p1() {
  static const G1 kP1 = G1::generator();
  return kP1;
}

}  // namespace

MemberSecretKey& MemberSecretKey::operator=(MemberSecretKey&& o) noexcept {
  if (this != &o) {
    sk_ = o.sk_;
    o.sk_.wipe();
  }
  return *this;
}

Result<MemberSecretKey> MemberSecretKey::decode(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "member secret key"));
  Scalar sk = XTT_TRY(detail::read_scalar(in, 0, "member secret key"));
  MemberSecretKey key(sk);
  sk.wipe();
  XTT_ENSURE(!key.sk_.is_zero(), ErrorCode::kBadScalar, "member secret key: zero");
  return key;
}

SecretBytes<MemberSecretKey::kSize> MemberSecretKey::encode() const {
  SecretBytes<kSize> out;
  sk_.to_bytes(out.span());
  return out;
}

G1 MemberSecretKey::public_point() const { return p1().mul(sk_); }

Result<MemberPublicKey> MemberPublicKey::decode_unverified(ByteSpan in) {
  XTT_TRY(detail::expect_size(in, kSize, "member public key"));
  const G1 q = XTT_TRY(detail::read_g1(in, 0, "member public key Q"));
  G1Bytes q_enc{};
  std::copy_n(in.begin(), kG1Size, q_enc.begin());
  const ScalarBytes c = detail::read_raw32(in, kG1Size);
  const Scalar s = XTT_TRY(detail::read_scalar(in, kG1Size + kScalarSize, "member public key s"));
  const ScalarBytes nn = detail::read_raw32(in, kG1Size + 2 * kScalarSize);
  return MemberPublicKey(q, q_enc, c, s, nn);
}

Result<MemberPublicKey> MemberPublicKey::decode(ByteSpan in, ByteSpan join_nonce) {
  MemberPublicKey mpk = XTT_TRY(decode_unverified(in));
  XTT_TRY(mpk.verify_proof(join_nonce));
  return mpk;
}

std::array<std::uint8_t, MemberPublicKey::kSize> MemberPublicKey::encode() const {
  std::array<std::uint8_t, kSize> out{};
  auto it = std::copy(q_enc_.begin(), q_enc_.end(), out.begin());
  it = std::copy(c_.begin(), c_.end(), it);
  const ScalarBytes s = s_.to_bytes();
  it = std::copy(s.begin(), s.end(), it);
  std::copy(nn_.begin(), nn_.end(), it);
  return out;
}

Status MemberPublicKey::verify_proof(ByteSpan join_nonce) const {
  const detail::SchnorrStatement st{p1(), encoded_p1(), q_, q_enc_, join_nonce, {}, nullptr};
  Status st_ok = detail::schnorr_verify(st, c_, s_, nn_, nullptr, nullptr);
  if (!st_ok) {
    return make_error(ErrorCode::kBadProof, "member public key proof fails");
  }
  return ok();
}

Result<MemberKeyPair> member_keygen(ByteSpan join_nonce, Random& rng) {
  Scalar sk_value = XTT_TRY(random_scalar(rng));
  MemberSecretKey sk(sk_value);
  sk_value.wipe();
  G1 q = sk.public_point();
  detail::declassify(q);
  const G1Bytes q_enc = encode_public(q);
  const detail::SchnorrStatement st{p1(), encoded_p1(), q, q_enc, join_nonce, {}, nullptr};
  const detail::SchnorrProof proof = XTT_TRY(detail::schnorr_sign(st, sk.scalar(), rng));
  MemberPublicKey mpk(q, q_enc, proof.c, proof.s, proof.nn);
  return MemberKeyPair{std::move(sk), std::move(mpk)};
}

}  // namespace xtt::daa
