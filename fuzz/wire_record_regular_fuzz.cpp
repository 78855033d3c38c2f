// RecordRegular::decode, parse_record (zero-copy view) and PayloadPlaintext.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <algorithm>

#include "base/bytes.hpp"
#include "fuzz_support.hpp"
#include "wire/payload.hpp"
#include "wire/record_regular.hpp"

using xtt::fuzz::check_same;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const xtt::ByteSpan in(data, size);
  using namespace xtt::wire;
  auto record = RecordRegular::decode(in);
  auto view = parse_record(in);
  if (record.has_value() != view.has_value()) {
    std::abort();
  }
  if (record) {
    check_same(record->encode(), in);
    if (view->seq_num != record->seq_num || view->session_id != record->session_id ||
        view->ciphertext.size() != record->ciphertext.size() || view->aad.data() != in.data()) {
      std::abort();
    }
  }
  if (auto p = PayloadPlaintext::decode(in)) {
    check_same(p->encode(), in);
  }
  return 0;
}
