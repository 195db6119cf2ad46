// The report as one printable HTML document (A4, the layout of a department's letter): title,
// period, summary, each roadmap's activities, late and overdue tasks, indicators, the catalogue's
// targets by year, signatory.
// Self-contained: the print CSS is inline, nothing is fetched.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "engine/period_title.h"
#include "engine/russian_count.h"
#include "engine/text.h"
#include "reports/render.h"
#include "reports/report_charts.h"

namespace vekha::reports {

namespace {

constexpr const char* kStyle = R"(
@page { size: A4 portrait; margin: 15mm 12mm 15mm 20mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 178mm; }
header { text-align: center; margin-bottom: 8mm; }
header p { margin: 1mm 0; }
h1 { font-size: 14pt; margin: 4mm 0 2mm; }
h2 { font-size: 12pt; margin: 7mm 0 2mm; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; page-break-after: avoid; }
.source { font-style: italic; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; table-layout: fixed; }
col.n { width: 12mm; }
col.d { width: 19mm; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; text-align: center; font-size: 7pt; padding: 1mm 0.5mm; }
td.n { text-align: right; white-space: nowrap; }
td { overflow-wrap: break-word; hyphens: auto; }
td .who { font-size: 8pt; margin-top: 0.5mm; }
table.violations col.title { width: 60mm; }
table.violations td { font-size: 8.5pt; }
span.overdue { color: #8a0000; }
tr.total td { font-weight: bold; }
tr.late td { background: #fff2cc; }
tr.overdue td { background: #f8cbad; }
.signature { margin-top: 14mm; display: flex; justify-content: space-between; page-break-inside: avoid; }
.executor { margin-top: 10mm; font-size: 9pt; }
.signature .line { display: inline-block; width: 45mm; border-bottom: 0.5pt solid #000; margin: 0 4mm; }
@media screen { body { padding: 10mm; } }
)";

std::string Cell(const std::string& text) { return "<td>" + EscapeHtml(text) + "</td>"; }
std::string NumberCell(const std::string& text) { return "<td class=\"n\">" + EscapeHtml(text) + "</td>"; }

std::string HeaderRow(const std::vector<std::string>& titles, const std::vector<std::string>& markup_titles = {}) {
  std::string row = "<thead><tr>";
  for (const std::string& title : titles) row += "<th>" + EscapeHtml(title) + "</th>";
  for (const std::string& title : markup_titles) row += "<th>" + title + "</th>";
  return row + "</tr></thead>";
}

// A printed page has no room for the spreadsheets' long column titles.
const std::vector<std::string>& ShortTallyTitles() {
  static const std::vector<std::string> kTitles = {"Всего",
                                                   "В срок",
                                                   "С опозда&shy;нием",
                                                   "Прос&shy;рочено",
                                                   "Снято",
                                                   "В работе",
                                                   "В срок, %",
                                                   "Задержка сред&shy;няя, р.&nbsp;д.",
                                                   "Задержка наи&shy;большая, р.&nbsp;д."};
  return kTitles;
}

// Column widths: the text columns share what the numbers leave.
std::string Columns(int text_columns, int number_columns, int date_columns = 0) {
  std::string columns = "<colgroup>";
  for (int i = 0; i < text_columns; ++i) columns += "<col>";
  for (int i = 0; i < date_columns; ++i) columns += "<col class=\"d\">";
  for (int i = 0; i < number_columns; ++i) columns += "<col class=\"n\">";
  return columns + "</colgroup>";
}

std::string TallyCells(const Tally& tally) {
  std::optional<double> rate = tally.OnTimeRate();
  return NumberCell(std::to_string(tally.total())) + NumberCell(std::to_string(tally.on_time)) +
         NumberCell(std::to_string(tally.late)) + NumberCell(std::to_string(tally.overdue)) +
         NumberCell(std::to_string(tally.waived)) + NumberCell(std::to_string(tally.open)) +
         NumberCell(rate ? NumberText(*rate * 100) : "—") + NumberCell(NumberText(tally.AverageDelay())) +
         NumberCell(std::to_string(tally.worst_delay_days));
}

// An activity's row: what was due, how it went, the on-time share; waived, open and the delays
// are the summary's.
const std::vector<std::string>& CompactTallyTitles() {
  static const std::vector<std::string> kTitles = {"Всего", "В срок", "С опозда&shy;нием", "Прос&shy;рочено",
                                                   "В срок, %"};
  return kTitles;
}

std::string CompactTallyCells(const Tally& tally) {
  std::optional<double> rate = tally.OnTimeRate();
  return NumberCell(std::to_string(tally.total())) + NumberCell(std::to_string(tally.on_time)) +
         NumberCell(std::to_string(tally.late)) + NumberCell(std::to_string(tally.overdue)) +
         NumberCell(rate ? NumberText(*rate * 100) : "—");
}

std::string SummarySection(const Report& report) {
  std::string html = "<h2>1. Сводные данные</h2><table>" + Columns(1, 9) +
                     HeaderRow({"Дорожная карта"}, ShortTallyTitles()) + "<tbody>";
  for (const RoadmapLine& line : report.roadmaps) html += "<tr>" + Cell(line.title) + TallyCells(line.tally) + "</tr>";
  html += "<tr class=\"total\">" + Cell("Итого") + TallyCells(report.total) + "</tr></tbody></table>";
  return html;
}

// The dashboard's charts: the on-time share per organisation, and the period month by month.
std::string ChartSection(const Report& report) {
  std::string html = "<section class=\"charts\">";
  std::vector<ShareBar> organisations = BarsByOrganisation(report);
  if (organisations.size() > 1) html += OnTimeChart("Выполнено в срок по организациям", organisations);
  html += MonthlyChart("Задачи периода по месяцам срока", TallyByMonth(report));
  return html + "</section>";
}

// «во всех 8 организациях».
constexpr NounForms kOrganisationsGenitive{"организации", "организациях", "организациях"};

// «Школа 1, Школа 2 (2)»: organisations, with how many tasks when more than one.
std::string OrganisationList(const std::vector<std::pair<std::string, int>>& counted) {
  std::vector<std::string> parts;
  for (const auto& [name, count] : counted)
    parts.push_back(count > 1 ? fmt::format("{} ({})", EscapeHtml(name), count) : EscapeHtml(name));
  return fmt::format("{}", fmt::join(parts, "; "));
}

// Each activity once: its tally over the organisations, and under its title the organisations
// late or overdue with it.
std::string ActivitySection(const Report& report) {
  std::string html = "<h2>2. Исполнение мероприятий</h2>";
  for (const RoadmapLine& roadmap : report.roadmaps) {
    html += "<h3>" + EscapeHtml(roadmap.title) + "</h3>";
    if (!roadmap.source.empty()) html += "<p class=\"source\">Утверждена: " + EscapeHtml(roadmap.source) + "</p>";
    // activity → (title, tally, late organisations, overdue organisations), in the report's order
    std::vector<std::string> order;
    std::map<std::string, std::tuple<std::string, Tally, std::vector<std::pair<std::string, int>>,
                                     std::vector<std::pair<std::string, int>>>>
        activities;
    std::map<std::string, int> organisations_of;  // activity → how many organisations it has tasks at
    for (const ActivityLine& line : report.activities) {
      if (line.roadmap != roadmap.roadmap) continue;
      ++organisations_of[line.activity];
      auto [entry, added] = activities.try_emplace(line.activity);
      if (added) order.push_back(line.activity);
      auto& [title, tally, late, overdue] = entry->second;
      title = line.activity_title;
      tally.Add(line.tally);
      if (line.tally.late > 0) late.emplace_back(line.organisation_name, line.tally.late);
      if (line.tally.overdue > 0) overdue.emplace_back(line.organisation_name, line.tally.overdue);
    }
    if (order.empty()) {
      html += "<p>В отчётном периоде сроков нет.</p>";
      continue;
    }
    html += "<table>" + Columns(1, 5) + HeaderRow({"Мероприятие"}, CompactTallyTitles()) + "<tbody>";
    for (const std::string& activity : order) {
      const auto& [title, tally, late, overdue] = activities.at(activity);
      // Naming every organisation says nothing when all of them are in the list.
      int all = organisations_of[activity];
      auto list = [&](const std::vector<std::pair<std::string, int>>& counted) {
        return all > 2 && static_cast<int>(counted.size()) == all ? "во всех " + CountOf(all, kOrganisationsGenitive)
                                                                  : OrganisationList(counted);
      };
      std::string problems;
      if (!overdue.empty()) problems += "<div class=\"who\">Просрочено: " + list(overdue) + "</div>";
      if (!late.empty()) problems += "<div class=\"who\">С опозданием: " + list(late) + "</div>";
      html += "<tr><td>" + EscapeHtml(title) + problems + "</td>" + CompactTallyCells(tally) + "</tr>";
    }
    html += "</tbody></table>";
  }
  return html;
}

// The late and overdue tasks, each activity once with its organisations, periods and delays.
std::string LateSection(const Report& report) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const TaskLine*>> by_activity;  // "roadmap\x1Factivity" → tasks
  for (const TaskLine& line : report.tasks) {
    if (line.outcome != Outcome::kLate && line.outcome != Outcome::kOverdue) continue;
    std::string key = line.task.roadmap + "\x1F" + line.task.activity;
    auto [entry, added] = by_activity.try_emplace(key);
    if (added) order.push_back(key);
    entry->second.push_back(&line);
  }
  if (order.empty()) return "<h2>3. Нарушения сроков</h2><p>Нарушений сроков в отчётном периоде нет.</p>";
  std::map<std::string, size_t> organisations_of;  // "roadmap\x1Factivity" → organisations with its tasks
  for (const ActivityLine& line : report.activities) ++organisations_of[line.roadmap + "\x1F" + line.activity];
  std::string rows;
  for (const std::string& key : order) {
    const std::vector<const TaskLine*>& lines = by_activity.at(key);
    // Tasks of one period and deadline share it, and the overdue ones their delay: «сентябрь 2021,
    // срок 30.09.2021: просрочено на 232 рабочих дня — Школа 1, Школа 2; с опозданием — Школа 3
    // (сдано 05.10.2021, 3 рабочих дня)».
    std::vector<std::string> groups;
    std::map<std::pair<std::optional<Date>, std::string>, std::pair<std::vector<std::string>, std::vector<std::string>>>
        by_period;
    std::vector<std::pair<std::optional<Date>, std::string>> period_order;
    std::map<std::pair<std::optional<Date>, std::string>, int> overdue_days;
    for (const TaskLine* line : lines) {
      std::pair<std::optional<Date>, std::string> period{line->task.effective_due, line->task.key};
      auto [entry, added] = by_period.try_emplace(period);
      if (added) period_order.push_back(period);
      std::string who = EscapeHtml(line->organisation_name);
      if (line->outcome == Outcome::kLate) {
        entry->second.second.push_back(fmt::format("{} (сдано {}, {})", who,
                                                   line->handed_in ? DottedDate(*line->handed_in) : "—",
                                                   CountOf(line->delay_days, nouns::kWorkingDays)));
      } else {
        entry->second.first.push_back(who);
        overdue_days[period] = line->delay_days;
      }
    }
    for (const auto& period : period_order) {
      const auto& [overdue, late] = by_period.at(period);
      std::string text = fmt::format("<b>{}, срок {}</b>:", EscapeHtml(PeriodTitle(period.second)),
                                     period.first ? DottedDate(*period.first) : "—");
      if (!overdue.empty()) {
        size_t all = organisations_of[key];
        text += fmt::format(R"( <span class="overdue">просрочено на {} — {}</span>)",
                            CountOf(overdue_days.at(period), nouns::kWorkingDays),
                            all > 2 && overdue.size() == all ? "во всех " + CountOf(all, kOrganisationsGenitive)
                                                             : fmt::format("{}", fmt::join(overdue, ", ")));
      }
      if (!late.empty())
        text += fmt::format(R"({} с опозданием — {})", overdue.empty() ? "" : ";", fmt::join(late, ", "));
      groups.push_back(text);
    }
    rows += fmt::format("<tr><td>{}</td><td>{}</td></tr>", EscapeHtml(lines.front()->activity_title),
                        fmt::join(groups, "<br>"));
  }
  return "<h2>3. Нарушения сроков</h2><table class=\"violations\"><colgroup><col class=\"title\"><col></colgroup>" +
         HeaderRow({"Мероприятие", "Организация — период, срок, задержка"}) + "<tbody>" + rows + "</tbody></table>";
}

std::string IndicatorSection(const Report& report) {
  if (report.indicators.empty())
    return "<h2>4. Показатели</h2><p>Значения показателей в отчётном периоде не представлялись.</p>";
  std::string html =
      "<h2>4. Показатели</h2><table>" + Columns(3, 0, 4) +
      HeaderRow({"Мероприятие", "Организация", "Показатель", "Период", "Значение", "Целевое значение", "Достигнуто"}) +
      "<tbody>";
  for (const IndicatorLine& line : report.indicators) {
    std::optional<bool> met = line.Met();
    std::string target =
        line.target ? fmt::format("{} {}", line.lower_is_better ? "≤" : "≥", NumberText(*line.target)) : "—";
    html += fmt::format("<tr{}>", met && !*met ? " class=\"late\"" : "") + Cell(line.activity_title) +
            Cell(line.organisation_name) + Cell(IndicatorLabel(line)) + Cell(PeriodTitle(line.period_key)) +
            NumberCell(NumberText(line.value)) + NumberCell(target) + Cell(MetText(line, "—")) + "</tr>";
  }
  return html + "</tbody></table>";
}

std::string TargetSection(const Report& report) {
  if (report.targets.empty()) return "";
  std::string html = "<h2>5. Целевые показатели по годам</h2><table>" + Columns(3, 0, 4) +
                     HeaderRow({"Показатель", "Организация", "Единица", "Год", "Цель", "Факт", "Оценка"}) + "<tbody>";
  for (const TargetLine& line : report.targets) {
    bool missed = line.verdict == "not-met" || line.verdict == "no-value";
    html += fmt::format("<tr{}>", missed ? " class=\"late\"" : "") + Cell(line.indicator + " " + line.title) +
            Cell(line.organisation_name.empty() ? "муниципалитет" : line.organisation_name) + Cell(line.unit) +
            NumberCell(std::to_string(line.year)) + NumberCell(TargetText(line)) +
            NumberCell(line.actual ? NumberText(*line.actual) : "—") +
            Cell(line.verdict_title + (line.on_time == false ? " (сдано с опозданием)" : "")) + "</tr>";
  }
  return html + "</tbody></table>";
}

}  // namespace

std::string RenderHtml(const Report& report) {
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{} — {}</title><style>{}</style></head>"
      "<body><header><p>{}</p><h1>{}</h1><p>{}</p><p>по состоянию на {}</p></header>",
      EscapeHtml(kReportTitle), EscapeHtml(report.department), std::string(kStyle) + std::string(ChartStyle()),
      EscapeHtml(report.department), EscapeHtml(kReportTitle), EscapeHtml(PeriodText(report)),
      DottedDate(report.options.as_of));
  html += SummarySection(report) + ChartSection(report) + ActivitySection(report) + LateSection(report) +
          IndicatorSection(report) + TargetSection(report);
  html += "<div class=\"signature\"><span>" +
          EscapeHtml(report.signatory ? report.signatory->position : std::string("Руководитель")) +
          "</span><span><span class=\"line\"></span>" + EscapeHtml(report.signatory ? report.signatory->name : "") +
          "</span></div>";
  if (std::string executor = ExecutorText(report); !executor.empty())
    html += "<p class=\"executor\">" + EscapeHtml(executor) + "</p>";
  html += "</body></html>\n";
  return html;
}

}  // namespace vekha::reports
