#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>

#include "base/result.hpp"

namespace xtt::wire {

// A calendar date as carried in the certificate's reserved field (§3.7).
struct Date {
  std::uint16_t year = 0;
  std::uint8_t month = 0;
  std::uint8_t day = 0;

  friend auto operator<=>(const Date&, const Date&) = default;
};

// Gregorian calendar, years 0001-9999.
bool is_valid_date(const Date& date);

// Reads the 8-byte ASCII YYYYMMDD expiry. "99991231" and eight zero bytes mean
// "never expires" (nullopt); anything else must be a valid date, otherwise
// kBadEncoding. libxtt never reads this field, so certificate decoding stays
// lenient and only callers that enforce expiry parse it.
Result<std::optional<Date>> parse_expiry(std::span<const std::uint8_t, 8> field);
// The inverse: nullopt becomes "99991231". kInvalidArgument for an invalid date.
Result<std::array<std::uint8_t, 8>> encode_expiry(const std::optional<Date>& expiry);
// True once today is past the expiry day; never for nullopt.
bool is_expired(const std::optional<Date>& expiry, const Date& today);

}  // namespace xtt::wire
