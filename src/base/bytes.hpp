#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/result.hpp"

namespace xtt {

using Bytes = std::vector<std::uint8_t>;
using ByteSpan = std::span<const std::uint8_t>;
using MutableByteSpan = std::span<std::uint8_t>;

// Reads big-endian integers and fixed-size fields from untrusted bytes. Every
// read checks the bounds first; a failed read leaves the position unchanged.
class ByteReader {
 public:
  explicit ByteReader(ByteSpan data) : data_(data) {}

  std::size_t remaining() const { return data_.size() - pos_; }
  std::size_t position() const { return pos_; }
  bool empty() const { return remaining() == 0; }

  Result<std::uint8_t> u8();
  Result<std::uint16_t> u16();
  Result<std::uint32_t> u32();
  Result<std::uint64_t> u64();

  // The next n bytes as a view into the input.
  Result<ByteSpan> bytes(std::size_t n);
  // Fills out exactly.
  Status read_into(MutableByteSpan out);

  template <std::size_t N>
  Result<std::array<std::uint8_t, N>> array() {
    std::array<std::uint8_t, N> out{};
    XTT_TRY(read_into(out));
    return out;
  }

  // A body preceded by a big-endian length of LenBytes bytes.
  template <std::size_t LenBytes>
  Result<ByteSpan> prefixed() {
    static_assert(LenBytes == 1 || LenBytes == 2 || LenBytes == 4);
    std::size_t len = 0;
    if constexpr (LenBytes == 1) {
      len = XTT_TRY(u8());
    } else if constexpr (LenBytes == 2) {
      len = XTT_TRY(u16());
    } else {
      len = XTT_TRY(u32());
    }
    if (len > remaining()) {
      pos_ -= LenBytes;
      return make_error(ErrorCode::kTruncated, "length prefix past the end");
    }
    return bytes(len);
  }

  // Everything left, consuming it.
  ByteSpan rest();
  // Fails with kTrailingBytes unless every byte was read.
  Status expect_end() const;

 private:
  ByteSpan data_;
  std::size_t pos_ = 0;
};

// Appends big-endian integers and fields to a growing buffer. Length prefixes
// are written after the body (picotls' ptls_buffer_push_block), so no caller
// computes a length by hand.
class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(std::size_t reserve) { buf_.reserve(reserve); }

  void u8(std::uint8_t v) { buf_.push_back(v); }
  void u16(std::uint16_t v);
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void bytes(ByteSpan data) { buf_.insert(buf_.end(), data.begin(), data.end()); }
  void zeros(std::size_t n) { buf_.insert(buf_.end(), n, 0); }

  // Writes a LenBytes-byte length, runs body, then patches the length. Fails
  // if the body does not fit the prefix.
  template <std::size_t LenBytes, typename Body>
  Status block(Body&& body) {
    static_assert(LenBytes == 1 || LenBytes == 2 || LenBytes == 4);
    const std::size_t at = buf_.size();
    zeros(LenBytes);
    body();
    const std::size_t len = buf_.size() - at - LenBytes;
    if (LenBytes < 8 && len >> (8 * LenBytes) != 0) {
      buf_.resize(at);
      return make_error(ErrorCode::kTooLarge, "block too long for its length prefix");
    }
    for (std::size_t i = 0; i < LenBytes; ++i) {
      buf_[at + i] = static_cast<std::uint8_t>(len >> (8 * (LenBytes - 1 - i)));
    }
    return ok();
  }

  std::size_t size() const { return buf_.size(); }
  ByteSpan view() const { return buf_; }
  // Overwrites a big-endian u16 written earlier (a message's total length).
  void patch_u16(std::size_t at, std::uint16_t v);
  Bytes take() && { return std::move(buf_); }

 private:
  Bytes buf_;
};

// Big-endian helpers for fixed buffers.
inline void store_be16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}
inline void store_be32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
  }
}
inline void store_be64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    p[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
  }
}
inline std::uint16_t load_be16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}
inline std::uint64_t load_be64(const std::uint8_t* p) {
  return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
}

// Concatenation for building hash inputs.
Bytes concat(std::initializer_list<ByteSpan> parts);

}  // namespace xtt
