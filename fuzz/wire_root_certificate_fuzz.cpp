// Both families' root certificates.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.hpp"
#include "wire/root_certificate.hpp"

namespace {

// A decoder that accepts an input must re-encode it to the same bytes.
void check_same(const xtt::Result<xtt::Bytes>& encoded, xtt::ByteSpan input) {
  if (!encoded.has_value() || *encoded != xtt::Bytes(input.begin(), input.end())) {
    std::abort();
  }
}

}  // namespace

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
