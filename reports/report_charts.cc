#include "reports/report_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "engine/russian_count.h"
#include "engine/text.h"
#include "reports/render.h"

namespace vekha::reports {

namespace {

// The palette: readable on white and apart for the common colour blindnesses (blue, orange, red
// differ in lightness too); the words beside every bar carry the same facts.
constexpr const char* kOnTimeColour = "#1f6fb2";
constexpr const char* kLateColour = "#e69500";
constexpr const char* kOverdueColour = "#c62828";
constexpr const char* kOpenColour = "#c9d1da";
constexpr const char* kTargetColour = "#1d2733";

constexpr std::array<const char*, 12> kMonthShort = {"янв", "фев", "мар", "апр", "май", "июн",
                                                     "июл", "авг", "сен", "окт", "ноя", "дек"};

std::string Escaped(std::string_view text) { return EscapeHtml(text); }

// «в срок 8, с опозданием 1, просрочено 2».
std::string SettledText(const Tally& tally) {
  return fmt::format("в срок {}, с опозданием {}, просрочено {}", tally.on_time, tally.late, tally.overdue);
}

// A legend's colour sample, drawn (an inline style would fall to the pages' Content-Security-Policy).
std::string Swatch(const char* colour) {
  return fmt::format(
      R"(<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill="{}"/></svg>)",
      colour);
}

std::string Legend(bool open) {
  std::string legend = fmt::format(R"(<p class="legend">{}в срок {}с опозданием {}просрочено)", Swatch(kOnTimeColour),
                                   Swatch(kLateColour), Swatch(kOverdueColour));
  if (open) legend += fmt::format(" {}ещё в работе", Swatch(kOpenColour));
  return legend + "</p>";
}

// A horizontal bar 100 units wide of the settled tasks: on time, late, overdue.
std::string StackedBar(const Tally& tally, const std::string& label) {
  int settled = tally.on_time + tally.late + tally.overdue;
  std::string rects;
  double x = 0;
  for (const auto& [count, colour] : {std::pair{tally.on_time, kOnTimeColour}, std::pair{tally.late, kLateColour},
                                      std::pair{tally.overdue, kOverdueColour}}) {
    if (count == 0 || settled == 0) continue;
    double width = 100.0 * count / settled;
    rects += fmt::format(R"(<rect x="{:.2f}" y="0" width="{:.2f}" height="10" fill="{}"/>)", x, width, colour);
    x += width;
  }
  if (settled == 0) rects = fmt::format(R"(<rect x="0" y="0" width="100" height="10" fill="{}"/>)", kOpenColour);
  std::string alternative = fmt::format("{}: {}", label, SettledText(tally));
  return fmt::format(
      R"(<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{0}"><title>{0}</title>{1}</svg>)",
      Escaped(alternative), rects);
}

}  // namespace

std::string_view ChartStyle() {
  return R"(
figure.chart { margin: 1.2em 0; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: .5em; }
ul.bars { list-style: none; padding: 0; margin: 0; }
ul.bars li { display: grid; grid-template-columns: minmax(10em, 2fr) 3fr; gap: .15em .8em; align-items: center; padding: .35em 0; border-bottom: 1px solid #eef1f4; page-break-inside: avoid; }
ul.bars .bar-value { grid-column: 2; font-size: .92em; }
svg.bar { display: block; width: 100%; height: .9em; }
svg.columns { display: block; width: 100%; max-width: 44em; height: auto; }
svg.columns .year { font-weight: 600; }
.legend { font-size: .9em; color: #4a5360; }
svg.swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin: 0 .3em 0 .6em; }
@media (max-width: 600px) { ul.bars li { grid-template-columns: 1fr; } ul.bars .bar-value { grid-column: 1; } }
@media print { svg, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; } details { display: none; } }
)";
}

std::string ShareText(const Tally& tally) {
  std::optional<double> rate = tally.OnTimeRate();
  return rate ? fmt::format("{} %", static_cast<int>(std::lround(*rate * 100))) : "—";
}

std::vector<ShareBar> BarsByOrganisation(const Report& report) {
  std::vector<ShareBar> bars;
  std::map<std::string, size_t> position;
  for (const ActivityLine& line : report.activities) {
    auto [found, added] = position.try_emplace(line.organisation, bars.size());
    if (added) bars.push_back({line.organisation, line.organisation_name, "", {}});
    bars[found->second].tally.Add(line.tally);
  }
  return bars;
}

std::vector<ShareBar> BarsByRoadmap(const Report& report) {
  std::vector<ShareBar> bars;
  for (const RoadmapLine& line : report.roadmaps) {
    if (line.tally.total() > 0) bars.push_back({line.roadmap, line.title, "", line.tally});
  }
  return bars;
}

std::string OnTimeChart(std::string_view caption, const std::vector<ShareBar>& bars) {
  std::string items;
  for (const ShareBar& bar : bars) {
    std::string label = bar.link.empty() ? Escaped(bar.label)
                                         : fmt::format(R"(<a href="{}">{}</a>)", Escaped(bar.link), Escaped(bar.label));
    int settled = bar.tally.on_time + bar.tally.late + bar.tally.overdue;
    std::string figures =
        settled == 0 ? "сроки ещё не наступили"
                     : fmt::format("в срок {} из {}{}", bar.tally.on_time, settled,
                                   bar.tally.overdue > 0 ? fmt::format(", просрочено {}", bar.tally.overdue) : "");
    items += fmt::format(
        R"(<li><span class="bar-label">{}</span><span class="bar-track">{}</span><span class="bar-value"><strong>{}</strong> <span class="muted">{}</span></span></li>
)",
        label, StackedBar(bar.tally, bar.label), ShareText(bar.tally), figures);
  }
  if (items.empty()) items = R"(<li class="muted">Задач с наступившим сроком нет.</li>)";
  return fmt::format(R"(<figure class="chart"><figcaption>{}</figcaption>
<ul class="bars">
{}</ul>{}</figure>
)",
                     Escaped(caption), items, Legend(false));
}

std::vector<MonthTally> TallyByMonth(const Report& report) {
  std::vector<MonthTally> months;
  int year = YearOf(report.options.from);
  int month = static_cast<int>(MonthOf(report.options.from));
  int last = YearOf(report.options.to) * 12 + static_cast<int>(MonthOf(report.options.to));
  for (; year * 12 + month <= last && months.size() < 120;) {
    months.push_back({year, month, {}});
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  for (const TaskLine& line : report.tasks) {
    if (!line.task.effective_due) continue;
    const Date& due = *line.task.effective_due;
    for (MonthTally& entry : months) {
      if (entry.year != YearOf(due) || entry.month != static_cast<int>(MonthOf(due))) continue;
      switch (line.outcome) {
        case Outcome::kOnTime:
          ++entry.tally.on_time;
          break;
        case Outcome::kLate:
          ++entry.tally.late;
          break;
        case Outcome::kOverdue:
          ++entry.tally.overdue;
          break;
        case Outcome::kWaived:
          ++entry.tally.waived;
          break;
        case Outcome::kOpen:
          ++entry.tally.open;
          break;
      }
      break;
    }
  }
  return months;
}

std::string MonthlyChart(std::string_view caption, const std::vector<MonthTally>& months) {
  // Sized for a phone's width at 1:1; it scales up on a wide screen.
  constexpr int kLeft = 30, kColumn = 26, kTop = 10, kPlot = 140, kBottom = 34;
  int peak = 1;
  for (const MonthTally& entry : months) {
    peak = std::max(peak, entry.tally.on_time + entry.tally.late + entry.tally.overdue + entry.tally.open);
  }
  // Round gridlines: 1, 2, 5 × 10ⁿ steps, about four of them.
  int step = 1;
  for (int magnitude = 1; step * 4 < peak; magnitude *= 10) {
    for (int factor : {1, 2, 5}) {
      step = factor * magnitude;
      if (step * 4 >= peak) break;
    }
  }
  int top = (peak + step - 1) / step * step;
  int width = kLeft + kColumn * static_cast<int>(months.size()) + 6;
  int height = kTop + kPlot + kBottom;
  auto y_of = [&](double value) { return kTop + kPlot - value * kPlot / top; };
  std::string grid;
  for (int value = 0; value <= top; value += step) {
    grid += fmt::format(
        R"(<line x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}" stroke="#e1e5ea"/><text x="{3}" y="{4:.1f}" text-anchor="end">{5}</text>)",
        kLeft, width - 4, y_of(value), kLeft - 4, y_of(value) + 3.5, value);
  }
  std::string columns;
  std::string rows;
  for (size_t i = 0; i < months.size(); ++i) {
    const MonthTally& entry = months[i];
    double x = kLeft + kColumn * static_cast<double>(i) + 4;
    double base = 0;
    std::string month_name = fmt::format("{} {}", kMonthShort[static_cast<size_t>(entry.month - 1)], entry.year);
    std::string alternative =
        fmt::format("{}: {}, ещё в работе {}", month_name, SettledText(entry.tally), entry.tally.open);
    std::string stack;
    for (const auto& [count, colour] :
         {std::pair{entry.tally.on_time, kOnTimeColour}, std::pair{entry.tally.late, kLateColour},
          std::pair{entry.tally.overdue, kOverdueColour}, std::pair{entry.tally.open, kOpenColour}}) {
      if (count == 0) continue;
      stack += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}"/>)", x,
                           y_of(base + count), kColumn - 8, y_of(base) - y_of(base + count), colour);
      base += count;
    }
    columns += fmt::format(R"(<g><title>{}</title>{}</g>)", Escaped(alternative), stack);
    columns += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x + (kColumn - 8) / 2.0,
                           kTop + kPlot + 13, kMonthShort[static_cast<size_t>(entry.month - 1)]);
    if (i == 0 || entry.month == 1) {
      columns += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="start" class="year">{}</text>)", x,
                             kTop + kPlot + 27, entry.year);
    }
    rows += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", month_name,
                        entry.tally.on_time, entry.tally.late, entry.tally.overdue, entry.tally.open);
  }
  std::string summary = fmt::format(
      "{} по месяцам срока: столбцы из выполненных в срок, с опозданием, просроченных "
      "и ещё не сданных задач",
      caption);
  return fmt::format(
      R"(<figure class="chart"><figcaption>{0}</figcaption>
<svg class="columns" viewBox="0 0 {1} {2}" role="img" aria-label="{3}" font-size="10" font-family="sans-serif" fill="#3a4350"><title>{3}</title>{4}{5}</svg>
{6}<details><summary>Таблица по месяцам</summary><table><thead><tr><th scope="col">Месяц</th><th scope="col">В срок</th><th scope="col">С опозданием</th><th scope="col">Просрочено</th><th scope="col">В работе</th></tr></thead><tbody>
{7}</tbody></table></details></figure>
)",
      Escaped(caption), width, height, Escaped(summary), grid, columns, Legend(true), rows);
}

std::string TargetChart(std::string_view caption, const std::vector<TargetLine>& targets, size_t limit) {
  std::string items;
  size_t shown = 0;
  size_t numeric = 0;
  for (const TargetLine& line : targets) {
    if (!line.target || line.positive_dynamics) continue;
    ++numeric;
    if (shown == limit) continue;
    ++shown;
    std::string label = line.organisation_name.empty()
                            ? fmt::format("{}, {}", line.title, line.year)
                            : fmt::format("{} — {}, {}", line.title, line.organisation_name, line.year);
    std::string unit = line.unit.empty() ? "" : " " + line.unit;
    double scale = std::max({*line.target, line.actual.value_or(0.0), 1e-9}) * 1.15;
    std::string drawing;
    if (line.actual) {
      bool met = line.verdict == "met";
      drawing += fmt::format(R"(<rect x="0" y="1" width="{:.2f}" height="8" fill="{}"/>)",
                             std::max(0.0, *line.actual) * 100 / scale, met ? kOnTimeColour : kOverdueColour);
    }
    drawing += fmt::format(R"(<rect x="{:.2f}" y="0" width="0.8" height="10" fill="{}"/>)",
                           std::max(0.0, *line.target) * 100 / scale, kTargetColour);
    std::string figures =
        fmt::format("факт {} · цель {}{} — {}", line.actual ? NumberText(*line.actual) + unit : "нет значения",
                    line.lower_is_better ? "не более " : "", NumberText(*line.target) + unit, line.verdict_title);
    items += fmt::format(
        R"(<li><span class="bar-label">{0}</span><span class="bar-track"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{1}"><title>{1}</title><rect x="0" y="0" width="100" height="10" fill="#f1f3f6"/>{2}</svg></span><span class="bar-value">{3}</span></li>
)",
        Escaped(label), Escaped(label + ": " + figures), drawing, Escaped(figures));
  }
  if (items.empty()) return "";
  std::string more = numeric > shown ? fmt::format(R"(<p class="muted">И ещё {} — на странице «Показатели».</p>)",
                                                   CountOf(numeric - shown, nouns::kValues))
                                     : "";
  return fmt::format(R"(<figure class="chart"><figcaption>{}</figcaption>
<ul class="bars">
{}</ul><p class="legend">{}цель достигнута {}не достигнута {}значение цели</p>{}</figure>
)",
                     Escaped(caption), items, Swatch(kOnTimeColour), Swatch(kOverdueColour), Swatch(kTargetColour),
                     more);
}

}  // namespace vekha::reports
