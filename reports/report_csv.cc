// The report as CSV (RFC 4180, UTF-8 with a byte-order mark): sections — summary by roadmap,
// activities by organisation, late and overdue tasks, indicators, and with a catalogue the targets
// by year — each a title line, a header row and its rows, separated by an empty line.
#include <fmt/format.h>

#include "engine/period_title.h"
#include "engine/text.h"
#include "reports/render.h"

namespace vekha::reports {

namespace {

std::string Row(const std::vector<std::string>& cells) {
  std::string row;
  for (const std::string& cell : cells) {
    if (!row.empty()) row += ',';
    row += CsvField(cell);
  }
  return row + "\r\n";
}

std::vector<std::string> TallyCells(const Tally& tally) {
  std::optional<double> rate = tally.OnTimeRate();
  return {std::to_string(tally.total()),
          std::to_string(tally.on_time),
          std::to_string(tally.late),
          std::to_string(tally.overdue),
          std::to_string(tally.waived),
          std::to_string(tally.open),
          rate ? fmt::format("{:.1f}", *rate * 100) : "",
          fmt::format("{:.1f}", tally.AverageDelay()),
          std::to_string(tally.worst_delay_days)};
}

std::vector<std::string> With(std::vector<std::string> head, const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

std::string RenderCsv(const Report& report) {
  std::string out = "\xEF\xBB\xBF";
  out += Row({fmt::format("{}: {} {}", kReportTitle, report.department, PeriodText(report))});
  out += Row({"Сводка по дорожным картам"});
  out += Row(With({"Дорожная карта", "Наименование"}, TallyTitles()));
  for (const RoadmapLine& line : report.roadmaps) out += Row(With({line.roadmap, line.title}, TallyCells(line.tally)));
  out += Row(With({"Итого", ""}, TallyCells(report.total)));

  out += "\r\n" + Row({"Мероприятия по организациям"});
  out += Row(With({"Дорожная карта", "Мероприятие", "Наименование", "Организация"}, TallyTitles()));
  for (const ActivityLine& line : report.activities) {
    out +=
        Row(With({line.roadmap, line.activity, line.activity_title, line.organisation_name}, TallyCells(line.tally)));
  }

  out += "\r\n" + Row({"Задачи, выполненные с опозданием, и просроченные"});
  out += Row({"Задача", "Дорожная карта", "Мероприятие", "Организация", "Период", "Срок", "Сдано", "Итог",
              "Задержка, раб. дн."});
  for (const TaskLine& line : report.tasks) {
    if (line.outcome != Outcome::kLate && line.outcome != Outcome::kOverdue) continue;
    out += Row({line.task.id, line.task.roadmap, line.activity_title, line.organisation_name,
                PeriodTitle(line.task.key), IsoOrEmpty(line.task.effective_due), IsoOrEmpty(line.handed_in),
                std::string(OutcomeTitle(line.outcome)), std::to_string(line.delay_days)});
  }

  out += "\r\n" + Row({"Показатели"});
  out += Row({"Дорожная карта", "Мероприятие", "Организация", "Период", "Показатель", "Значение", "Целевое значение",
              "Лучше", "Достигнуто", "Дата"});
  for (const IndicatorLine& line : report.indicators) {
    out += Row({line.roadmap, line.activity_title, line.organisation_name, PeriodTitle(line.period_key),
                IndicatorLabel(line), NumberText(line.value), line.target ? NumberText(*line.target) : "",
                line.lower_is_better ? "меньше" : "больше", MetText(line, ""), IsoOrEmpty(line.reported_on)});
  }

  if (!report.targets.empty()) {
    out += "\r\n" + Row({"Целевые показатели по годам"});
    out += Row({"Показатель", "Наименование", "Единица", "Организация", "Год", "Цель", "Факт", "Оценка", "В срок"});
    for (const TargetLine& line : report.targets) {
      out += Row({line.indicator, line.title, line.unit, line.organisation_name, std::to_string(line.year),
                  TargetText(line), line.actual ? NumberText(*line.actual) : "", line.verdict_title, OnTimeText(line)});
    }
  }
  return out;
}

}  // namespace vekha::reports
