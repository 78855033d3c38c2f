#pragma once

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// ClientInit (0x01, §2.3): 70 bytes in every suite, all plaintext. The whole
// message goes into inner_hash (§3.3), so it is re-encoded byte for byte.
struct ClientInit {
  static constexpr std::size_t kSize = kClientInitSize;

  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  SigningNonce client_nonce;
  DhPublicKey client_dh_pub;

  // kUnknownSuite when suite is not a defined value.
  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<ClientInit> decode(ByteSpan msg);

  friend bool operator==(const ClientInit&, const ClientInit&) = default;
};

}  // namespace xtt::wire
