// Output helpers shared by the listing subcommands: CSV quoting, Russian dates, shortening.
#pragma once

#include <optional>
#include <string>

#include "engine/date.h"

namespace vekha::app {

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string CsvField(const std::string& value);
// 31.03.2022, or "—" for no date.
std::string ShortDate(const std::optional<Date>& date);
// 31.03.2022 (чт)
std::string RussianDate(const Date& date);
// At most `limit` characters, ending in "…" when cut.
std::string Shorten(const std::string& text, size_t limit);
// An ISO date or an empty string, for CSV.
std::string IsoOrEmpty(const std::optional<Date>& date);

}  // namespace vekha::app
