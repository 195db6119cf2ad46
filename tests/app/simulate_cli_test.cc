// `vekha simulate` end to end: a school year of each example with its script, read as JSON — the
// scripted returns, waivers and datings happen in order, late schools climb the overdue ladder,
// every queued message is sent once, the same run gives the same timeline, a broken script is
// refused with file:line:column, and the kept database is a sound SQLite file.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/app/cli_support.h"

namespace vekha::testing_support {
namespace {

using nlohmann::json;
using testing::HasSubstr;

const std::string kZaozersk = std::string(VEKHA_SOURCE_DIR) + "/examples/zaozersk";
const std::string kKemerovo = std::string(VEKHA_SOURCE_DIR) + "/examples/kemerovo-okrug-500plus";

json Simulate(const std::string& deployment, const std::string& from, const std::string& to,
              const std::vector<std::string>& more = {}) {
  std::vector<std::string> arguments = {"simulate", deployment, "--from", from, "--to", to, "--format", "json"};
  arguments.insert(arguments.end(), more.begin(), more.end());
  Outcome outcome = Vekha(arguments);
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  return json::parse(outcome.out);
}

// The entries of one task (activity and organisation) that are not messages, in order.
std::vector<std::string> StoryOf(const json& timeline, const std::string& activity, const std::string& organisation) {
  std::vector<std::string> story;
  for (const json& entry : timeline) {
    std::string kind = entry["kind"];
    if (entry.value("activity", "") != activity || entry.value("organisation", "") != organisation) continue;
    if (kind == "reminded" || kind == "escalated" || kind == "sent") continue;
    story.push_back(entry["at"].get<std::string>() + " " + kind + " " + entry.value("person", "") +
                    (entry.contains("detail") ? " " + entry["detail"].get<std::string>() : ""));
  }
  return story;
}

class ZaozerskYearTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    year_ = new json(Simulate(kZaozersk, "2021-09-01", "2022-08-31", {"--script", kZaozersk + "/simulation.yaml"}));
  }
  static void TearDownTestSuite() { delete year_; }
  static const json& timeline() { return (*year_)["timeline"]; }
  static json* year_;
};

json* ZaozerskYearTest::year_ = nullptr;

TEST_F(ZaozerskYearTest, TheScriptedReturnHappensBetweenTwoSubmissionsAndIsConfirmedAfter) {
  // 10:00 and 15:30 Moscow time are 07:00 and 12:30 UTC.
  EXPECT_THAT(
      StoryOf(timeline(), "i-3-gia-report", "mku"),
      testing::IsSupersetOf({"2021-09-20T07:00:00Z submitted galkina",
                             "2021-09-22T12:30:00Z returned legkaya Нет сравнения с результатами 2020 года",
                             "2021-09-24T07:00:00Z submitted galkina", "2021-09-28T07:00:00Z confirmed legkaya"}));
}

TEST_F(ZaozerskYearTest, TheCoordinatorWaivesAndDatesExternalTasks) {
  EXPECT_THAT(StoryOf(timeline(), "i-6-pisa", "oo-kirgeeva"),
              testing::Contains("2021-10-05T07:00:00Z waived belokrenitskaya ОО не вошла в выборку исследования PISA"));
  std::vector<std::string> vpr = StoryOf(timeline(), "i-5-vpr", "oo-alekhina");
  // Dated on 14 February for 29 April; the routine submits two working days before, the
  // confirmer confirms two working days after.
  EXPECT_THAT(vpr, testing::IsSupersetOf({"2022-02-14T07:00:00Z dated belokrenitskaya",
                                          "2022-04-27T07:00:00Z submitted alekhina",
                                          "2022-04-29T07:00:00Z confirmed belokrenitskaya"}));
}

TEST_F(ZaozerskYearTest, TheLateKindergartenFallsOverdueAndIsEscalatedTheOthersAreNot) {
  std::map<std::string, int> overdue;
  std::map<std::string, int> escalated;
  for (const json& entry : timeline()) {
    if (entry["kind"] == "overdue") ++overdue[entry.value("organisation", "")];
    if (entry["kind"] == "escalated") {
      ++escalated[entry.value("organisation", "")];
      EXPECT_THAT(entry.value("rule", ""), testing::StartsWith("overdue-"));
    }
  }
  EXPECT_GT(overdue["oo-markina"], 0);
  EXPECT_GT(escalated["oo-markina"], 0);
  // The schools that keep the routine are never overdue with dated tasks opened during the year.
  for (const json& entry : timeline()) {
    if (entry["kind"] == "submitted" && entry.value("organisation", "") == "oo-markina") {
      EXPECT_GT(entry["at"].get<std::string>().substr(0, 10), entry.value("due", "")) << entry.dump();
    }
  }
}

TEST_F(ZaozerskYearTest, EveryQueuedMessageIsSentOnceAndNothingIsRefused) {
  const json& totals = (*year_)["totals"];
  EXPECT_EQ(totals.value("sent", 0), totals.value("reminded", 0) + totals.value("escalated", 0));
  EXPECT_GT(totals.value("sent", 0), 500);
  EXPECT_FALSE(totals.contains("refused")) << totals.dump();
  EXPECT_FALSE(totals.contains("failed")) << totals.dump();
  EXPECT_EQ((*year_)["planned"], 522);
}

TEST_F(ZaozerskYearTest, TheSameRunGivesTheSameTimeline) {
  json again = Simulate(kZaozersk, "2021-09-01", "2022-08-31", {"--script", kZaozersk + "/simulation.yaml"});
  EXPECT_EQ(again["timeline"], timeline());
}

TEST(SimulateCliTest, KemerovoConceptDocumentsAreLateReturnedAndConfirmedThenTheProgrammesOpenOverdue) {
  json year = Simulate(kKemerovo, "2021-12-01", "2022-12-31", {"--script", kKemerovo + "/simulation.yaml"});
  // 10:00 Novokuznetsk is 03:00 UTC; the deadline of 25 March is a Friday.
  EXPECT_THAT(
      StoryOf(year["timeline"], "r06-concept-documents", "metallploshchadka"),
      testing::ElementsAre(
          testing::HasSubstr("opened"), "2022-03-25T17:00:01Z overdue ", "2022-03-29T03:00:00Z submitted proshletsova",
          "2022-03-30T09:00:00Z returned krivosheeva Нет программы по риску «Низкая учебная мотивация обучающихся»",
          "2022-04-01T03:00:00Z submitted proshletsova", "2022-04-04T03:00:00Z confirmed krivosheeva"));
  bool coordinator_told = false;
  for (const json& entry : year["timeline"]) {
    if (entry["kind"] == "escalated" && entry["activity"] == "r11-development-programmes") {
      coordinator_told |= entry["person"] == "mikhailova";
    }
  }
  EXPECT_TRUE(coordinator_told);
}

TEST(SimulateCliTest, WithoutAScriptNobodyActsAndTheLadderClimbsToTheHead) {
  json month = Simulate(kZaozersk, "2021-09-01", "2021-10-31");
  std::set<std::string> rules;
  for (const json& entry : month["timeline"]) {
    EXPECT_NE(entry["kind"], "submitted");
    if (entry["kind"] == "escalated") rules.insert(entry["rule"]);
  }
  EXPECT_THAT(rules, testing::IsSupersetOf({"overdue-coordinator", "overdue-head"}));
}

TEST(SimulateCliTest, TextShowsTheTimelineAndAMonthlySummary) {
  Outcome text = Vekha({"simulate", kKemerovo, "--from", "2022-03-01", "--to", "2022-04-30", "--script",
                        kKemerovo + "/simulation.yaml"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("2022-03-30 16:00  возвращена"));
  EXPECT_THAT(text.out,
              HasSubstr("r06-concept-documents · metallploshchadka (срок 2022-03-25)  (krivosheeva): Нет программы"));
  EXPECT_THAT(text.out, HasSubstr("2022-04 "));
  Outcome summary = Vekha({"simulate", kKemerovo, "--from", "2022-03-01", "--to", "2022-04-30", "--summary"});
  EXPECT_THAT(summary.out, testing::Not(HasSubstr("2022-03-01 00:00")));
  // The 500+ roadmap, the three directions' plans and the programme's stages, over 2022-2024.
  EXPECT_THAT(summary.out, HasSubstr("Задач в плане: 1677"));
}

TEST(SimulateCliTest, ARefusedActionIsOnTheTimelineWithItsScriptLine) {
  ScratchDirectory scratch;
  std::string script = (scratch.path() / "actions.yaml").string();
  std::ofstream(script) << "actions:\n"
                           "  - on: 2022-01-20\n"
                           "    as: mikhailova\n"
                           "    do: confirm\n"
                           "    activity: r03-school-working-group\n"
                           "  - on: 2022-01-21\n"
                           "    as: mikhailova\n"
                           "    do: submit\n"
                           "    activity: r03-school-working-group\n";
  json run = Simulate(kKemerovo, "2022-01-01", "2022-01-31", {"--script", script});
  std::vector<std::string> refusals;
  for (const json& entry : run["timeline"]) {
    if (entry["kind"] == "refused") refusals.push_back(entry["detail"]);
  }
  ASSERT_EQ(refusals.size(), 2u);
  EXPECT_THAT(refusals[0],
              HasSubstr("confirm (" + script + ":2): no task of «r03-school-working-group» is ready to confirm"));
  EXPECT_THAT(refusals[1], HasSubstr("submit (" + script + ":6): "));
}

TEST(SimulateCliTest, ABrokenScriptIsRefusedWithPositionsAndNothingIsSimulated) {
  ScratchDirectory scratch;
  std::string script = (scratch.path() / "actions.yaml").string();
  std::ofstream(script) << "routines:\n"
                           "  - do: submitt\n"
                           "    working_days_before_due: 2\n"
                           "actions:\n"
                           "  - on: 2022-01-20\n"
                           "    as: mikhailva\n"
                           "    do: submit\n"
                           "    activity: r03-school-workinggroup\n"
                           "    files: [missing.pdf]\n"
                           "  - on: 2022-13-01\n"
                           "    as: mikhailova\n"
                           "    do: return\n"
                           "    activity: r03-school-working-group\n";
  Outcome outcome = Vekha({"simulate", kKemerovo, "--from", "2022-01-01", "--to", "2022-01-31", "--script", script});
  EXPECT_EQ(outcome.status, 1);
  EXPECT_TRUE(outcome.out.empty()) << outcome.out;
  EXPECT_THAT(outcome.err, HasSubstr(script + ":2:9: ошибка: «submitt» — не действие сценария"));
  EXPECT_THAT(outcome.err, HasSubstr("может быть, «submit»?"));
  EXPECT_THAT(outcome.err, HasSubstr(script + ":6:9: ошибка: нет человека «mikhailva»"));
  EXPECT_THAT(outcome.err, HasSubstr(script + ":8:15: ошибка: нет мероприятия «r03-school-workinggroup»"));
  EXPECT_THAT(outcome.err, HasSubstr("missing.pdf» (пути отсчитываются от сценария)"));
  EXPECT_THAT(outcome.err, HasSubstr(script + ":10:9: ошибка:"));
  EXPECT_THAT(outcome.err, HasSubstr("не хватает обязательного ключа «reason»: для return нужна причина"));
}

TEST(SimulateCliTest, KeepsTheDatabaseWhenAskedAndNeverOverwritesOne) {
  ScratchDirectory scratch;
  std::string database = (scratch.path() / "year.sqlite3").string();
  json run = Simulate(kKemerovo, "2021-12-01", "2022-06-30",
                      {"--script", kKemerovo + "/simulation.yaml", "--keep-database", database});
  Outcome checked = Shell("sqlite3 " + Quote(database) +
                          " 'PRAGMA integrity_check; SELECT count(*) FROM tasks; "
                          "SELECT count(*) FROM audit_log WHERE event = \"confirmed\";'");
  ASSERT_EQ(checked.status, 0) << checked.err;
  int confirmed = 0;
  for (const json& entry : run["timeline"]) confirmed += entry["kind"] == "confirmed";
  EXPECT_EQ(checked.out, fmt::format("ok\n1677\n{}\n", confirmed));

  Outcome again =
      Vekha({"simulate", kKemerovo, "--from", "2021-12-01", "--to", "2021-12-31", "--keep-database", database});
  EXPECT_EQ(again.status, 2);
  EXPECT_THAT(again.err, HasSubstr("уже существует; моделирование начинается с пустой базы"));
}

}  // namespace
}  // namespace vekha::testing_support
