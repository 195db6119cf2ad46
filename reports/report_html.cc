// The report as one printable HTML document (A4, the layout of a department's letter): title,
// period, summary, each roadmap's activities, late and overdue tasks, indicators, the catalogue's
// targets by year, signatory.
// Self-contained: the print CSS is inline, nothing is fetched.
#include <fmt/format.h>

#include "engine/text.h"
#include "reports/render.h"
#include "reports/report_charts.h"

namespace vekha::reports {

namespace {

constexpr const char* kStyle = R"(
@page { size: A4 portrait; margin: 18mm 15mm 18mm 20mm; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 190mm; }
header { text-align: center; margin-bottom: 8mm; }
header p { margin: 1mm 0; }
h1 { font-size: 14pt; margin: 4mm 0 2mm; }
h2 { font-size: 12pt; margin: 7mm 0 2mm; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; page-break-after: avoid; }
.source { font-style: italic; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; table-layout: fixed; }
col.n { width: 14.5mm; }
col.d { width: 19mm; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; text-align: center; font-size: 7pt; padding: 1mm 0.5mm; }
td.n { text-align: right; white-space: nowrap; }
td { overflow-wrap: anywhere; }
tr.total td { font-weight: bold; }
tr.late td { background: #fff2cc; }
tr.overdue td { background: #f8cbad; }
.signature { margin-top: 14mm; display: flex; justify-content: space-between; page-break-inside: avoid; }
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
         NumberCell(rate ? fmt::format("{:.1f}", *rate * 100) : "—") +
         NumberCell(fmt::format("{:.1f}", tally.AverageDelay())) + NumberCell(std::to_string(tally.worst_delay_days));
}

std::string DateCell(const std::optional<Date>& date) { return NumberCell(date ? DottedDate(*date) : "—"); }

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

std::string ActivitySection(const Report& report) {
  std::string html = "<h2>2. Исполнение мероприятий</h2>";
  for (const RoadmapLine& roadmap : report.roadmaps) {
    html += "<h3>" + EscapeHtml(roadmap.title) + "</h3>";
    if (!roadmap.source.empty()) html += "<p class=\"source\">Утверждена: " + EscapeHtml(roadmap.source) + "</p>";
    html += "<table>" + Columns(2, 9) + HeaderRow({"Мероприятие", "Организация"}, ShortTallyTitles()) + "<tbody>";
    bool any = false;
    for (const ActivityLine& line : report.activities) {
      if (line.roadmap != roadmap.roadmap) continue;
      any = true;
      html += "<tr>" + Cell(line.activity_title) + Cell(line.organisation_name) + TallyCells(line.tally) + "</tr>";
    }
    if (!any) html += "<tr><td colspan=\"11\">В отчётном периоде сроков нет.</td></tr>";
    html += "</tbody></table>";
  }
  return html;
}

std::string LateSection(const Report& report) {
  std::string rows;
  for (const TaskLine& line : report.tasks) {
    if (line.outcome != Outcome::kLate && line.outcome != Outcome::kOverdue) continue;
    rows += fmt::format("<tr class=\"{}\">", line.outcome == Outcome::kLate ? "late" : "overdue") +
            Cell(line.activity_title) + Cell(line.organisation_name) + Cell(line.task.key) +
            DateCell(line.task.effective_due) + DateCell(line.handed_in) +
            Cell(std::string(OutcomeTitle(line.outcome))) + NumberCell(std::to_string(line.delay_days)) + "</tr>";
  }
  if (rows.empty()) return "<h2>3. Нарушения сроков</h2><p>Нарушений сроков в отчётном периоде нет.</p>";
  return "<h2>3. Нарушения сроков</h2><table>" + Columns(2, 1, 4) +
         HeaderRow({"Мероприятие", "Организация", "Период", "Срок", "Сдано", "Итог", "Задержка, раб. дн."}) +
         "<tbody>" + rows + "</tbody></table>";
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
            Cell(line.organisation_name) + Cell(IndicatorLabel(line)) + Cell(line.period_key) +
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
          "</span></div></body></html>\n";
  return html;
}

}  // namespace vekha::reports
