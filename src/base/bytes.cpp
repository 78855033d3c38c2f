#include "base/bytes.hpp"

#include <algorithm>

namespace xtt {

Result<ByteSpan> ByteReader::bytes(std::size_t n) {
  if (n > remaining()) {
    return make_error(ErrorCode::kTruncated, "need " + std::to_string(n) + " bytes, " +
                                                 std::to_string(remaining()) + " left");
  }
  ByteSpan out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

Status ByteReader::read_into(MutableByteSpan out) {
  ByteSpan in = XTT_TRY(bytes(out.size()));
  std::copy(in.begin(), in.end(), out.begin());
  return ok();
}

Result<std::uint8_t> ByteReader::u8() {
  ByteSpan b = XTT_TRY(bytes(1));
  return b[0];
}

Result<std::uint16_t> ByteReader::u16() {
  ByteSpan b = XTT_TRY(bytes(2));
  return load_be16(b.data());
}

Result<std::uint32_t> ByteReader::u32() {
  ByteSpan b = XTT_TRY(bytes(4));
  return load_be32(b.data());
}

Result<std::uint64_t> ByteReader::u64() {
  ByteSpan b = XTT_TRY(bytes(8));
  return load_be64(b.data());
}

ByteSpan ByteReader::rest() {
  ByteSpan out = data_.subspan(pos_);
  pos_ = data_.size();
  return out;
}

Status ByteReader::expect_end() const {
  if (remaining() != 0) {
    return make_error(ErrorCode::kTrailingBytes,
                      std::to_string(remaining()) + " unexpected trailing bytes");
  }
  return ok();
}

void ByteWriter::u16(std::uint16_t v) {
  std::uint8_t b[2];
  store_be16(b, v);
  bytes(b);
}

void ByteWriter::u32(std::uint32_t v) {
  std::uint8_t b[4];
  store_be32(b, v);
  bytes(b);
}

void ByteWriter::u64(std::uint64_t v) {
  std::uint8_t b[8];
  store_be64(b, v);
  bytes(b);
}

void ByteWriter::patch_u16(std::size_t at, std::uint16_t v) {
  assert(at + 2 <= buf_.size());
  store_be16(buf_.data() + at, v);
}

Bytes concat(std::initializer_list<ByteSpan> parts) {
  std::size_t total = 0;
  for (ByteSpan p : parts) {
    total += p.size();
  }
  Bytes out;
  out.reserve(total);
  for (ByteSpan p : parts) {
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

}  // namespace xtt
