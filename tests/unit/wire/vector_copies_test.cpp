// The project's copies of the shared reference vectors must stay byte-identical
// to /work/shared/vectors (when that folder exists beside the checkout).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "test_support.hpp"

namespace xtt {
namespace {

namespace fs = std::filesystem;

std::set<std::string> file_names(const fs::path& dir) {
  std::set<std::string> out;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file()) {
        out.insert(e.path().filename().string());
      }
    }
  }
  return out;
}

void expect_identical_copies(const std::string& set) {
  const fs::path shared_root = test::shared_vectors_dir();
  if (shared_root.empty()) {
    GTEST_SKIP() << "no shared/vectors beside the checkout";
  }
  const fs::path shared = shared_root / set;
  const fs::path local = test::vectors_dir() / set;
  ASSERT_TRUE(fs::is_directory(shared)) << shared;
  const auto shared_files = file_names(shared);
  const auto local_files = file_names(local);
  ASSERT_FALSE(shared_files.empty()) << shared;
  for (const auto& name : shared_files) {
    SCOPED_TRACE(set + "/" + name);
    ASSERT_TRUE(local_files.count(name)) << "missing copy " << (local / name);
    EXPECT_TRUE(test::read_text(shared / name) == test::read_text(local / name))
        << (local / name) << " differs from " << (shared / name);
  }
  for (const auto& name : local_files) {
    EXPECT_TRUE(shared_files.count(name)) << (local / name) << " has no shared original";
  }
}

TEST(VectorCopies, LibxttTranscriptsMatchShared) { expect_identical_copies("libxtt"); }
TEST(VectorCopies, EcdaaVectorsMatchShared) { expect_identical_copies("ecdaa"); }

}  // namespace
}  // namespace xtt
