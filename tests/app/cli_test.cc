// End-to-end tests of the `vekha` binary: the bundled examples, exit statuses and the
// explain-timing JSON contract of docs/timing.md, «What explain-timing prints».
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/app/cli_support.h"

namespace {

using testing::HasSubstr;
using testing::Not;
using vekha::testing_support::Outcome;
using vekha::testing_support::Vekha;

std::string Example(const char* name) { return std::string(VEKHA_SOURCE_DIR) + "/examples/" + name; }

TEST(CliTest, EveryExamplePassesStrictCheck) {
  for (const char* example : {"zaozersk", "kemerovo-okrug-500plus", "kemerovo-msoko", "berezniki", "demo"}) {
    Outcome run = Vekha({"check", "--strict", Example(example)});
    EXPECT_EQ(run.status, 0) << example << "\n" << run.err;
    EXPECT_THAT(run.out, HasSubstr("в порядке"));
  }
}

TEST(CliTest, ZaozerskHasAllSixtyOneRoadmapRowsAndTheOrdersClauses) {
  Outcome run = Vekha({"check", Example("zaozersk")});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("8 дорожных карт, 67 мероприятий;"));  // 61 rows + 6 clauses
}

TEST(CliTest, CheckExitsOneOnErrorsAndOnWarningsWhenStrict) {
  vekha::testing_support::ScratchDirectory scratch;
  const std::filesystem::path& root = scratch.path();
  std::ofstream(root / "vekha.yaml") << "include: [org.yaml]\n";
  std::ofstream(root / "org.yaml") << "organisations:\n  - {id: mku, name: МКУ, kind: authorty}\n";
  Outcome invalid = Vekha({"check", root.string()});
  EXPECT_EQ(invalid.status, 1);
  EXPECT_THAT(invalid.err, HasSubstr("org.yaml:2:32: ошибка: неизвестный вид организации «authorty»"));
  EXPECT_THAT(invalid.err, HasSubstr("может быть, «authority»?"));

  std::ofstream(root / "org.yaml") << "organisations:\n  - {id: mku, name: МКУ, kind: authority}\n"
                                      "roadmap:\n  id: r\n  title: R\n  period: {from: 2021-01-01, to: 2022-12-31}\n"
                                      "  owner: mku\n  activities:\n    - {id: a, title: A, timing: Август}\n";
  Outcome warned = Vekha({"check", root.string()});
  EXPECT_EQ(warned.status, 0) << warned.err;
  EXPECT_THAT(warned.err, HasSubstr("предупреждение"));
  EXPECT_EQ(Vekha({"check", "--strict", root.string()}).status, 1);
}

TEST(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Vekha({"check"}).status, 2);
  EXPECT_EQ(Vekha({"plan", Example("zaozersk"), "--from", "2021-13-01"}).status, 2);
  EXPECT_EQ(Vekha({"no-such-command"}).status, 2);
}

TEST(CliTest, EverySubcommandHasHelp) {
  for (const char* command : {"check", "explain-timing", "plan", "report", "import-table"}) {
    Outcome run = Vekha({command, "--help"});
    EXPECT_EQ(run.status, 0) << command;
    EXPECT_THAT(run.out, HasSubstr("Запуск")) << command;
  }
}

// CLI11 words its help and its errors in English; people read them in Russian.
TEST(CliTest, HelpAndCommandLineErrorsSpeakRussian) {
  Outcome help = Vekha({"--help"});
  EXPECT_THAT(help.out, HasSubstr("Запуск: "));
  EXPECT_THAT(help.out, HasSubstr("Показать эту справку и выйти"));
  EXPECT_THAT(help.out, HasSubstr("--now МОМЕНТ"));
  for (const char* english : {"Usage", "Options", "Subcommands", "Print this help", "REQUIRED", "TEXT"}) {
    EXPECT_THAT(help.out, Not(HasSubstr(english))) << english;
  }
  Outcome report = Vekha({"report", "--help"});
  EXPECT_THAT(report.out, Not(HasSubstr("Options:")));
  EXPECT_THAT(report.out, HasSubstr("Параметры:"));

  Outcome extras = Vekha({"check", "a", "b", "c"});
  EXPECT_EQ(extras.status, 2);
  EXPECT_THAT(extras.err, HasSubstr("ошибка: лишние аргументы: b c"));
  EXPECT_THAT(Vekha({"check"}).err, HasSubstr("ошибка: не указан обязательный аргумент path"));
  EXPECT_THAT(Vekha({"--log-level", "loud", "check", "."}).err,
              HasSubstr("«loud» — недопустимое значение; допустимо: trace,debug,info,warn,error,off"));
  EXPECT_THAT(Vekha({"plan", ".", "--from", "2022-13-01"}).err,
              HasSubstr("--from: нужна дата вида ГГГГ-ММ-ДД, а написано «2022-13-01»"));
  EXPECT_THAT(Vekha({}).err, HasSubstr("не указана команда"));
}

TEST(CliTest, ExplainTimingPrintsTheJsonContract) {
  Outcome run = Vekha(
      {"explain-timing", "Ежегодно январь, май", "--from", "2021-01-01", "--to", "2023-12-31", "--format", "json"});
  ASSERT_EQ(run.status, 0) << run.err;
  nlohmann::json json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["input"], "Ежегодно январь, май");
  EXPECT_EQ(json["kind"], "yearly");
  EXPECT_EQ(json["structured"], nlohmann::json::parse(R"({"repeat": "yearly", "months": [1, 5]})"));
  EXPECT_TRUE(json["warnings"].empty());
  ASSERT_EQ(json["occurrences"].size(), 6u);
  EXPECT_EQ(json["occurrences"][0],
            nlohmann::json::parse(
                R"({"key": "2021-01", "opens": "2021-01-01", "due": "2021-01-31", "effective_due": "2021-02-01"})"));
}

TEST(CliTest, ExplainTimingShowsNullDeadlinesAndHonoursOptions) {
  Outcome continuous =
      Vekha({"explain-timing", "Постоянно", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json"});
  nlohmann::json json = nlohmann::json::parse(continuous.out);
  EXPECT_EQ(json["kind"], "continuous");
  EXPECT_TRUE(json["occurrences"][0]["due"].is_null());
  EXPECT_TRUE(json["occurrences"][0]["effective_due"].is_null());

  Outcome previous = Vekha({"explain-timing", "Декабрь 2021", "--from", "2021-01-01", "--to", "2021-12-31", "--shift",
                            "previous", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(previous.out)["occurrences"][0]["effective_due"], "2021-12-30");

  Outcome academic = Vekha({"explain-timing", "Ежегодно", "--from", "2022-09-01", "--to", "2023-08-31", "--year",
                            "academic", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(academic.out)["occurrences"][0]["key"], "2022/23");

  Outcome on_demand = Vekha({"explain-timing", "По запросу", "--format", "json"});
  EXPECT_TRUE(nlohmann::json::parse(on_demand.out)["occurrences"].empty());
}

TEST(CliTest, ExplainTimingRejectsBrokenPhrasesWithStatusTwo) {
  Outcome run = Vekha({"explain-timing", "Декабрь 202", "--from", "2022-01-01", "--to", "2024-12-31"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_THAT(run.err, HasSubstr("в годе должно быть четыре цифры"));
  EXPECT_THAT(run.err, HasSubstr("«Декабрь 2022»"));
}

TEST(CliTest, PlanListsTheZaozerskSchoolYearInRussian) {
  Outcome run = Vekha({"plan", Example("zaozersk"), "--from", "2021-09-01", "--to", "2022-08-31"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("План с 01.09.2021 по 31.08.2022"));
  EXPECT_THAT(run.out, HasSubstr("── срок 10.09.2021 (пт) ──"));
  EXPECT_THAT(run.out, HasSubstr("ответственные: Алехина Е.В."));
  EXPECT_THAT(run.out, HasSubstr("── срок 10.08.2022 (ср) ──"));
}

TEST(CliTest, PlanFormatsAreConsistent) {
  // Through January 2023: December's deadline moves past the New Year holidays.
  std::vector<std::string> range = {"--from", "2022-01-01", "--to", "2023-01-31"};
  std::vector<std::string> json_args = {"plan", Example("kemerovo-okrug-500plus"), "--format", "json"};
  json_args.insert(json_args.end(), range.begin(), range.end());
  Outcome json_run = Vekha(json_args);
  ASSERT_EQ(json_run.status, 0) << json_run.err;
  nlohmann::json tasks = nlohmann::json::parse(json_run.out);

  std::vector<std::string> csv_args = {"plan", Example("kemerovo-okrug-500plus"), "--format", "csv"};
  csv_args.insert(csv_args.end(), range.begin(), range.end());
  Outcome csv_run = Vekha(csv_args);
  size_t csv_rows = static_cast<size_t>(std::count(csv_run.out.begin(), csv_run.out.end(), '\n')) - 1;
  EXPECT_EQ(csv_rows, tasks.size());

  // The monthly visit to the 500+ school: twelve tasks for 2022, due in Kemerovo's zone (UTC+7).
  int visits = 0;
  for (const nlohmann::json& task : tasks) {
    if (task["activity"] != "r02-monthly-visit") continue;
    ++visits;
    EXPECT_EQ(task["organisation"], "metallploshchadka");
    if (task["key"] == "2022-04") {
      EXPECT_EQ(task["effective_due"], "2022-05-04");
      EXPECT_EQ(task["deadline_utc"], "2022-05-04T17:00:00Z");
    }
  }
  EXPECT_EQ(visits, 12);

  Outcome person = Vekha({"plan", Example("kemerovo-okrug-500plus"), "--person", "proshletsova", "--format", "json",
                          "--from", "2022-01-01", "--to", "2022-12-31"});
  for (const nlohmann::json& task : nlohmann::json::parse(person.out)) {
    bool responsible = false;
    for (const nlohmann::json& who : task["responsible"]) responsible = responsible || who["id"] == "proshletsova";
    EXPECT_TRUE(responsible) << task.dump();
  }
  EXPECT_EQ(Vekha({"plan", Example("kemerovo-okrug-500plus"), "--person", "nobody"}).status, 2);
}

}  // namespace
