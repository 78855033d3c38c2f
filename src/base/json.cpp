#include "base/json.hpp"

#include <cstdlib>

#include "base/hex.hpp"

namespace xtt::json {

namespace {
constexpr int kMaxDepth = 64;

Error decode_error(std::string what) {
  return make_error(ErrorCode::kBadEncoding, "json: " + what);
}
}  // namespace

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<Value> document() {
    Value v = XTT_TRY(value(0));
    skip_ws();
    if (pos_ != s_.size()) {
      return decode_error("trailing characters");
    }
    return v;
  }

 private:
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool consume(std::string_view word) {
    if (s_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  Result<Value> value(int depth) {
    if (depth > kMaxDepth) {
      return decode_error("nested too deeply");
    }
    skip_ws();
    if (pos_ >= s_.size()) {
      return decode_error("unexpected end");
    }
    Value v;
    const char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind_ = Value::Kind::kObject;
      skip_ws();
      if (consume("}")) {
        return v;
      }
      while (true) {
        skip_ws();
        std::string key = XTT_TRY(string());
        skip_ws();
        if (!consume(":")) {
          return decode_error("expected ':'");
        }
        Value member = XTT_TRY(value(depth + 1));
        v.members_.emplace_back(std::move(key), std::move(member));
        skip_ws();
        if (consume("}")) {
          return v;
        }
        if (!consume(",")) {
          return decode_error("expected ',' or '}'");
        }
      }
    }
    if (c == '[') {
      ++pos_;
      v.kind_ = Value::Kind::kArray;
      skip_ws();
      if (consume("]")) {
        return v;
      }
      while (true) {
        Value item = XTT_TRY(value(depth + 1));
        v.items_.push_back(std::move(item));
        skip_ws();
        if (consume("]")) {
          return v;
        }
        if (!consume(",")) {
          return decode_error("expected ',' or ']'");
        }
      }
    }
    if (c == '"') {
      v.kind_ = Value::Kind::kString;
      v.string_ = XTT_TRY(string());
      return v;
    }
    if (consume("true")) {
      v.kind_ = Value::Kind::kBool;
      v.bool_ = true;
      return v;
    }
    if (consume("false")) {
      v.kind_ = Value::Kind::kBool;
      return v;
    }
    if (consume("null")) {
      return v;
    }
    return number();
  }

  Result<Value> number() {
    const std::size_t start = pos_;
    bool integral = true;
    if (pos_ < s_.size() && s_[pos_] == '-') {
      ++pos_;
    }
    std::size_t digits = 0;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c >= '0' && c <= '9') {
        ++digits;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        integral = false;
      } else {
        break;
      }
      ++pos_;
    }
    if (digits == 0 || pos_ - start > 64) {
      return decode_error("bad number");
    }
    const std::string text(s_.substr(start, pos_ - start));
    Value v;
    v.kind_ = Value::Kind::kNumber;
    char* end = nullptr;
    v.number_ = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
      return decode_error("bad number");
    }
    if (integral && digits <= 18) {
      v.integral_ = true;
      v.int_ = std::strtoll(text.c_str(), nullptr, 10);
    }
    return v;
  }

  Result<std::string> string() {
    if (!consume("\"")) {
      return decode_error("expected a string");
    }
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) {
        return decode_error("unterminated string");
      }
      const char c = s_[pos_++];
      if (c == '"') {
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return decode_error("control character in string");
      }
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) {
        return decode_error("unterminated escape");
      }
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          if (pos_ + 4 > s_.size()) {
            return decode_error("short \\u escape");
          }
          unsigned code = 0;
          for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            code <<= 4;
            if (h >= '0' && h <= '9') {
              code |= static_cast<unsigned>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
              code |= static_cast<unsigned>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
              code |= static_cast<unsigned>(h - 'A' + 10);
            } else {
              return decode_error("bad \\u escape");
            }
          }
          // UTF-8 encode the BMP code point (surrogates kept as-is: vectors
          // never need them).
          if (code < 0x80) {
            out.push_back(static_cast<char>(code));
          } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xc0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
          } else {
            out.push_back(static_cast<char>(0xe0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
          }
          break;
        }
        default:
          return decode_error("bad escape");
      }
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

Result<Value> parse(std::string_view text) { return Parser(text).document(); }

Result<std::string_view> Value::str() const {
  if (kind_ != Kind::kString) {
    return decode_error("expected a string");
  }
  return std::string_view(string_);
}

Result<std::int64_t> Value::integer() const {
  if (kind_ != Kind::kNumber || !integral_) {
    return decode_error("expected an integer");
  }
  return int_;
}

Result<bool> Value::boolean() const {
  if (kind_ != Kind::kBool) {
    return decode_error("expected a boolean");
  }
  return bool_;
}

Result<Bytes> Value::hex() const {
  std::string_view s = XTT_TRY(str());
  return from_hex(s);
}

const Value* Value::find(std::string_view key) const {
  if (kind_ != Kind::kObject) {
    return nullptr;
  }
  for (const auto& [k, v] : members_) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

Result<const Value*> Value::at(std::string_view key) const {
  const Value* v = find(key);
  if (v == nullptr) {
    return decode_error("missing key '" + std::string(key) + "'");
  }
  return v;
}

Result<std::string_view> Value::str(std::string_view key) const {
  const Value* v = XTT_TRY(at(key));
  return v->str();
}

Result<std::int64_t> Value::integer(std::string_view key) const {
  const Value* v = XTT_TRY(at(key));
  return v->integer();
}

Result<Bytes> Value::hex(std::string_view key) const {
  const Value* v = XTT_TRY(at(key));
  return v->hex();
}

Result<const std::vector<Value>*> Value::array(std::string_view key) const {
  const Value* v = XTT_TRY(at(key));
  if (!v->is_array()) {
    return decode_error("'" + std::string(key) + "' is not an array");
  }
  return &v->items_;
}

}  // namespace xtt::json
