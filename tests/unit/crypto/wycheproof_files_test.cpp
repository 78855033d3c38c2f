// tests/vectors/wycheproof/ must hold exactly the data fields of the shared
// Wycheproof files, by the rules of scripts/convert-wycheproof.py: both sides
// are flattened to "path=value" leaves, the source without the dropped keys.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "crypto_test_util.hpp"

namespace xtt::crypto {
namespace {

namespace fs = std::filesystem;

enum class Level { kTop, kGroup, kTest, kInner };

// Mirrors TOP_KEEP, GROUP_DROP and TEST_DROP in the script.
bool kept(Level level, const std::string& key) {
  switch (level) {
    case Level::kTop:
      return key == "algorithm" || key == "numberOfTests" || key == "testGroups";
    case Level::kGroup:
      return key != "source" && key != "publicKeyDer" && key != "publicKeyPem" &&
             key != "publicKeyJwk";
    case Level::kTest:
      return key != "comment" && key != "flags";
    case Level::kInner:
      return true;
  }
  return true;
}

Level child_level(Level level, const std::string& key) {
  if (level == Level::kTop && key == "testGroups") {
    return Level::kGroup;
  }
  if (level == Level::kGroup && key == "tests") {
    return Level::kTest;
  }
  return Level::kInner;
}

void flatten(const json::Value& v, const std::string& path, Level level, bool apply_rules,
             std::vector<std::string>& out) {
  switch (v.kind()) {
    case json::Value::Kind::kObject:
      for (const auto& [key, child] : v.members()) {
        if (!apply_rules || kept(level, key)) {
          flatten(child, path + "." + key, child_level(level, key), apply_rules, out);
        }
      }
      return;
    case json::Value::Kind::kArray:
      // The array's elements sit at the level of their parent key.
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        flatten(v.items()[i], path + "[" + std::to_string(i) + "]", level, apply_rules, out);
      }
      return;
    case json::Value::Kind::kString:
      out.push_back(path + "=\"" + std::string(v.str().value()) + "\"");
      return;
    case json::Value::Kind::kNumber: {
      auto n = v.integer();
      out.push_back(path + "=" + (n ? std::to_string(*n) : std::string("<non-integer>")));
      return;
    }
    case json::Value::Kind::kBool:
      out.push_back(path + "=" + (v.boolean().value() ? "true" : "false"));
      return;
    case json::Value::Kind::kNull:
      out.push_back(path + "=null");
      return;
  }
}

std::vector<std::string> leaves(const json::Value& doc, bool apply_rules) {
  std::vector<std::string> out;
  flatten(doc, "", Level::kTop, apply_rules, out);
  std::sort(out.begin(), out.end());
  return out;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

TEST(WycheproofFiles, MatchTheSharedSource) {
  const fs::path shared = xtt::test::shared_vectors_dir();
  if (shared.empty() || !fs::is_directory(shared / "wycheproof")) {
    GTEST_SKIP() << "no shared Wycheproof folder to compare with";
  }
  const fs::path source = shared / "wycheproof";
  const fs::path ours = xtt::test::vectors_dir() / "wycheproof";
  std::set<std::string> expected = names_in(source);
  std::set<std::string> present = names_in(ours);
  present.erase("README.md");
  EXPECT_EQ(present, expected) << "file lists differ; rerun scripts/convert-wycheproof.py";
  EXPECT_EQ(xtt::test::read_text(ours / "LICENSE"), xtt::test::read_text(source / "LICENSE"));
  int files = 0;
  for (const auto& name : expected) {
    if (name.size() < 5 || name.substr(name.size() - 5) != ".json") {
      continue;
    }
    ++files;
    const auto want = leaves(xtt::test::load_json(source / name), true);
    const auto got = leaves(xtt::test::load_json(ours / name), false);
    EXPECT_GT(want.size(), 0u) << name;
    EXPECT_EQ(got, want) << name << " differs from its source";
  }
  EXPECT_GT(files, 0);
}

// The rules drop what they should: a committed file has no comments or flags.
TEST(WycheproofFiles, HoldNoCommentsOrFlags) {
  const fs::path ours = xtt::test::vectors_dir() / "wycheproof";
  ASSERT_TRUE(fs::is_directory(ours));
  int files = 0;
  for (const auto& name : names_in(ours)) {
    if (name.size() < 5 || name.substr(name.size() - 5) != ".json") {
      continue;
    }
    ++files;
    const std::string text = xtt::test::read_text(ours / name);
    for (const char* key :
         {"\"comment\"", "\"flags\"", "\"notes\"", "\"header\"", "\"publicKeyPem\""}) {
      EXPECT_EQ(text.find(key), std::string::npos) << name << " contains " << key;
    }
  }
  EXPECT_EQ(files, 8);
}

}  // namespace
}  // namespace xtt::crypto
