#include "reports/report_xlsx_charts.h"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "reports/report_charts.h"

namespace vekha::reports {

namespace {

constexpr const char* kSheet = "Диаграммы";
constexpr std::array<const char*, 12> kMonthShort = {"янв", "фев", "мар", "апр", "май", "июн",
                                                     "июл", "авг", "сен", "окт", "ноя", "дек"};

// The same colours as the pages' charts.
struct SeriesStyle {
  const char* name;
  lxw_color_t colour;
};
constexpr std::array<SeriesStyle, 4> kSeries = {
    {{"В срок", 0x1F6FB2}, {"С опозданием", 0xE69500}, {"Просрочено", 0xC62828}, {"В работе", 0xC9D1DA}}};

void WriteRow(lxw_worksheet* sheet, lxw_row_t row, const std::string& label, const Tally& tally, bool open,
              lxw_format* percent) {
  worksheet_write_string(sheet, row, 0, label.c_str(), nullptr);
  worksheet_write_number(sheet, row, 1, tally.on_time, nullptr);
  worksheet_write_number(sheet, row, 2, tally.late, nullptr);
  worksheet_write_number(sheet, row, 3, tally.overdue, nullptr);
  if (open) {
    worksheet_write_number(sheet, row, 4, tally.open, nullptr);
  } else if (std::optional<double> rate = tally.OnTimeRate()) {
    worksheet_write_number(sheet, row, 4, *rate, percent);
  }
}

// A stacked chart of `series` columns (1…) over the rows [first, last] of the sheet, placed at
// `anchor_row`, column G.
void InsertChart(lxw_workbook* workbook, lxw_worksheet* sheet, uint8_t type, const std::string& title, lxw_row_t first,
                 lxw_row_t last, int series, lxw_row_t anchor_row) {
  lxw_chart* chart = workbook_add_chart(workbook, type);
  for (int i = 0; i < series; ++i) {
    lxw_chart_series* added = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(added, kSheet, first, 0, last, 0);
    chart_series_set_values(added, kSheet, first, static_cast<lxw_col_t>(i + 1), last, static_cast<lxw_col_t>(i + 1));
    chart_series_set_name(added, kSeries[static_cast<size_t>(i)].name);
    lxw_chart_fill fill{};
    fill.color = kSeries[static_cast<size_t>(i)].colour;
    chart_series_set_fill(added, &fill);
  }
  chart_title_set_name(chart, title.c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = 1.6;
  options.y_scale = 1.4;
  worksheet_insert_chart_opt(sheet, anchor_row, 6, chart, &options);
}

}  // namespace

void WriteChartSheet(lxw_workbook* workbook, const Report& report) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, kSheet);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* percent = workbook_add_format(workbook);
  format_set_num_format(percent, "0%");
  worksheet_set_column(sheet, 0, 0, 44, nullptr);
  worksheet_set_column(sheet, 1, 4, 12, nullptr);

  std::vector<ShareBar> organisations = BarsByOrganisation(report);
  lxw_row_t row = 0;
  worksheet_write_string(sheet, row++, 0, "Выполнено в срок по организациям", bold);
  for (lxw_col_t column = 0; const char* title : {"Организация", "В срок", "С опозданием", "Просрочено", "Доля в срок"})
    worksheet_write_string(sheet, row, column++, title, bold);
  lxw_row_t first = ++row;
  for (const ShareBar& bar : organisations) WriteRow(sheet, row++, bar.label, bar.tally, false, percent);
  if (!organisations.empty()) {
    InsertChart(workbook, sheet, LXW_CHART_BAR_STACKED, "Выполнено в срок по организациям", first, row - 1, 3, 0);
  }

  std::vector<MonthTally> months = TallyByMonth(report);
  row = std::max<lxw_row_t>(row + 2, 24);  // below the first chart
  lxw_row_t anchor = row;
  worksheet_write_string(sheet, row++, 0, "Задачи периода по месяцам срока", bold);
  for (lxw_col_t column = 0; const char* title : {"Месяц", "В срок", "С опозданием", "Просрочено", "В работе"})
    worksheet_write_string(sheet, row, column++, title, bold);
  first = ++row;
  for (const MonthTally& month : months) {
    WriteRow(sheet, row++, fmt::format("{} {}", kMonthShort[static_cast<size_t>(month.month - 1)], month.year),
             month.tally, true, percent);
  }
  if (!months.empty()) {
    InsertChart(workbook, sheet, LXW_CHART_COLUMN_STACKED, "Задачи периода по месяцам срока", first, row - 1, 4,
                anchor);
  }
}

}  // namespace vekha::reports
