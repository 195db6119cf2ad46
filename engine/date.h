// Civil dates for Vekha: a Date is a proleptic Gregorian day (std::chrono::year_month_day).
// Helpers to parse and print ISO dates, walk months and ISO weeks. Pure functions, thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vekha {

using Date = std::chrono::year_month_day;

// A calendar month: year and month number 1..12.
struct YearMonth {
  int year = 0;
  int month = 0;
  auto operator<=>(const YearMonth&) const = default;
};

Date MakeDate(int year, int month, int day);
int YearOf(const Date& date);
int MonthOf(const Date& date);
int DayOf(const Date& date);

// "2022-03-31"; std::nullopt unless the text is exactly a valid ISO date.
std::optional<Date> ParseIsoDate(std::string_view text);
// "2022-03"; std::nullopt unless the text is exactly a valid ISO year-month.
std::optional<YearMonth> ParseYearMonth(std::string_view text);
std::string FormatIsoDate(const Date& date);
// 31.03.2022: how Russian documents write a date.
std::string DottedDate(const Date& date);
// An ISO date, or an empty string for no date (CSV cells).
std::string IsoOrEmpty(const std::optional<Date>& date);
std::string FormatYearMonth(const YearMonth& month);

Date AddDays(const Date& date, int days);
int DaysBetween(const Date& from, const Date& to);  // to - from, in days
// 1 = Monday … 7 = Sunday.
unsigned IsoWeekday(const Date& date);
bool IsWeekend(const Date& date);

int DaysInMonth(int year, int month);
Date FirstDayOfMonth(YearMonth month);
Date LastDayOfMonth(YearMonth month);
// The day `day` of the month, clamped to its last day (the 31st of February is the 28th or 29th).
Date ClampedDayOfMonth(YearMonth month, int day);
YearMonth AddMonths(YearMonth month, int count);
YearMonth YearMonthOf(const Date& date);

// ISO 8601 week: the Monday that starts it, and its week-based year and number.
Date IsoWeekMonday(const Date& date);
struct IsoWeek {
  int year = 0;
  int week = 0;
};
IsoWeek IsoWeekOf(const Date& date);

}  // namespace vekha
