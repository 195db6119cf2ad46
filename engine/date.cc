#include "engine/date.h"

#include <fmt/format.h>

#include <charconv>

namespace vekha {

namespace chr = std::chrono;

Date MakeDate(int year, int month, int day) {
  return Date{chr::year{year}, chr::month{static_cast<unsigned>(month)}, chr::day{static_cast<unsigned>(day)}};
}
int YearOf(const Date& date) { return static_cast<int>(date.year()); }
int MonthOf(const Date& date) { return static_cast<int>(static_cast<unsigned>(date.month())); }
int DayOf(const Date& date) { return static_cast<int>(static_cast<unsigned>(date.day())); }

namespace {

std::optional<int> ParseDigits(std::string_view text) {
  int value = 0;
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = ParseDigits(text.substr(0, 4));
  auto month = ParseDigits(text.substr(5, 2));
  auto day = ParseDigits(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  Date date = MakeDate(*year, *month, *day);
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<YearMonth> ParseYearMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto year = ParseDigits(text.substr(0, 4));
  auto month = ParseDigits(text.substr(5, 2));
  if (!year || !month || *month < 1 || *month > 12) return std::nullopt;
  return YearMonth{*year, *month};
}

std::string FormatIsoDate(const Date& date) {
  // By hand: tasks carry three dates each and a sync formats millions of them.
  int year = YearOf(date);
  int month = MonthOf(date);
  int day = DayOf(date);
  if (year < 0 || year > 9999) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  std::string text = "0000-00-00";
  for (int i = 3; i >= 0; --i, year /= 10) text[static_cast<size_t>(i)] = static_cast<char>('0' + year % 10);
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[8] = static_cast<char>('0' + day / 10);
  text[9] = static_cast<char>('0' + day % 10);
  return text;
}

std::string DottedDate(const Date& date) {
  return fmt::format("{:02}.{:02}.{:04}", DayOf(date), MonthOf(date), YearOf(date));
}

std::string IsoOrEmpty(const std::optional<Date>& date) { return date ? FormatIsoDate(*date) : std::string(); }

std::string FormatYearMonth(const YearMonth& month) { return fmt::format("{:04}-{:02}", month.year, month.month); }

Date AddDays(const Date& date, int days) { return Date{chr::sys_days{date} + chr::days{days}}; }

int DaysBetween(const Date& from, const Date& to) {
  return static_cast<int>((chr::sys_days{to} - chr::sys_days{from}).count());
}

unsigned IsoWeekday(const Date& date) { return chr::weekday{chr::sys_days{date}}.iso_encoding(); }

bool IsWeekend(const Date& date) { return IsoWeekday(date) >= 6; }

int DaysInMonth(int year, int month) {
  return DayOf(
      Date{chr::year_month_day_last{chr::year{year}, chr::month_day_last{chr::month{static_cast<unsigned>(month)}}}});
}

Date FirstDayOfMonth(YearMonth month) { return MakeDate(month.year, month.month, 1); }

Date LastDayOfMonth(YearMonth month) { return MakeDate(month.year, month.month, DaysInMonth(month.year, month.month)); }

Date ClampedDayOfMonth(YearMonth month, int day) {
  int last = DaysInMonth(month.year, month.month);
  return MakeDate(month.year, month.month, day < last ? day : last);
}

YearMonth AddMonths(YearMonth month, int count) {
  int index = month.year * 12 + (month.month - 1) + count;
  int year = index >= 0 ? index / 12 : (index - 11) / 12;
  return YearMonth{year, index - year * 12 + 1};
}

YearMonth YearMonthOf(const Date& date) { return YearMonth{YearOf(date), MonthOf(date)}; }

Date IsoWeekMonday(const Date& date) { return AddDays(date, -static_cast<int>(IsoWeekday(date) - 1)); }

IsoWeek IsoWeekOf(const Date& date) {
  // The ISO week-based year is the year of the week's Thursday.
  Date thursday = AddDays(IsoWeekMonday(date), 3);
  int year = YearOf(thursday);
  int day_of_year = DaysBetween(MakeDate(year, 1, 1), thursday);
  return IsoWeek{year, day_of_year / 7 + 1};
}

}  // namespace vekha
