#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"

namespace xtt::json {

// A small strict JSON reader for test vectors and transcripts (the project's
// only JSON input). Depth and size are bounded, so hostile input cannot
// exhaust the stack or memory beyond the input's own size.
class Value {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Value() = default;
  static Value null() { return Value(); }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_bool() const { return kind_ == Kind::kBool; }

  // Typed access: a wrong kind or a missing key is an Error, never a crash.
  Result<std::string_view> str() const;
  Result<std::int64_t> integer() const;
  Result<bool> boolean() const;
  Result<Bytes> hex() const;  // a string of hex digits
  Result<const Value*> at(std::string_view key) const;
  const Value* find(std::string_view key) const;              // nullptr if absent
  const std::vector<Value>& items() const { return items_; }  // array elements
  const std::vector<std::pair<std::string, Value>>& members() const { return members_; }

  // Shorthands for the common "object field of kind X".
  Result<std::string_view> str(std::string_view key) const;
  Result<std::int64_t> integer(std::string_view key) const;
  Result<Bytes> hex(std::string_view key) const;
  Result<const std::vector<Value>*> array(std::string_view key) const;

 private:
  friend class Parser;
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  bool integral_ = false;
  std::int64_t int_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string, Value>> members_;
};

Result<Value> parse(std::string_view text);

}  // namespace xtt::json
