#include "base/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace xtt {
namespace {

Result<int> parse_digit(char c) {
  XTT_ENSURE(c >= '0' && c <= '9', ErrorCode::kBadEncoding, "not a digit");
  return c - '0';
}

Result<int> sum_digits(const std::string& s) {
  int total = 0;
  for (char c : s) {
    total += XTT_TRY(parse_digit(c));
  }
  return total;
}

Status check_even(int v) {
  XTT_ENSURE(v % 2 == 0, ErrorCode::kInvalidArgument, "odd");
  return ok();
}

Status sum_is_even(const std::string& s) {
  const int total = XTT_TRY(sum_digits(s));
  XTT_TRY(check_even(total));
  return ok();
}

Result<std::unique_ptr<int>> make_boxed(int v) { return std::make_unique<int>(v); }

Result<int> unbox(int v) {
  std::unique_ptr<int> p = XTT_TRY(make_boxed(v));
  return *p;
}

TEST(Result, PropagatesValuesAndErrors) {
  EXPECT_EQ(sum_digits("123").value(), 6);
  auto bad = sum_digits("1x3");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kBadEncoding);
  EXPECT_EQ(bad.error().group(), ErrorGroup::kDecode);
  EXPECT_TRUE(sum_is_even("11").has_value());
  EXPECT_EQ(sum_is_even("12").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(sum_is_even("a").error().code, ErrorCode::kBadEncoding);
}

TEST(Result, MoveOnlyValues) { EXPECT_EQ(unbox(7).value(), 7); }

TEST(Error, ToStringNamesGroupAndCode) {
  EXPECT_EQ(make_error(ErrorCode::kTruncated, "short").to_string(), "decode/truncated: short");
  EXPECT_EQ(make_error(ErrorCode::kBadTag).to_string(), "crypto/bad-tag");
  EXPECT_EQ(group_of(ErrorCode::kStorageFailure), ErrorGroup::kStorage);
  EXPECT_EQ(group_of(ErrorCode::kTimeout), ErrorGroup::kIo);
  EXPECT_EQ(group_of(ErrorCode::kBadState), ErrorGroup::kUsage);
  EXPECT_EQ(group_of(ErrorCode::kUnexpectedMessage), ErrorGroup::kProtocol);
}

}  // namespace
}  // namespace xtt
