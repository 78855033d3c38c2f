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

std::string set1_text() {
  return xtt::test::read_text(test::vectors_dir() / "ecdaa" / "ecdaa_FP256BN_set1.json");
}

std::string replace_first(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST(EcdaaVectors, TextEntryPointMatchesParsedOne) {
  const VectorReport report = check_ecdaa_vectors_text(set1_text(), "set1");
  EXPECT_EQ(report.failed, 0u);
  EXPECT_EQ(report.passed, 6u + 3u + 29u);
}

TEST(EcdaaVectors, BadJsonIsOneFailure) {
  const VectorReport report = check_ecdaa_vectors_text("{not json", "broken");
  EXPECT_EQ(report.passed, 0u);
  ASSERT_EQ(report.failed, 1u);
  EXPECT_EQ(report.failures[0].rfind("broken: json: ", 0), 0u) << report.failures[0];
  const VectorReport empty = check_ecdaa_vectors_text("{}", "empty");
  EXPECT_EQ(empty.failed, 1u);
}

// The checker must notice when our answer and the file disagree.
TEST(EcdaaVectors, DisagreementsAreReported) {
  // A valid signature marked invalid.
  VectorReport r = check_ecdaa_vectors_text(
      replace_first(set1_text(), "\"expected_valid\": true", "\"expected_valid\": false"), "s");
  EXPECT_EQ(r.failed, 1u);
  // A different member key: reproduction of each of the 12 valid
  // signatures, the member key check and the key reproduction disagree.
  r = check_ecdaa_vectors_text(
      replace_first(set1_text(), "\"member_secret_key\": \"3846", "\"member_secret_key\": \"3746"),
      "s");
  EXPECT_EQ(r.failed, 1u + 1u + 12u);
  // A verify_result that claims a tampered signature verified.
  r = check_ecdaa_vectors_text(
      replace_first(set1_text(), "\"verify_result\": -1", "\"verify_result\": 0"), "s");
  EXPECT_EQ(r.failed, 1u);
}

}  // namespace
}  // namespace xtt::daa
