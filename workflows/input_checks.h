// Checks of what people type into the lifecycle commands (CLI, pages, API alike), each refusing
// with the reason: dates far from today (a slip in the year) and text that is not UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/date.h"
#include "engine/status.h"

namespace vekha {

// A date typed by hand further than this from today is taken for a slip in the year (0202 for
// 2022, 2202 for 2022) and refused before it makes a task overdue for centuries.
inline constexpr int kYearsWithinReach = 5;

// Refuses `day` when it is more than kYearsWithinReach years from `today`; `what` names the input.
Status WithinReach(const Date& day, const Date& today, std::string_view what);

// A number as people write it: "12,5" or "12.5" → 12.5; nullopt for anything else (and for
// infinities and NaN, which no indicator takes).
std::optional<double> ParseDecimal(std::string text);

// A year as typed: only digits, "2023" → 2023; nullopt for anything else ("", "20x", "2023 ").
std::optional<int> ParseYear(std::string_view text);

// A number as Russian text writes it: 12.5 → "12,5", 7 → "7".
std::string DecimalText(double value);

// Text people type (comments, reasons, notes) goes into the audit log and every answer as UTF-8:
// bytes from another encoding are refused with the place they start, not stored.
Status RequireUtf8(std::string_view text, std::string_view what);

}  // namespace vekha
