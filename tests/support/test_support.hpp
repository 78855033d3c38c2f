#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/bytes.hpp"
#include "base/json.hpp"
#include "base/result.hpp"

namespace xtt::test {

// The project's tests/vectors/ folder (absolute).
std::filesystem::path vectors_dir();
// ../shared/vectors beside the checkout, or an empty path when absent.
std::filesystem::path shared_vectors_dir();
// Whole file contents; fails the calling test (ADD_FAILURE) and returns empty
// when missing, so a missing vector file never passes silently.
std::string read_text(const std::filesystem::path& path);
// Parses a JSON vector file; ADD_FAILURE on error.
json::Value load_json(const std::filesystem::path& path);
// Hex literal to bytes (test code only: aborts the test on bad hex).
Bytes unhex(std::string_view hex);

// The value of a Result the test cannot go on without: a failure is reported
// and the test binary stops (many values have no empty state to go on with).
template <typename T>
T must(Result<T> r, std::string_view what = {}) {
  if (!r) {
    ADD_FAILURE() << what << ": " << r.error().to_string();
    std::abort();
  }
  return std::move(r).value();
}

}  // namespace xtt::test
