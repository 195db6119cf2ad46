#include "engine/period_title.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace vekha {

namespace {

constexpr std::array<const char*, 12> kMonths = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
                                                 "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
constexpr std::array<const char*, 4> kRoman = {"I", "II", "III", "IV"};

bool AllDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

int Number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// "2022" or "2022/23"; empty when `text` is neither.
bool IsCalendarYear(std::string_view text) { return text.size() == 4 && AllDigits(text); }
bool IsAcademicYear(std::string_view text) {
  return text.size() == 7 && AllDigits(text.substr(0, 4)) && text[4] == '/' && AllDigits(text.substr(5));
}

}  // namespace

std::string PeriodTitle(std::string_view key) {
  if (key == "once") return "разовое";
  if (key.starts_with("manual-") && AllDigits(key.substr(7))) return fmt::format("по запросу № {}", key.substr(7));
  if (IsCalendarYear(key)) return fmt::format("{} год", key);
  if (IsAcademicYear(key)) return fmt::format("{} учебный год", key);
  size_t dash = key.rfind('-');
  if (dash == std::string_view::npos) return std::string(key);
  std::string_view year = key.substr(0, dash);
  std::string_view part = key.substr(dash + 1);
  if (IsCalendarYear(year) && part.size() == 2 && AllDigits(part) && Number(part) >= 1 && Number(part) <= 12) {
    return fmt::format("{} {}", kMonths[static_cast<size_t>(Number(part) - 1)], year);
  }
  if (part.size() == 2 && (part[0] == 'Q' || part[0] == 'H') && part[1] >= '1' &&
      part[1] <= (part[0] == 'Q' ? '4' : '2')) {
    const char* ordinal = kRoman[static_cast<size_t>(part[1] - '1')];
    const char* noun = part[0] == 'Q' ? "квартал" : "полугодие";
    if (IsCalendarYear(year)) return fmt::format("{} {} {}", ordinal, noun, year);
    if (IsAcademicYear(year)) return fmt::format("{} {} {} учебного года", ordinal, noun, year);
  }
  return std::string(key);
}

}  // namespace vekha
