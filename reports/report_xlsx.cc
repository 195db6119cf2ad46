// The report as an XLSX workbook (libxlsxwriter): «Сводка» (title, period, a row per roadmap and
// the total, signatory), «Мероприятия», «Задачи», «Показатели» and «Диаграммы» (Excel's own charts,
// report_xlsx_charts.h). Header rows frozen and filtered,
// column widths set, dates as Excel dates, rates as percentages, late and overdue rows coloured,
// A4 printing with the header row repeated.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "engine/period_title.h"
#include "reports/render.h"
#include "reports/report_xlsx_charts.h"

namespace vekha::reports {

namespace {

// A roadmap's title among the report's (its id when it left the report).
std::string RoadmapTitle(const Report& report, const std::string& roadmap) {
  for (const RoadmapLine& line : report.roadmaps) {
    if (line.roadmap == roadmap) return line.title;
  }
  return roadmap;
}

constexpr lxw_color_t kLateColour = 0xFFF2CC;
constexpr lxw_color_t kOverdueColour = 0xF8CBAD;
constexpr lxw_color_t kHeaderColour = 0xE8E8E8;

// The cell formats of the workbook, made once.
struct Formats {
  explicit Formats(lxw_workbook* workbook) {
    title = workbook_add_format(workbook);
    format_set_bold(title);
    format_set_font_size(title, 14);
    bold = workbook_add_format(workbook);
    format_set_bold(bold);
    header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_CENTER);
    format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(header, kHeaderColour);
    format_set_border(header, LXW_BORDER_THIN);
    for (int row_kind = 0; row_kind < 3; ++row_kind) {
      lxw_color_t colour = row_kind == 1 ? kLateColour : kOverdueColour;
      text[row_kind] = workbook_add_format(workbook);
      format_set_text_wrap(text[row_kind]);
      format_set_align(text[row_kind], LXW_ALIGN_VERTICAL_TOP);
      number[row_kind] = workbook_add_format(workbook);
      format_set_num_format(number[row_kind], "0");
      decimal[row_kind] = workbook_add_format(workbook);
      format_set_num_format(decimal[row_kind], "0.0");
      percent[row_kind] = workbook_add_format(workbook);
      format_set_num_format(percent[row_kind], "0.0%");
      date[row_kind] = workbook_add_format(workbook);
      format_set_num_format(date[row_kind], "dd.mm.yyyy");
      for (lxw_format* format :
           {text[row_kind], number[row_kind], decimal[row_kind], percent[row_kind], date[row_kind]}) {
        format_set_border(format, LXW_BORDER_THIN);
        if (row_kind > 0) format_set_bg_color(format, colour);
      }
    }
    total = workbook_add_format(workbook);
    format_set_bold(total);
    format_set_border(total, LXW_BORDER_THIN);
    total_percent = workbook_add_format(workbook);
    format_set_bold(total_percent);
    format_set_num_format(total_percent, "0.0%");
    format_set_border(total_percent, LXW_BORDER_THIN);
  }
  lxw_format* title;
  lxw_format* bold;
  lxw_format* header;
  lxw_format* total;
  lxw_format* total_percent;
  // Indexed by row kind: 0 plain, 1 late, 2 overdue.
  lxw_format* text[3];
  lxw_format* number[3];
  lxw_format* decimal[3];
  lxw_format* percent[3];
  lxw_format* date[3];
};

int RowKind(Outcome outcome) { return outcome == Outcome::kLate ? 1 : outcome == Outcome::kOverdue ? 2 : 0; }

// Writes a sheet's cells left to right along one row.
class RowWriter {
 public:
  RowWriter(lxw_worksheet* sheet, const Formats& formats, lxw_row_t row, int kind = 0)
      : sheet_(sheet), formats_(formats), row_(row), kind_(kind) {}

  RowWriter& Text(const std::string& text) {
    worksheet_write_string(sheet_, row_, column_++, text.c_str(), formats_.text[kind_]);
    return *this;
  }
  RowWriter& Number(double value, bool whole = true) {
    worksheet_write_number(sheet_, row_, column_++, value, whole ? formats_.number[kind_] : formats_.decimal[kind_]);
    return *this;
  }
  RowWriter& Date(const std::optional<vekha::Date>& date) {
    if (date) {
      lxw_datetime value{YearOf(*date), MonthOf(*date), DayOf(*date), 0, 0, 0};
      worksheet_write_datetime(sheet_, row_, column_++, &value, formats_.date[kind_]);
    } else {
      worksheet_write_blank(sheet_, row_, column_++, formats_.date[kind_]);
    }
    return *this;
  }
  RowWriter& Rate(std::optional<double> rate, lxw_format* format) {
    if (rate) {
      worksheet_write_number(sheet_, row_, column_++, *rate, format);
    } else {
      worksheet_write_blank(sheet_, row_, column_++, format);
    }
    return *this;
  }
  RowWriter& Tally(const reports::Tally& tally, bool is_total = false) {
    lxw_format* whole = is_total ? formats_.total : formats_.number[kind_];
    for (int value : {tally.total(), tally.on_time, tally.late, tally.overdue, tally.waived, tally.open}) {
      worksheet_write_number(sheet_, row_, column_++, value, whole);
    }
    Rate(tally.OnTimeRate(), is_total ? formats_.total_percent : formats_.percent[kind_]);
    worksheet_write_number(sheet_, row_, column_++, tally.AverageDelay(),
                           is_total ? formats_.total : formats_.decimal[kind_]);
    worksheet_write_number(sheet_, row_, column_++, tally.worst_delay_days, whole);
    return *this;
  }

 private:
  lxw_worksheet* sheet_;
  const Formats& formats_;
  lxw_row_t row_;
  lxw_col_t column_ = 0;
  int kind_;
};

struct Column {
  std::string title;
  double width;
};

// The header row of a table at `row`, frozen and filtered, repeated on printed pages.
void WriteHeader(lxw_worksheet* sheet, const Formats& formats, lxw_row_t row, const std::vector<Column>& columns,
                 lxw_row_t last_row) {
  for (size_t i = 0; i < columns.size(); ++i) {
    auto column = static_cast<lxw_col_t>(i);
    worksheet_set_column(sheet, column, column, columns[i].width, nullptr);
    worksheet_write_string(sheet, row, column, columns[i].title.c_str(), formats.header);
  }
  worksheet_set_row(sheet, row, 45, nullptr);
  worksheet_freeze_panes(sheet, row + 1, 0);
  worksheet_autofilter(sheet, row, 0, std::max(row, last_row), static_cast<lxw_col_t>(columns.size() - 1));
  worksheet_repeat_rows(sheet, row, row);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
}

std::vector<Column> WithTally(std::vector<Column> columns) {
  for (const std::string& title : TallyTitles()) columns.push_back({title, 12});
  return columns;
}

lxw_row_t Rows(size_t count) { return static_cast<lxw_row_t>(count); }

void WriteSummary(lxw_workbook* workbook, const Formats& formats, const Report& report) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Сводка");
  worksheet_write_string(sheet, 0, 0, report.department.c_str(), formats.bold);
  worksheet_write_string(sheet, 1, 0, kReportTitle, formats.title);
  worksheet_write_string(sheet, 2, 0, PeriodText(report).c_str(), nullptr);
  worksheet_write_string(sheet, 3, 0, fmt::format("по состоянию на {}", DottedDate(report.options.as_of)).c_str(),
                         nullptr);
  constexpr lxw_row_t kHeader = 5;
  lxw_row_t last = kHeader + Rows(report.roadmaps.size()) + 1;
  WriteHeader(sheet, formats, kHeader, WithTally({{"Дорожная карта", 60}, {"Утверждена", 28}, {"Координатор", 20}}),
              last - 1);
  lxw_row_t row = kHeader + 1;
  for (const RoadmapLine& line : report.roadmaps) {
    RowWriter(sheet, formats, row++).Text(line.title).Text(line.source).Text(line.coordinator).Tally(line.tally);
  }
  RowWriter(sheet, formats, row).Text("Итого").Text("").Text("").Tally(report.total, true);
  row += 3;
  std::string position = report.signatory ? report.signatory->position : "Руководитель";
  std::string name = report.signatory ? report.signatory->name : "";
  worksheet_write_string(sheet, row, 1, position.c_str(), nullptr);
  worksheet_write_string(sheet, row, 2, fmt::format("____________ {}", name).c_str(), nullptr);
  if (std::string executor = ExecutorText(report); !executor.empty())
    worksheet_write_string(sheet, row + 3, 1, executor.c_str(), nullptr);
}

void WriteActivities(lxw_workbook* workbook, const Formats& formats, const Report& report) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Мероприятия");
  WriteHeader(sheet, formats, 0,
              WithTally({{"Дорожная карта", 40}, {"Мероприятие", 60}, {"Организация", 36}, {"Раздел", 24}}),
              Rows(report.activities.size()));
  lxw_row_t row = 1;
  for (const ActivityLine& line : report.activities) {
    RowWriter(sheet, formats, row++,
              line.tally.overdue > 0 ? 2
              : line.tally.late > 0  ? 1
                                     : 0)
        .Text(RoadmapTitle(report, line.roadmap))
        .Text(line.activity_title)
        .Text(line.organisation_name)
        .Text(line.group)
        .Tally(line.tally);
  }
}

void WriteTasks(lxw_workbook* workbook, const Formats& formats, const Report& report) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Задачи");
  WriteHeader(sheet, formats, 0,
              {{"Мероприятие", 60},
               {"Организация", 36},
               {"Дорожная карта", 40},
               {"Период", 16},
               {"Состояние", 14},
               {"Номер задачи", 15},
               {"Срок", 12},
               {"Сдано", 12},
               {"Итог", 22},
               {"Задержка, раб. дн.", 11}},
              Rows(report.tasks.size()));
  lxw_row_t row = 1;
  for (const TaskLine& line : report.tasks) {
    RowWriter(sheet, formats, row++, RowKind(line.outcome))
        .Text(line.activity_title)
        .Text(line.organisation_name)
        .Text(RoadmapTitle(report, line.task.roadmap))
        .Text(PeriodTitle(line.task.key))
        .Text(std::string(TaskStatusTitle(line.task.status)))
        .Text(line.task.id)
        .Date(line.task.effective_due)
        .Date(line.handed_in)
        .Text(std::string(OutcomeTitle(line.outcome)))
        .Number(line.delay_days);
  }
}

void WriteIndicators(lxw_workbook* workbook, const Formats& formats, const Report& report) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Показатели");
  WriteHeader(sheet, formats, 0,
              {{"Дорожная карта", 12},
               {"Мероприятие", 48},
               {"Организация", 36},
               {"Период", 10},
               {"Показатель", 36},
               {"Единица", 10},
               {"Значение", 11},
               {"Целевое значение", 11},
               {"Лучше", 9},
               {"Достигнуто", 11},
               {"Дата", 12}},
              Rows(report.indicators.size()));
  lxw_row_t row = 1;
  for (const IndicatorLine& line : report.indicators) {
    std::optional<bool> met = line.Met();
    RowWriter writer(sheet, formats, row++, met && !*met ? 1 : 0);
    writer.Text(RoadmapTitle(report, line.roadmap))
        .Text(line.activity_title)
        .Text(line.organisation_name)
        .Text(PeriodTitle(line.period_key));
    writer.Text(line.indicator).Text(line.unit).Number(line.value, false);
    if (line.target) {
      writer.Number(*line.target, false);
    } else {
      writer.Text("");
    }
    writer.Text(line.lower_is_better ? "меньше" : "больше").Text(MetText(line, "")).Date(line.reported_on);
  }
}

void WriteTargets(lxw_workbook* workbook, const Formats& formats, const Report& report) {
  if (report.targets.empty()) return;
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Целевые показатели");
  WriteHeader(sheet, formats, 0,
              {{"Показатель", 10},
               {"Наименование", 60},
               {"Единица", 10},
               {"Организация", 36},
               {"Год", 8},
               {"Цель", 14},
               {"Факт", 11},
               {"Оценка", 16},
               {"В срок", 8}},
              Rows(report.targets.size()));
  lxw_row_t row = 1;
  for (const TargetLine& line : report.targets) {
    bool missed = line.verdict == "not-met" || line.verdict == "no-value";
    RowWriter writer(sheet, formats, row++, missed ? 1 : 0);
    writer.Text(line.indicator).Text(line.title).Text(line.unit).Text(line.organisation_name).Number(line.year);
    writer.Text(TargetText(line));
    if (line.actual) {
      writer.Number(*line.actual, false);
    } else {
      writer.Text("");
    }
    writer.Text(line.verdict_title).Text(OnTimeText(line));
  }
}

}  // namespace

Status WriteXlsx(const Report& report, const std::string& path) {
  std::string partial = path + ".partial";
  lxw_workbook* workbook = workbook_new(partial.c_str());
  if (!workbook) return Status::Error(fmt::format("не удалось создать {}", partial));
  lxw_doc_properties properties{};
  // The C API takes char*; it only reads the strings.
  std::string title = fmt::format("{} {}", kReportTitle, PeriodText(report));
  std::string company = report.department;
  properties.title = title.data();
  properties.company = company.data();
  workbook_set_properties(workbook, &properties);
  Formats formats(workbook);
  WriteSummary(workbook, formats, report);
  WriteActivities(workbook, formats, report);
  WriteTasks(workbook, formats, report);
  WriteIndicators(workbook, formats, report);
  WriteTargets(workbook, formats, report);
  WriteChartSheet(workbook, report);
  if (lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
    std::remove(partial.c_str());
    return Status::Error(fmt::format("не удалось записать {}: {}", path, lxw_strerror(error)));
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::remove(partial.c_str());
    return Status::Error(fmt::format("не удалось записать {}: {}", path, error.message()));
  }
  return Status::Ok();
}

}  // namespace vekha::reports
