// The report's four layouts: JSON for programs, CSV for spreadsheets (UTF-8 with a BOM so Excel
// reads Cyrillic), printable HTML (A4) and XLSX — the last two in the form a department sends:
// title, period, summary first, then activities, late and overdue tasks, indicators reported with
// tasks, the catalogue's targets by year, signatory.
#pragma once

#include <string>

#include "engine/status.h"
#include "reports/report.h"

namespace vekha::reports {

// «Годовая аналитическая информация о реализации дорожных карт» and the like: the document's title.
inline constexpr const char* kReportTitle = "Аналитическая информация о реализации дорожных карт";

// «за период с 01.09.2021 по 31.08.2022».
std::string PeriodText(const Report& report);
// «Охват, %»: an indicator with its unit.
std::string IndicatorLabel(const IndicatorLine& line);
// «да», «нет», or `unknown` when the indicator has no target.
std::string MetText(const IndicatorLine& line, const char* unknown);
// «≥ 75», «≤ 5», «положительная динамика», or «—» without a target.
std::string TargetText(const TargetLine& line);
// «да», «нет» (reported after its deadline), or «» without a value.
std::string OnTimeText(const TargetLine& line);
// A number as Russian text writes it: 46,5, 40, 88,89 (at most two decimals, no trailing zeros).
std::string NumberText(double value);
// «Исполнитель: Иванова И.И., тел. +7 (81556) 3-12-45» (the e-mail without a phone); empty without one.
std::string ExecutorText(const Report& report);
// The column titles of a tally, in the order the layouts lay them out.
const std::vector<std::string>& TallyTitles();

std::string RenderJson(const Report& report);
std::string RenderCsv(const Report& report);
std::string RenderHtml(const Report& report);
// Writes the workbook to `path` (a new file replaces an old one only once complete).
Status WriteXlsx(const Report& report, const std::string& path);

}  // namespace vekha::reports
