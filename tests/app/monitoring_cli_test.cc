// What the roadmaps monitor, through the binary: the indicator catalogue of seed 000 (83
// indicators with their 2022-2025 targets), values reported by hand and their verdicts, and
// events recorded by a coordinator dating the tasks that wait for them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/app/cli_support.h"

namespace {

using testing::HasSubstr;
using vekha::testing_support::Outcome;
using vekha::testing_support::ScratchDirectory;
using vekha::testing_support::Vekha;

// Simulates 2022 of a copied example with its script and keeps the state; "" when it failed.
std::string Simulate2022(const ScratchDirectory& scratch, const std::string& example) {
  std::string database = (scratch.path() / "year.sqlite3").string();
  Outcome simulated = Vekha({"simulate", example, "--from", "2022-01-01", "--to", "2022-12-31", "--script",
                             example + "/simulation.yaml", "--keep-database", database, "--summary"});
  EXPECT_EQ(simulated.status, 0) << simulated.err;
  return simulated.status == 0 ? database : "";
}

TEST(MonitoringCliTest, TheCityProgrammeListsItsEightyThreeIndicatorsWithFourYearlyTargets) {
  ScratchDirectory scratch;
  std::string city = scratch.CopyExample("kemerovo-city");
  Outcome run = Vekha({"--now", "2026-03-01T00:00:00Z", "indicators", city, "--format", "json"});
  ASSERT_EQ(run.status, 0) << run.err;
  nlohmann::json indicators = nlohmann::json::parse(run.out)["indicators"];
  ASSERT_EQ(indicators.size(), 83u);
  for (const nlohmann::json& indicator : indicators) {
    EXPECT_EQ(indicator["targets"].size(), 4u) << indicator["id"];
    EXPECT_EQ(indicator["years"].size(), 4u) << indicator["id"];
  }
  // L395: fewer unserved children is better, 11 → 5.
  EXPECT_EQ(indicators[0]["better"], "lower");
  EXPECT_EQ(indicators[0]["targets"]["2025"], 5);
  // L403, the EGE ratio, in «ед.» with decimals written with a comma.
  nlohmann::json ege = indicators[6];
  EXPECT_EQ(ege["unit"], "ед.");
  EXPECT_DOUBLE_EQ(ege["targets"]["2023"].get<double>(), 3.77);
  EXPECT_EQ(ege["years"][0]["verdict"], "no-value");  // 2022's value was due on 31 January 2023
}

TEST(MonitoringCliTest, ValuesAreJudgedAgainstTheTargetInTheIndicatorsDirectionAndOnTime) {
  ScratchDirectory scratch;
  std::string city = scratch.CopyExample("kemerovo-city");
  // The head of the department coordinates the city roadmap.
  std::string text = vekha::testing_support::ReadFile(city + "/roadmaps/city-roadmap.yaml");
  size_t at = text.find("coordinator: ");
  ASSERT_NE(at, std::string::npos);
  std::string coordinator = text.substr(at + 13, text.find('\n', at) - at - 13);

  Outcome refused = Vekha({"--now", "2023-01-20T05:00:00Z", "indicators", "record", "p1-01", "--year", "2022",
                           "--value", "много", "--as", coordinator, "-d", city});
  EXPECT_EQ(refused.status, 2);
  EXPECT_THAT(refused.err, HasSubstr("--value «много» — не число"));
  Outcome wrong_level = Vekha({"--now", "2023-01-20T05:00:00Z", "indicators", "record", "p1-01", "--year", "2022",
                               "--value", "10", "--org", "school-1", "--as", coordinator, "-d", city});
  EXPECT_EQ(wrong_level.status, 1);
  EXPECT_THAT(wrong_level.err, HasSubstr("— муниципальный: организацию не указывают"));

  // 2022: 10 % unserved against a target of 11 (lower is better), on time; 2023: 8 against 7, late.
  Outcome first = Vekha({"--now", "2023-01-20T05:00:00Z", "indicators", "record", "p1-01", "--year", "2022", "--value",
                         "10", "--as", coordinator, "-d", city, "--comment", "отчёт 85-К"});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("за 2022 год: 10 %"));
  ASSERT_EQ(Vekha({"--now", "2024-03-01T05:00:00Z", "indicators", "record", "p1-01", "--year", "2023", "--value", "8",
                   "--as", coordinator, "-d", city})
                .status,
            0);
  Outcome shown = Vekha({"--now", "2024-03-02T05:00:00Z", "indicators", city, "--format", "json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  nlohmann::json years = nlohmann::json::parse(shown.out)["indicators"][0]["years"];
  EXPECT_EQ(years[0]["verdict"], "met");
  EXPECT_EQ(years[0]["on_time"], true);
  EXPECT_EQ(years[1]["verdict"], "not-met");
  EXPECT_EQ(years[1]["on_time"], false);
  EXPECT_EQ(years[1]["change"], -2);
  EXPECT_EQ(years[3]["verdict"], "not-due");

  // The department's report of 2023 has every catalogue indicator's 2023 target against its value.
  Outcome report = Vekha({"--now", "2024-03-02T05:00:00Z", "report", city, "--from", "2023-01-01", "--to", "2023-12-31",
                          "--format", "json"});
  ASSERT_EQ(report.status, 0) << report.err;
  nlohmann::json targets = nlohmann::json::parse(report.out)["targets"];
  ASSERT_EQ(targets.size(), 83u);
  EXPECT_EQ(targets[0]["indicator"], "p1-01");
  EXPECT_EQ(targets[0]["year"], 2023);
  EXPECT_EQ(targets[0]["target"], 7);
  EXPECT_EQ(targets[0]["actual"], 8);
  EXPECT_EQ(targets[0]["verdict"], "not-met");
  EXPECT_EQ(targets[1]["verdict"], "no-value");
  Outcome csv = Vekha({"--now", "2024-03-02T05:00:00Z", "report", city, "--from", "2023-01-01", "--to", "2023-12-31",
                       "--format", "csv"});
  EXPECT_THAT(csv.out, HasSubstr("Целевые показатели по годам"));
  EXPECT_THAT(csv.out, HasSubstr(",%,,2023,≤ 7,8,не достигнут,нет\r\n"));
  Outcome audit = Vekha({"audit", "verify", "-d", city});
  EXPECT_EQ(audit.status, 0) << audit.out << audit.err;
}

// Seed 002 as a working deployment: a simulated 2022 in which the ВПР results come on 20 May. The
// analyses are due 30 working days later (L338); the heads' meeting 30 working days after the
// analysis was done, which implies the event it counts from (L340); the ШНОР school's two-year
// analysis counts from its inclusion (L647); next year's tasks still wait for their event.
TEST(MonitoringCliTest, TheMsokoYearDatesEveryDeadlineFromTheEventItCountsFrom) {
  ScratchDirectory scratch;
  std::string msoko = scratch.CopyExample("kemerovo-msoko");
  std::string database = Simulate2022(scratch, msoko);
  ASSERT_FALSE(database.empty());
  Outcome tasks =
      Vekha({"--database", database, "--now", "2023-01-01T00:00:00Z", "tasks", "-d", msoko, "--format", "json"});
  ASSERT_EQ(tasks.status, 0) << tasks.err;
  std::map<std::string, nlohmann::json> by_task;
  for (const nlohmann::json& task : nlohmann::json::parse(tasks.out)) {
    by_task[task["activity"].get<std::string>() + "/" + task["organisation"].get<std::string>() + "/" +
            task["key"].get<std::string>()] = task;
  }
  EXPECT_EQ(by_task["procedure-analysis/uo/2022"]["due"], "2022-07-04");
  EXPECT_EQ(by_task["school-analysis/school-3/2022"]["opens"], "2022-05-20");
  nlohmann::json meeting = by_task["heads-meeting/uo/2022"];
  EXPECT_EQ(meeting["opens"], by_task["procedure-analysis/uo/2022"]["finished_on"]);
  EXPECT_EQ(meeting["status"], "confirmed");
  EXPECT_EQ(by_task["effectiveness-shnor/school-3/once"]["due"], "2023-09-01");
  EXPECT_EQ(by_task["procedure-analysis/uo/2023"]["awaits_event"], "procedure-results");
  EXPECT_TRUE(by_task["procedure-analysis/uo/2023"]["due"].is_null());
  // «ежегодно по итогам календарного года» (L370): 2022's review is due in January 2023.
  EXPECT_EQ(by_task["annual-review/uo/2022"]["due"], "2023-01-31");

  Outcome report = Vekha({"--database", database, "--now", "2023-01-01T00:00:00Z", "report", msoko, "--from",
                          "2022-01-01", "--to", "2022-12-31", "--format", "json"});
  EXPECT_EQ(report.status, 0) << report.err;
  Outcome events = Vekha(
      {"--database", database, "--now", "2023-01-01T00:00:00Z", "event", "list", "-d", msoko, "--format", "json"});
  ASSERT_EQ(events.status, 0) << events.err;
  nlohmann::json listed = nlohmann::json::parse(events.out)["events"];
  EXPECT_EQ(listed[0]["dates"][0]["on"], "2022-05-20");
  EXPECT_EQ(listed[2]["dates"][0]["organisation"], "school-3");
}

// Seed 001 as a working deployment: the order's only dated clause (L23), the goals «к 2025 году»
// as indicator targets, «ежегодная положительная динамика» (L243) judged against the year before,
// and «с сентября 2021 года» (L206) as a duty from that month.
TEST(MonitoringCliTest, BereznikiGoalsAreIndicatorsWithTargetsAndItsDutiesAreDated) {
  ScratchDirectory scratch;
  std::string berezniki = scratch.CopyExample("berezniki");
  std::string database = Simulate2022(scratch, berezniki);
  ASSERT_FALSE(database.empty());
  Outcome shown =
      Vekha({"--database", database, "--now", "2023-02-01T00:00:00Z", "indicators", berezniki, "--format", "json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  std::map<std::string, nlohmann::json> by_id;
  nlohmann::json parsed = nlohmann::json::parse(shown.out);
  for (const nlohmann::json& indicator : parsed["indicators"]) {
    by_id[indicator["id"].get<std::string>()] = indicator;
  }
  EXPECT_EQ(by_id["shnor-dynamics"]["targets"]["2025"], 60);
  nlohmann::json volunteering = by_id["volunteering"]["years"];
  EXPECT_EQ(volunteering[0]["year"], 2021);
  EXPECT_EQ(volunteering[0]["actual"], 31);
  EXPECT_EQ(volunteering[1]["verdict"], "no-value");  // 2022's was due on 31 January 2023
  EXPECT_EQ(by_id["teaching-load"]["better"], "lower");

  Outcome plan = Vekha({"plan", berezniki, "--from", "2021-10-27", "--to", "2021-12-31", "--format", "json"});
  ASSERT_EQ(plan.status, 0) << plan.err;
  bool published = false;
  for (const nlohmann::json& task : nlohmann::json::parse(plan.out)) {
    if (task["activity"] == "publish-order") published = task["effective_due"] == "2021-11-08";
  }
  EXPECT_TRUE(published) << plan.out;  // 30 October - 7 November 2021 were days off by decree
}

// Seed 003 as a working deployment: the three directions' plans T4-T6 (L2352-2898, 58 rows) over
// the okrug's 18 schools, the stages of «Раздел 5» (L2160-2172) and the passport's targets (L50-58).
TEST(MonitoringCliTest, TheOkrugProgrammeTracksItsDirectionsItsStagesAndItsPassportTargets) {
  std::string okrug = std::string(VEKHA_SOURCE_DIR) + "/examples/kemerovo-okrug-500plus";
  Outcome check = Vekha({"check", "--strict", okrug});
  ASSERT_EQ(check.status, 0) << check.err;
  EXPECT_THAT(check.out, HasSubstr("22 организации, 22 человека, 6 дорожных карт, 84 мероприятия"));

  Outcome plan = Vekha({"plan", okrug, "--from", "2021-12-01", "--to", "2025-01-31", "--format", "json"});
  ASSERT_EQ(plan.status, 0) << plan.err;
  std::map<std::string, std::set<std::string>> activities;  // roadmap → activities with tasks
  std::set<std::string> schools_planning;                   // L2379: each school's plan of courses
  std::vector<std::string> august;                          // L2582: the August conference
  std::string summary_due;
  for (const nlohmann::json& task : nlohmann::json::parse(plan.out)) {
    activities[task["roadmap"]].insert(task["activity"].get<std::string>());
    if (task["activity"] == "formirovanie-plana-grafika-povysheniya" && task["key"] == "2023") {
      schools_planning.insert(task["organisation"].get<std::string>());
    }
    if (task["activity"] == "obsuzhdenie-na-avgustovskom-soveshhanii" && task["organisation"] == "arsentyevskaya") {
      august.push_back(task["due"]);
    }
    if (task["activity"] == "stage-3-summary") summary_due = task["effective_due"];
  }
  EXPECT_EQ(activities["t4-professional-development"].size(), 21u);
  EXPECT_EQ(activities["t5-objectivity"].size(), 17u);
  EXPECT_EQ(activities["t6-assessment-system"].size(), 20u);
  EXPECT_EQ(activities["programme-stages"].size(), 5u);
  EXPECT_EQ(activities["t3-finance"].size(), 1u);  // L2188; the 2021 row is a fact of the past
  EXPECT_EQ(schools_planning.size(), 18u);
  EXPECT_EQ(august, (std::vector<std::string>{"2022-08-31", "2023-08-31", "2024-08-31"}));
  // «4 квартал 2024 года»: 31 December 2024 is a day off, and so are 1-8 January 2025.
  EXPECT_EQ(summary_due, "2025-01-09");

  Outcome indicators = Vekha({"--now", "2025-02-03T03:00:00Z", "indicators", okrug, "--format", "json"});
  ASSERT_EQ(indicators.status, 0) << indicators.err;
  nlohmann::json passport = nlohmann::json::parse(indicators.out)["indicators"];
  ASSERT_EQ(passport.size(), 8u);
  for (const nlohmann::json& indicator : passport) {
    ASSERT_EQ(indicator["years"].size(), 1u) << indicator["id"];
    EXPECT_EQ(indicator["years"][0]["year"], 2024);
    EXPECT_EQ(indicator["years"][0]["verdict"], "no-value");
  }
  EXPECT_EQ(passport[2]["unit"], "п. п.");  // «увеличение … на 3 %»: the increase itself
  EXPECT_EQ(passport[2]["targets"]["2024"], 3);
}

// Seed 000's school year 2022/23 with its script: the 83 indicators of 2022 are reported in
// January 2023 (five miss their target, three come after 31 January, two never): the default
// indicator rules tell the coordinator of each, once, and the report judges them.
TEST(MonitoringCliTest, TheCityYearReportsItsIndicatorsAndTheRulesChaseTheMissingAndTheMissed) {
  ScratchDirectory scratch;
  std::string city = scratch.CopyExample("kemerovo-city");
  std::string database = (scratch.path() / "year.sqlite3").string();
  Outcome simulated = Vekha({"simulate", city, "--from", "2022-09-01", "--to", "2023-08-31", "--script",
                             city + "/simulation.yaml", "--keep-database", database, "--format", "json"});
  ASSERT_EQ(simulated.status, 0) << simulated.err;
  std::map<std::string, std::set<std::string>> by_rule;  // rule → indicator subjects
  int values = 0;
  nlohmann::json year = nlohmann::json::parse(simulated.out);
  for (const nlohmann::json& entry : year["timeline"]) {
    values += entry["kind"] == "value";
    std::string rule = entry.value("rule", "");
    if (entry["kind"] == "reminded" && rule.starts_with("indicator-")) {
      EXPECT_EQ(entry["person"], "zam-odo");
      by_rule[rule].insert(entry["activity"].get<std::string>());
    }
  }
  EXPECT_EQ(values, 81);
  EXPECT_EQ(by_rule["indicator-not-met"],
            (std::set<std::string>{"indicator/p1-07/2022", "indicator/p2-04/2022", "indicator/p4-03/2022",
                                   "indicator/p5-02/2022", "indicator/p7-02/2022"}));
  // On 1 February the three late values were not in yet; two never came.
  EXPECT_EQ(by_rule["indicator-no-value"],
            (std::set<std::string>{"indicator/p3-01/2022", "indicator/p3-02/2022", "indicator/p6-02/2022",
                                   "indicator/p3-05/2022", "indicator/p6-03/2022"}));

  Outcome report = Vekha({"--database", database, "--now", "2023-09-01T00:00:00Z", "report", city, "--from",
                          "2022-01-01", "--to", "2022-12-31", "--format", "json"});
  ASSERT_EQ(report.status, 0) << report.err;
  std::map<std::string, int> verdicts;
  int late = 0;
  nlohmann::json targets = nlohmann::json::parse(report.out)["targets"];
  for (const nlohmann::json& line : targets) {
    ++verdicts[line["verdict"].get<std::string>()];
    late += line["on_time"] == false;
  }
  EXPECT_EQ(verdicts, (std::map<std::string, int>{{"met", 76}, {"not-met", 5}, {"no-value", 2}}));
  EXPECT_EQ(late, 3);
}

TEST(MonitoringCliTest, AScriptsIndicatorValuesAreCheckedBeforeAnythingIsSimulated) {
  ScratchDirectory scratch;
  std::string city = scratch.CopyExample("kemerovo-city");
  std::string script = (scratch.path() / "values.yaml").string();
  std::ofstream(script)
      << "actions:\n"
         "  - {on: 2023-01-25, as: zam-odo, do: record-indicator, indicator: p1-99, year: 2022, value: 1}\n"
         "  - {on: 2023-01-25, as: zam-odo, do: record-indicator, indicator: p1-01, value: много}\n"
         "  - {on: 2023-01-25, as: zam-odo, do: submit, activity: x, indicator: p1-01}\n";
  Outcome run = Vekha({"simulate", city, "--from", "2023-01-01", "--to", "2023-01-31", "--script", script});
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr(script + ":2:68: ошибка: нет показателя «p1-99»"));
  EXPECT_THAT(run.err, HasSubstr(script + ":3:5: ошибка: не хватает обязательного ключа «year»"));
  EXPECT_THAT(run.err, HasSubstr(script + ":3:82: ошибка: «много» — не число; напишите 12,5 или 12.5"));
  EXPECT_THAT(run.err, HasSubstr(script + ":4:71: ошибка: «indicator» — только для record-indicator"));
}

}  // namespace
