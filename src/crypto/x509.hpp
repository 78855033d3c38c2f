#pragma once

#include <cstdint>
#include <string>

#include "base/result.hpp"
#include "crypto/ecdsa_p256.hpp"

namespace xtt::crypto::x509 {

// A self-signed X.509 v3 certificate for a provisioned identity's long-term
// ECDSA P-256 key, as libxtt's genx509cert makes one (for TLS stacks and
// tools that speak X.509): subject = issuer = CN=<common_name>, signed with
// ECDSA-SHA256 by the key itself. PEM text.
Result<std::string> self_signed_pem(const ecdsa_p256::PrivateKey& key,
                                    const std::string& common_name, std::int64_t not_before,
                                    std::int64_t not_after, std::uint64_t serial);

// The private key as PKCS#8 PEM, for the same tools.
Result<std::string> private_key_pem(const ecdsa_p256::PrivateKey& key);

}  // namespace xtt::crypto::x509
