// Both families' server certificates and the expiry parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/server_certificate.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  if (auto c = ServerCertificate::decode(in)) {
    check_same(c->encode(), in);
    auto signed_part = c->signed_part();
    if (!std::equal(signed_part.begin(), signed_part.end(), in.begin())) {
      std::abort();
    }
    // A parsed date must encode back to the same 8 bytes (the two "never"
    // forms parse to nullopt and are skipped).
    if (auto e = c->expiry(); e && e->has_value()) {
      auto back = encode_expiry(*e);
      auto field = c->expiry_field();
      if (!back || !std::equal(back->begin(), back->end(), field.begin())) {
        std::abort();
      }
    }
  }
  if (auto c = Ed25519ServerCertificate::decode(in)) {
    check_same(c->encode(), in);
  }
  // The expiry parser on its own, for inputs of exactly 8 bytes.
  if (size == 8) {
    if (auto e = parse_expiry(std::span<const std::uint8_t, 8>(data, 8)); e && e->has_value()) {
      if (!is_valid_date(**e)) {
        std::abort();
      }
    }
  }
  return 0;
}
