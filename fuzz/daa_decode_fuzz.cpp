// Every ECDAA deserializer, chosen by the first byte: hostile bytes give a
// typed error, and accepted inputs re-encode byte for byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/signature.hpp"

namespace {

using xtt::ByteSpan;

void check_same(ByteSpan encoded, ByteSpan input) {
  if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
    std::abort();
  }
}

// A fixed join nonce for the member-key proof.
constexpr std::uint8_t kNonce[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                     12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                     23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  namespace daa = xtt::daa;
  const ByteSpan in(data + 1, size - 1);
  switch (data[0] % 8) {
    case 0:
      if (auto k = daa::IssuerSecretKey::decode(in)) {
        check_same(k->encode().span(), in);
      }
      break;
    case 1:
      if (auto k = daa::GroupPublicKey::decode(in)) {
        check_same(k->encode(), in);
      }
      break;
    case 2:
      if (auto k = daa::IssuerPublicKey::decode(in)) {
        check_same(k->encode(), in);
      }
      break;
    case 3:
      if (auto k = daa::MemberSecretKey::decode(in)) {
        check_same(k->encode().span(), in);
      }
      break;
    case 4:
      if (auto k = daa::MemberPublicKey::decode_unverified(in)) {
        check_same(k->encode(), in);
        (void)k->verify_proof(kNonce);
      }
      break;
    case 5:
      if (auto k = daa::Credential::decode(in)) {
        check_same(k->encode(), in);
      }
      break;
    case 6:
      if (auto k = daa::CredentialSignature::decode(in)) {
        check_same(k->encode(), in);
      }
      break;
    default:
      if (auto k = daa::Signature::decode(in)) {
        check_same(k->encode(), in);
        if (k->has_pseudonym() != (in.size() == daa::Signature::kSizeWithBasename)) {
          std::abort();
        }
      }
      break;
  }
  return 0;
}
