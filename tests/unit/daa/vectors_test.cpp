#include "daa/vector_check.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace xtt::daa {
namespace {

void expect_clean(const VectorReport& report, std::size_t expected_cases) {
  for (const std::string& f : report.failures) {
    ADD_FAILURE() << f;
  }
  EXPECT_EQ(report.failed, 0u);
  EXPECT_EQ(report.passed, expected_cases);
}

TEST(EcdaaVectors, Set1AllCases) {
  const auto root = test::load_json(test::vectors_dir() / "ecdaa" / "ecdaa_FP256BN_set1.json");
  expect_clean(check_ecdaa_vectors(root, "set1"), 6 + 3 + 29);
}

TEST(EcdaaVectors, Set2AllCases) {
  const auto root = test::load_json(test::vectors_dir() / "ecdaa" / "ecdaa_FP256BN_set2.json");
  expect_clean(check_ecdaa_vectors(root, "set2"), 6 + 3 + 29);
}

}  // namespace
}  // namespace xtt::daa
