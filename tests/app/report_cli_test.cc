// `vekha report` end to end on a simulated school year of Zaozersk: the figures equal what
// `vekha tasks` shows for the same state; the XLSX, opened as a spreadsheet reads it, has the
// title, frozen headers, dates as dates, rates as percentages and coloured late and overdue rows;
// the CSV starts with a BOM; the HTML is the department's printable document; bad options refused.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/app/cli_support.h"

namespace vekha::testing_support {
namespace {

using nlohmann::json;
using testing::HasSubstr;
using testing::Not;

const std::string kZaozersk = std::string(VEKHA_SOURCE_DIR) + "/examples/zaozersk";
const std::string kNow = "2022-09-01T06:00:00Z";

class ReportCliTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDirectory();
    Outcome simulated = Vekha({"simulate", kZaozersk, "--from", "2021-09-01", "--to", "2022-08-31", "--script",
                               kZaozersk + "/simulation.yaml", "--summary", "--keep-database", Database()});
    ASSERT_EQ(simulated.status, 0) << simulated.err;
  }
  static void TearDownTestSuite() { delete scratch_; }
  static std::string Database() { return (scratch_->path() / "year.sqlite3").string(); }
  static std::string Output(const std::string& name) { return (scratch_->path() / name).string(); }

  static Outcome Report(std::vector<std::string> more) {
    std::vector<std::string> arguments = {"--database", Database(), "--now",      kNow,   "report",
                                          kZaozersk,    "--from",   "2021-09-01", "--to", "2022-08-31"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return Vekha(arguments);
  }
  static json ReportJson() {
    Outcome run = Report({"--format", "json"});
    EXPECT_EQ(run.status, 0) << run.err;
    return json::parse(run.out);
  }

  static ScratchDirectory* scratch_;
};

ScratchDirectory* ReportCliTest::scratch_ = nullptr;

TEST_F(ReportCliTest, TheFiguresEqualWhatVekhaTasksShows) {
  Outcome tasks_run = Vekha({"--database", Database(), "--now", kNow, "tasks", "-d", kZaozersk, "--format", "json"});
  ASSERT_EQ(tasks_run.status, 0) << tasks_run.err;
  // Tally `vekha tasks` by the report's rules: due in the school year (undated: opened in it).
  std::map<std::string, std::map<std::string, int>> expected;  // roadmap → column → count
  for (const json& task : json::parse(tasks_run.out)) {
    std::string due = task["effective_due"].is_string() ? task["effective_due"].get<std::string>() : "";
    std::string day = due.empty() ? task["opens"].get<std::string>() : due;
    std::string status = task["status"];
    if (day < "2021-09-01" || day > "2022-08-31" || status == "cancelled") continue;
    std::string column = status == "confirmed" || status == "done" ? "done"
                         : status == "waived"                      ? "waived"
                         : task["overdue"].get<bool>()             ? "overdue"
                                                                   : "open";
    ++expected[task["roadmap"]][column];
    ++expected["*"][column];
  }
  json report = ReportJson();
  auto check = [&](const std::string& roadmap, const json& tally) {
    std::map<std::string, int>& counts = expected[roadmap];
    EXPECT_EQ(tally["on_time"].get<int>() + tally["late"].get<int>(), counts["done"]) << roadmap;
    EXPECT_EQ(tally["waived"], counts["waived"]) << roadmap;
    EXPECT_EQ(tally["overdue"], counts["overdue"]) << roadmap;
    EXPECT_EQ(tally["open"], counts["open"]) << roadmap;
  };
  check("*", report["summary"]);
  for (const json& roadmap : report["roadmaps"]) check(roadmap["id"], roadmap["tally"]);
  EXPECT_GT(report["summary"]["total"].get<int>(), 150);
  EXPECT_GT(report["summary"]["late"].get<int>(), 0);

  // Маркина's kindergarten hands everything in three working days late (the script's routine).
  int markina_late = 0;
  for (const json& task : report["tasks"]) {
    if (task["outcome"] == "on_time") {
      EXPECT_LE(task["handed_in"].get<std::string>(), task["due"].get<std::string>());
    }
    if (task["organisation"] != "oo-markina" || task["outcome"] != "late") continue;
    ++markina_late;
    EXPECT_EQ(task["delay_working_days"], 3) << task.dump();
  }
  EXPECT_GT(markina_late, 0);
  // The scripted indicator values: one school above its 40 % target, one below.
  ASSERT_EQ(report["indicators"].size(), 2u);
  EXPECT_EQ(report["indicators"][0]["value"], 46.5);
  EXPECT_EQ(report["indicators"][0]["met"], true);
  EXPECT_EQ(report["indicators"][1]["value"], 31.0);
  EXPECT_EQ(report["indicators"][1]["met"], false);
  EXPECT_EQ(report["signatory"]["name"], "Лёгкая Т.Н.");
}

TEST_F(ReportCliTest, TheWorkbookIsARealSpreadsheet) {
  std::string xlsx = Output("report.xlsx");
  Outcome run = Report({"--output", xlsx});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_FALSE(std::filesystem::exists(xlsx + ".partial"));
  Outcome read =
      Shell(fmt::format("/usr/bin/python3 {}/tests/support/xlsx_cells.py {}", VEKHA_SOURCE_DIR, Quote(xlsx)));
  ASSERT_EQ(read.status, 0) << read.err;
  json book = json::parse(read.out);
  json report = ReportJson();

  const json& summary = book["Сводка"];
  EXPECT_EQ(summary["cells"]["A1"], "Управление образования ЗАТО город Заозерск");
  EXPECT_EQ(summary["cells"]["A2"], "Аналитическая информация о реализации дорожных карт");
  EXPECT_EQ(summary["cells"]["A3"], "за период с 01.09.2021 по 31.08.2022");
  EXPECT_EQ(summary["frozen_rows"], 6);
  EXPECT_EQ(summary["cells"]["D6"], "Всего задач");
  // The total row follows the roadmaps; its rate is a number shown as a percentage.
  std::string total_row = std::to_string(7 + report["roadmaps"].size());
  EXPECT_EQ(summary["cells"]["A" + total_row], "Итого");
  EXPECT_EQ(summary["cells"]["D" + total_row], report["summary"]["total"].get<double>());
  EXPECT_EQ(summary["cells"]["F" + total_row], report["summary"]["late"].get<double>());
  EXPECT_DOUBLE_EQ(summary["cells"]["J" + total_row].get<double>(), report["summary"]["on_time_rate"].get<double>());
  EXPECT_EQ(summary["formats"]["J" + total_row], "0.0%");

  const json& tasks = book["Задачи"];
  EXPECT_EQ(tasks["frozen_rows"], 1);
  EXPECT_EQ(tasks["autofilter"], fmt::format("A1:J{}", report["tasks"].size() + 1));
  EXPECT_EQ(tasks["cells"]["G1"], "Срок");
  EXPECT_EQ(tasks["formats"]["G2"], "dd.mm.yyyy");
  EXPECT_TRUE(tasks["cells"]["G2"].is_number()) << "dates are Excel serial numbers, not text";
  int late_rows = 0;
  int overdue_rows = 0;
  for (const auto& [cell, colour] : tasks["fills"].items()) {
    if (!cell.starts_with("A")) continue;
    late_rows += colour == "FFFFF2CC";
    overdue_rows += colour == "FFF8CBAD";
  }
  EXPECT_EQ(late_rows, report["summary"]["late"]);
  EXPECT_EQ(overdue_rows, report["summary"]["overdue"]);

  // «Диаграммы»: the charts' figures and Excel's own two charts drawn from them.
  const json& charts = book["Диаграммы"];
  EXPECT_EQ(charts["cells"]["A1"], "Выполнено в срок по организациям");
  EXPECT_EQ(charts["cells"]["E2"], "Доля в срок");
  Outcome parts =
      Shell(fmt::format("/usr/bin/python3 -c 'import sys, zipfile; print(*sorted(n for n in "
                        "zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith(\"xl/charts/\")))' {}",
                        Quote(xlsx)));
  EXPECT_EQ(parts.out, "xl/charts/chart1.xml xl/charts/chart2.xml\n") << parts.err;

  const json& indicators = book["Показатели"];
  EXPECT_EQ(indicators["cells"]["G2"], 46.5);
  EXPECT_EQ(indicators["cells"]["H2"], 40.0);
  EXPECT_EQ(indicators["cells"]["J3"], "нет");
}

TEST_F(ReportCliTest, CsvAndHtmlAreTheSameReport) {
  Outcome csv = Report({"--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("\xEF\xBB\xBF")) << "Excel reads UTF-8 CSV only after a BOM";
  json report = ReportJson();
  const json& total = report["summary"];
  EXPECT_THAT(csv.out,
              HasSubstr(fmt::format("Итого,,{},{},{},{},", total["total"].get<int>(), total["on_time"].get<int>(),
                                    total["late"].get<int>(), total["overdue"].get<int>())));
  EXPECT_THAT(csv.out, HasSubstr("\r\nПоказатели\r\n"));

  std::string html_file = Output("report.html");
  Outcome html = Report({"-o", html_file});
  ASSERT_EQ(html.status, 0) << html.err;
  EXPECT_THAT(html.err, HasSubstr(fmt::format("{} задач", total["total"].get<int>())));
  std::string page = ReadFile(html_file);
  EXPECT_THAT(page, HasSubstr("<h1>Аналитическая информация о реализации дорожных карт</h1>"));
  EXPECT_THAT(page, HasSubstr("за период с 01.09.2021 по 31.08.2022"));
  EXPECT_THAT(page, HasSubstr("Начальник МКУ"));
  EXPECT_THAT(page, HasSubstr("Лёгкая Т.Н."));
  EXPECT_THAT(page, HasSubstr(R"(<span class="overdue">просрочено на )"));
  // The roadmap's coordinator prepared it; without a phone in the YAML, their e-mail.
  EXPECT_THAT(page, HasSubstr("Исполнитель: Белокреницкая Е.В., belokrenitskaya@example.org"));
  EXPECT_THAT(page, Not(HasSubstr(">once<")));
}

TEST_F(ReportCliTest, BadOptionsAreRefusedAndNothingIsWritten) {
  Outcome no_output = Report({"--format", "xlsx"});
  EXPECT_EQ(no_output.status, 2);
  EXPECT_THAT(no_output.err, HasSubstr("укажите --output"));
  Outcome backwards =
      Vekha({"--database", Database(), "report", kZaozersk, "--from", "2022-09-01", "--to", "2021-09-01"});
  EXPECT_EQ(backwards.status, 2);
  EXPECT_THAT(backwards.err, HasSubstr("--to 2021-09-01 раньше --from 2022-09-01"));
  std::string file = Output("nope.json");
  Outcome unknown = Report({"--roadmap", "rm-9", "-o", file});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_THAT(unknown.err, HasSubstr("нет дорожной карты «rm-9»"));
  EXPECT_FALSE(std::filesystem::exists(file));
}

}  // namespace
}  // namespace vekha::testing_support
