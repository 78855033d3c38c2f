#pragma once

#include "base/bytes.hpp"
#include "base/secret.hpp"
#include "crypto/ecdsa_p256.hpp"

namespace xtt::crypto::ecdsa_p256 {

// The RFC 6979 §3.2 nonce sequence for P-256 with HMAC-SHA-256 (qlen = hlen
// = 256, so bits2int is the identity on 32 bytes). OpenSSL 3.0 has no
// deterministic ECDSA, so the HMAC-DRBG lives here; the curve arithmetic
// stays OpenSSL's.
class Rfc6979Nonces {
 public:
  // private_key must be a valid scalar (1..n-1).
  Rfc6979Nonces(const PrivateKey& private_key, ByteSpan message);

  // The next candidate k in [1, n-1]: the first call gives the RFC's k; later
  // calls continue the sequence (step h.3), used when k gives r = 0 or s = 0.
  SecretBytes<kScalarSize> next();

 private:
  void step(std::uint8_t separator, ByteSpan x, ByteSpan h);

  SecretBytes<kScalarSize> key_;
  SecretBytes<kScalarSize> v_;
  bool started_ = false;
};

}  // namespace xtt::crypto::ecdsa_p256
