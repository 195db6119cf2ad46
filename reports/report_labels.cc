// What the CSV, HTML and XLSX layouts share: dates and the period as Russian documents write them,
// and the titles of a tally's columns.
#include <fmt/format.h>

#include <algorithm>

#include "reports/render.h"

namespace vekha::reports {

std::string PeriodText(const Report& report) {
  return fmt::format("за период с {} по {}", DottedDate(report.options.from), DottedDate(report.options.to));
}

std::string IndicatorLabel(const IndicatorLine& line) {
  return line.unit.empty() ? line.indicator : fmt::format("{}, {}", line.indicator, line.unit);
}

std::string MetText(const IndicatorLine& line, const char* unknown) {
  std::optional<bool> met = line.Met();
  return met ? (*met ? "да" : "нет") : unknown;
}

std::string TargetText(const TargetLine& line) {
  if (line.positive_dynamics) return "положительная динамика";
  if (!line.target) return "—";
  return fmt::format("{} {}", line.lower_is_better ? "≤" : "≥", NumberText(*line.target));
}

std::string OnTimeText(const TargetLine& line) { return line.on_time ? (*line.on_time ? "да" : "нет") : ""; }

std::string ExecutorText(const Report& report) {
  if (!report.executor) return "";
  const Executor& executor = *report.executor;
  std::string contact = !executor.phone.empty()   ? ", тел. " + executor.phone
                        : !executor.email.empty() ? ", " + executor.email
                                                  : "";
  return fmt::format("Исполнитель: {}{}", executor.name, contact);
}

std::string NumberText(double value) {
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

const std::vector<std::string>& TallyTitles() {
  static const std::vector<std::string> kTitles = {"Всего задач",
                                                   "Выполнено в срок",
                                                   "Выполнено с опозданием",
                                                   "Просрочено",
                                                   "Снято",
                                                   "В работе",
                                                   "Доля выполненных в срок, %",
                                                   "Средняя задержка, раб. дн.",
                                                   "Наибольшая задержка, раб. дн."};
  return kTitles;
}

}  // namespace vekha::reports
