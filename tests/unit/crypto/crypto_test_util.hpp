#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.hpp"
#include "base/json.hpp"
#include "test_support.hpp"

namespace xtt::crypto::test {

inline ByteSpan ascii(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

template <std::size_t N>
std::span<const std::uint8_t, N> fixed(const Bytes& b) {
  EXPECT_EQ(b.size(), N);
  return std::span<const std::uint8_t, N>(b.data(), N);
}

// The value of a Result in a test; a failure is reported and T{} returned.
template <typename T>
T must(Result<T> r, std::string_view what = {}) {
  if (!r) {
    ADD_FAILURE() << what << ": " << r.error().to_string();
    return T{};
  }
  return std::move(r).value();
}

// Field helpers for vector files: a missing or malformed field fails the test.
inline Bytes hex_field(const json::Value& v, std::string_view key) { return must(v.hex(key), key); }
inline std::string str_field(const json::Value& v, std::string_view key) {
  return std::string(must(v.str(key), key));
}
inline std::int64_t int_field(const json::Value& v, std::string_view key) {
  return must(v.integer(key), key);
}
inline const std::vector<json::Value>& array_field(const json::Value& v, std::string_view key) {
  static const std::vector<json::Value> kEmpty;
  auto a = v.array(key);
  if (!a) {
    ADD_FAILURE() << key << ": " << a.error().to_string();
    return kEmpty;
  }
  return *a.value();
}

// A file from tests/vectors/libxtt, else from the shared copy; empty if absent.
inline std::filesystem::path libxtt_file(const std::string& name) {
  auto local = xtt::test::vectors_dir() / "libxtt" / name;
  if (std::filesystem::exists(local)) {
    return local;
  }
  auto shared = xtt::test::shared_vectors_dir();
  if (!shared.empty() && std::filesystem::exists(shared / "libxtt" / name)) {
    return shared / "libxtt" / name;
  }
  return {};
}

// The libxtt transcripts that are available: (suite name, document).
std::vector<std::pair<std::string, json::Value>> libxtt_transcripts();

}  // namespace xtt::crypto::test
