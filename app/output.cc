#include "app/output.h"

#include <fmt/format.h>

#include "engine/text.h"

namespace vekha::app {

std::string ShortDate(const std::optional<Date>& date) { return date ? DottedDate(*date) : "—"; }

std::string RussianDate(const Date& date) {
  static constexpr const char* kWeekdays[] = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};
  return fmt::format("{} ({})", ShortDate(date), kWeekdays[IsoWeekday(date) - 1]);
}

}  // namespace vekha::app
