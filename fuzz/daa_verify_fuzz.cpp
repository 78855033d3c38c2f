// ECDAA verify on fuzzed signature bytes against a fixed, valid group key
// (ecdaa vector set 1) and message: never a crash, only a typed error. A
// 421-byte input is checked under the basename "basename-1", any other size
// without one. Seeds are the vector set's signatures.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.hpp"
#include "base/hex.hpp"
#include "daa/signature.hpp"
#include "daa/verify.hpp"

namespace {

using xtt::Bytes;

const xtt::daa::PreparedGroupKey& group_key() {
  static const xtt::daa::PreparedGroupKey kKey = [] {
    const auto gpk_bytes = xtt::from_hex(
        "048eef04a34e274086e876eb52945b91fa5eb24011491790aa2bb9748ee6bbb4"
        "77eb10a22ca9b3a8ee329516fd9b854104819109943e1044ed080257bef4d59c"
        "495a5a1e815dab44ea0910514ae67a7d5d703f7ba1768fa533315a8973f50528"
        "b60566f0e1344f834cce366ab54cacc807125da85c4afd732caa0ae5e13eb0ba"
        "dd0431be2d0011d29e1fb3a4cbafe77d542beb36cccaaf790f75a3ba39dd2f8c"
        "28a20c63ca6e3548cc8185c1531da28f810839bc8db5f580490abbc7489264d8"
        "a33fb424ee57a2862253f6f0f5714a0688cae9e5c8ad70d39af9386ef139f4ed"
        "c67b2599c7eaabc6e341b3c698d42fab65d55bdd664918f9195ced4906cba7c6"
        "1cc5");
    if (!gpk_bytes) {
      std::abort();
    }
    auto gpk = xtt::daa::GroupPublicKey::decode(*gpk_bytes);
    if (!gpk) {
      std::abort();
    }
    const Bytes basename = {'b', 'a', 's', 'e', 'n', 'a', 'm', 'e', '-', '1'};
    auto prepared = xtt::daa::PreparedGroupKey::make(*gpk, basename);
    if (!prepared) {
      std::abort();
    }
    return std::move(prepared).value();
  }();
  return kKey;
}

const Bytes kMessage = {'h', 'e', 'l', 'l', 'o'};
const Bytes kBasename = {'b', 'a', 's', 'e', 'n', 'a', 'm', 'e', '-', '1'};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  const auto sig = xtt::daa::Signature::decode(in);
  if (!sig) {
    return 0;
  }
  const xtt::ByteSpan basename = sig->has_pseudonym() ? xtt::ByteSpan(kBasename) : xtt::ByteSpan();
  xtt::daa::RevocationLists revoked;
  revoked.pseudonyms.push_back(xtt::daa::G1::generator().encode());
  (void)xtt::daa::verify(*sig, group_key(), kMessage, basename, revoked);
  (void)xtt::daa::extract_pseudonym(*sig);
  return 0;
}
