#include "base/json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace xtt {
namespace {

TEST(Json, ParsesNestedDocument) {
  auto v =
      json::parse(R"({"a": [1, -2, 3.5, "x\n\u0041"], "b": {"c": null, "d": true}, "h": "0aff"})");
  ASSERT_TRUE(v.has_value()) << v.error().to_string();
  const auto* a = v->array("a").value();
  ASSERT_EQ(a->size(), 4u);
  EXPECT_EQ((*a)[0].integer().value(), 1);
  EXPECT_EQ((*a)[1].integer().value(), -2);
  EXPECT_FALSE((*a)[2].integer().has_value());
  EXPECT_EQ((*a)[3].str().value(), "x\nA");
  EXPECT_TRUE(v->at("b").value()->at("c").value()->is_null());
  EXPECT_TRUE(v->at("b").value()->at("d").value()->boolean().value());
  EXPECT_EQ(v->hex("h").value(), (Bytes{0x0a, 0xff}));
  EXPECT_FALSE(v->at("missing").has_value());
  EXPECT_FALSE(v->str("a").has_value());
}

TEST(Json, RejectsMalformed) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "1 2", "{\"a\":1,}",
                          "\"\\x\"", "-", "[\"\x01\"]"}) {
    EXPECT_FALSE(json::parse(bad).has_value()) << bad;
  }
}

TEST(Json, BoundsNesting) {
  std::string deep(100000, '[');
  auto v = json::parse(deep);
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::kBadEncoding);
}

}  // namespace
}  // namespace xtt
