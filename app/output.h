// Output helpers shared by the subcommands: Russian dates, JSON, the diagnostics of a load.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/date.h"
#include "engine/status.h"
#include "engine/text.h"
#include "workflows/diagnostics.h"

namespace vekha::app {

// 31.03.2022, or "—" for no date.
std::string ShortDate(const std::optional<Date>& date);
// 31.03.2022 (чт)
std::string RussianDate(const Date& date);

// Prints the diagnostics of a load, one per line, to stderr.
void PrintDiagnostics(const Diagnostics& diagnostics);
// Prints «ошибка: …» with the status's message to stderr.
void PrintError(const Status& status);

// JSON for stdout, indented; text that is not UTF-8 (it should never get this far) becomes U+FFFD
// instead of an exception that would abort the command.
template <typename Json>
std::string PrintableJson(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace vekha::app
