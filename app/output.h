// Output helpers shared by the listing subcommands: CSV quoting, Russian dates, shortening.
#pragma once

#include <optional>
#include <string>

#include "engine/date.h"
#include "engine/text.h"

namespace vekha::app {

// 31.03.2022, or "—" for no date.
std::string ShortDate(const std::optional<Date>& date);
// 31.03.2022 (чт)
std::string RussianDate(const Date& date);

}  // namespace vekha::app
