#pragma once

// Internal to src/crypto/: the P-256 group and order shared by every ECDSA
// operation. Built once; read-only afterwards, so threads may share it.

#include "crypto/openssl_handles.hpp"

namespace xtt::crypto::ecdsa_p256::internal {

struct Curve {
  ossl::EcGroup group;
  const BIGNUM* order = nullptr;  // n, owned by group
  ossl::Bn order_minus_2;         // Fermat exponent for k^-1 mod n
  ossl::BnMontCtx mont;           // Montgomery context mod n
  ossl::Pkey params_key;          // an EC key with the group and no point
};

const Curve& curve();

// A big-endian scalar as a constant-time-flagged BIGNUM.
ossl::Bn scalar_from_bytes(ByteSpan bytes);
// 1 <= v <= n-1.
bool in_scalar_range(const BIGNUM* v);

}  // namespace xtt::crypto::ecdsa_p256::internal
