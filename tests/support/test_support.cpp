#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/hex.hpp"

namespace xtt::test {

std::filesystem::path vectors_dir() {
  return std::filesystem::path(XTT_SOURCE_DIR) / "tests" / "vectors";
}

std::filesystem::path shared_vectors_dir() {
  auto p = std::filesystem::path(XTT_SOURCE_DIR).parent_path() / "shared" / "vectors";
  return std::filesystem::is_directory(p) ? p : std::filesystem::path();
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json::Value load_json(const std::filesystem::path& path) {
  auto parsed = json::parse(read_text(path));
  if (!parsed) {
    ADD_FAILURE() << path << ": " << parsed.error().to_string();
    return {};
  }
  return std::move(parsed).value();
}

Bytes unhex(std::string_view hex) {
  auto b = from_hex(hex);
  if (!b) {
    ADD_FAILURE() << "bad hex literal in test";
    return {};
  }
  return std::move(b).value();
}

}  // namespace xtt::test
