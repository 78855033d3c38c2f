#include "wire/expiry.hpp"

#include <algorithm>

namespace xtt::wire {

namespace {

constexpr std::array<std::uint8_t, 8> kNeverExpires = {'9', '9', '9', '9', '1', '2', '3', '1'};

bool is_leap(unsigned year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(unsigned year, unsigned month) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

bool is_valid_date(const Date& date) {
  if (date.year < 1 || date.year > 9999 || date.month < 1 || date.month > 12) {
    return false;
  }
  return date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

Result<std::optional<Date>> parse_expiry(std::span<const std::uint8_t, 8> field) {
  if (std::all_of(field.begin(), field.end(), [](std::uint8_t b) { return b == 0; }) ||
      std::equal(field.begin(), field.end(), kNeverExpires.begin())) {
    return std::optional<Date>{};
  }
  unsigned digits[8];
  for (std::size_t i = 0; i < 8; ++i) {
    XTT_ENSURE(field[i] >= '0' && field[i] <= '9', ErrorCode::kBadEncoding,
               "certificate expiry is not YYYYMMDD digits");
    digits[i] = field[i] - '0';
  }
  Date d;
  d.year =
      static_cast<std::uint16_t>(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]);
  d.month = static_cast<std::uint8_t>(digits[4] * 10 + digits[5]);
  d.day = static_cast<std::uint8_t>(digits[6] * 10 + digits[7]);
  XTT_ENSURE(is_valid_date(d), ErrorCode::kBadEncoding, "certificate expiry is not a valid date");
  return std::optional<Date>{d};
}

Result<std::array<std::uint8_t, 8>> encode_expiry(const std::optional<Date>& expiry) {
  if (!expiry) {
    return kNeverExpires;
  }
  XTT_ENSURE(is_valid_date(*expiry), ErrorCode::kInvalidArgument, "invalid expiry date");
  std::array<std::uint8_t, 8> out{};
  unsigned values[3] = {expiry->year, expiry->month, expiry->day};
  unsigned widths[3] = {4, 2, 2};
  std::size_t pos = 8;
  for (int part = 2; part >= 0; --part) {
    unsigned v = values[part];
    for (unsigned i = 0; i < widths[part]; ++i) {
      out[--pos] = static_cast<std::uint8_t>('0' + v % 10);
      v /= 10;
    }
  }
  return out;
}

bool is_expired(const std::optional<Date>& expiry, const Date& today) {
  return expiry.has_value() && today > *expiry;
}

}  // namespace xtt::wire
