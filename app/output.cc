#include "app/output.h"

#include <fmt/format.h>

#include "engine/text.h"

namespace vekha::app {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string ShortDate(const std::optional<Date>& date) {
  return date ? fmt::format("{:02}.{:02}.{}", DayOf(*date), MonthOf(*date), YearOf(*date)) : "—";
}

std::string RussianDate(const Date& date) {
  static constexpr const char* kWeekdays[] = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};
  return fmt::format("{} ({})", ShortDate(date), kWeekdays[IsoWeekday(date) - 1]);
}

std::string Shorten(const std::string& text, size_t limit) {
  std::u32string decoded = DecodeUtf8(text);
  if (decoded.size() <= limit) return text;
  return EncodeUtf8(decoded.substr(0, limit - 1)) + "…";
}

std::string IsoOrEmpty(const std::optional<Date>& date) { return date ? FormatIsoDate(*date) : std::string(); }

}  // namespace vekha::app
