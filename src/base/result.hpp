#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace xtt {

// A value or an Error, like std::expected (which g++ 12 lacks). The core never
// throws; every fallible function returns one of these.
template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(T value)
      : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error)
      : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!has_value());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() = default;
  Result(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const { assert(ok_); }

  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status ok() { return {}; }

}  // namespace xtt

// XTT_TRY(expr): evaluates a Result; on error returns the Error from the
// enclosing function, otherwise yields the value (a GNU statement expression,
// supported by g++ and clang).
#define XTT_TRY(expr)                            \
  ({                                             \
    auto&& xtt_try_result_ = (expr);             \
    if (!xtt_try_result_.has_value()) {          \
      return std::move(xtt_try_result_).error(); \
    }                                            \
    std::move(xtt_try_result_).value();          \
  })

// XTT_ENSURE(cond, code, detail): returns make_error(code, detail) unless cond.
#define XTT_ENSURE(cond, code, detail)            \
  do {                                            \
    if (!(cond)) {                                \
      return ::xtt::make_error((code), (detail)); \
    }                                             \
  } while (0)
