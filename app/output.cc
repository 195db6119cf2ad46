#include "app/output.h"

#include <fmt/format.h>

#include <iostream>

#include "engine/text.h"

namespace vekha::app {

std::string ShortDate(const std::optional<Date>& date) { return date ? DottedDate(*date) : "—"; }

std::string RussianDate(const Date& date) {
  static constexpr const char* kWeekdays[] = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};
  return fmt::format("{} ({})", ShortDate(date), kWeekdays[IsoWeekday(date) - 1]);
}

void PrintDiagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics.entries()) std::cerr << FormatDiagnostic(diagnostic) << '\n';
}

void PrintError(const Status& status) { std::cerr << "ошибка: " << status.message() << '\n'; }

}  // namespace vekha::app
