// Both families' root certificates.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/root_certificate.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  if (auto c = RootCertificate::decode(in)) {
    check_same(c->encode(), in);
  }
  if (auto c = Ed25519RootCertificate::decode(in)) {
    check_same(c->encode(), in);
  }
  return 0;
}
