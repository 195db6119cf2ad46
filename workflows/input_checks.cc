#include "workflows/input_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "engine/text.h"

namespace vekha {

Status WithinReach(const Date& day, const Date& today, std::string_view what) {
  if (std::abs(DaysBetween(today, day)) <= kYearsWithinReach * 366) return Status::Ok();
  return Status::Error(fmt::format("{} {} дальше {} лет от сегодняшнего дня ({}): проверьте год", what,
                                   FormatIsoDate(day), kYearsWithinReach, FormatIsoDate(today)));
}

std::optional<int> ParseYear(std::string_view text) {
  int year = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return year;
}

std::optional<double> ParseDecimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text.find_first_not_of("+-0123456789.eE") != std::string::npos) return std::nullopt;
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::string DecimalText(double value) {
  std::string text = fmt::format("{}", value);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

Status RequireUtf8(std::string_view text, std::string_view what) {
  size_t bad = FirstInvalidUtf8(text);
  if (bad == std::string_view::npos) return Status::Ok();
  return Status::Error(fmt::format("{} — не текст в UTF-8 (байт {} из {}); наберите его заново или сохраните в UTF-8",
                                   what, bad + 1, text.size()));
}

}  // namespace vekha
