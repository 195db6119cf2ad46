// Indicator rules: a catalogue indicator's yearly value is an expected report that the default
// rules chase when it is missing after its deadline and flag when it misses its target — fired
// once per (rule, indicator's year), rendered in Russian with the indicator's own words — and
// rules that cannot apply to an indicator are refused where they are written.
#include "workflows/indicator_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "notifiers/renderer.h"
#include "tests/status_matchers.h"
#include "tests/workflows/task_service_fixture.h"
#include "workflows/rule_loader.h"
#include "workflows/rule_runner.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;
using testing::UnorderedElementsAre;

class IndicatorRulesTest : public TaskServiceTest {
 protected:
  IndicatorRulesTest() {
    // Seed 001 (Berezniki), L120-L128 style: a municipality's goal and a school's result.
    deployment_files_.Write(
        "roadmaps/indicators.yaml",
        "indicators:\n"
        "  - {id: low-results, title: Доля школ с низкими образовательными результатами, unit: '%',\n"
        "     better: lower, targets: {2022: 10, 2023: 8}}\n"
        "  - {id: vpr-mean, title: Средний балл ВПР, unit: балл, level: organisation,\n"
        "     for: {tags: [500plus]}, targets: {2022: 3.6, 2023: положительная динамика}}\n");
    Reload();
  }

  FireSummary Fire() {
    FireSummary summary;
    Status status = FireRules(deployment_, DefaultRules(), *service_, *store_, clock_, summary);
    EXPECT_THAT(status, IsOk()) << status.message();
    return summary;
  }

  // "rule subject" of each message queued by the last firing.
  static std::vector<std::string> Queued(const FireSummary& summary) {
    std::vector<std::string> queued;
    for (const OutboxMessage& message : summary.messages) {
      if (message.rule.starts_with("indicator-")) queued.push_back(message.rule + " " + message.task_id);
    }
    return queued;
  }

  void Record(const std::string& indicator, const std::string& organisation, int year, double value,
              const std::string& person) {
    ASSERT_THAT(service_->RecordIndicator(indicator, organisation, year, value, person, ""), IsOk());
  }
};

TEST_F(IndicatorRulesTest, AMissingValueIsChasedOnceAfterItsDeadlineAndAMissedTargetIsReported) {
  At(2023, 1, 31);  // 2022's values are due today: nothing is late yet
  Sync();
  EXPECT_THAT(Queued(Fire()), testing::IsEmpty());

  At(2023, 2, 1);
  Record("vpr-mean", "school-1", 2022, 3.4, "petrov");  // below 3.6, and a day late
  FireSummary first = Fire();
  EXPECT_THAT(Queued(first), UnorderedElementsAre("indicator-no-value indicator/low-results/2022",
                                                  "indicator-not-met indicator/vpr-mean@school-1/2022"));
  for (const OutboxMessage& message : first.messages) {
    if (message.rule.starts_with("indicator-")) {
      EXPECT_EQ(message.recipient, "ivanova");  // the coordinator
    }
  }
  At(2023, 2, 2);
  EXPECT_THAT(Queued(Fire()), testing::IsEmpty());  // each once

  // 2023: the share met its target from below; the mean fell against 2022 — no positive dynamics.
  At(2024, 1, 15);
  Record("low-results", "", 2023, 7.5, "ivanova");
  Record("vpr-mean", "school-1", 2023, 3.3, "petrov");
  EXPECT_THAT(Queued(Fire()), UnorderedElementsAre("indicator-not-met indicator/vpr-mean@school-1/2023"));
}

TEST_F(IndicatorRulesTest, MessagesSpeakOfTheIndicatorAndLinkToItsPage) {
  std::ofstream(deployment_files_.File("vekha.yaml"), std::ios::app)
      << "notifications: {link: \"https://vekha.example.ru/tasks/{task}\"}\n";
  Reload();
  At(2023, 2, 1);
  Sync();
  Record("vpr-mean", "school-1", 2022, 3.4, "petrov");
  FireSummary summary = Fire();
  std::map<std::string, notifiers::Message> rendered;
  for (const OutboxMessage& message : summary.messages) {
    if (message.rule.starts_with("indicator-")) {
      rendered.emplace(message.rule, notifiers::RenderMessage(deployment_, message, MakeDate(2023, 2, 1)));
    }
  }
  ASSERT_EQ(rendered.size(), 2u);
  const notifiers::Message& missing = rendered.at("indicator-no-value");
  EXPECT_EQ(missing.subject,
            "Нет значения показателя за 2022 год: «Доля школ с низкими образовательными результатами»");
  EXPECT_THAT(missing.body, HasSubstr("(муниципальный показатель) за 2022 год нужно было сообщить до 31.01.2023"));
  EXPECT_THAT(missing.body, HasSubstr("Целевое значение: 10 %."));
  EXPECT_THAT(missing.body, HasSubstr("https://vekha.example.ru/indicators?year=2022"));
  const notifiers::Message& missed = rendered.at("indicator-not-met");
  EXPECT_THAT(missed.body, HasSubstr("«Средний балл ВПР» (Школа 1) за 2022 год: 3,4 балл, целевое значение — 3,6."));
}

TEST(IndicatorRuleLoaderTest, SubjectsAreNamedForPeople) {
  EXPECT_EQ(SubjectText("indicator/p1-01/2022"), "показатель p1-01 за 2022");
  EXPECT_EQ(SubjectText("indicator/vpr-mean@school-1/2023"), "показатель vpr-mean (school-1) за 2023");
  EXPECT_EQ(SubjectText("VTVSFVPCYQZ1"), "задача VTVSFVPCYQZ1");
  EXPECT_FALSE(IsIndicatorSubject("indicator/"));
}

TEST(IndicatorRuleLoaderTest, RulesThatCannotApplyToAnIndicatorAreRefusedWhereTheyAreWritten) {
  TempDeployment deployment;
  deployment.Write(
      "rules.yaml",
      "rules:\n"
      "  - {id: a, title: А, subject: indicator, when: overdue, notify: [responsible], template: overdue}\n"
      "  - {id: b, title: Б, subject: indicator, when: overdue, flag: late}\n"
      "  - {id: c, title: В, subject: indikator, when: overdue, notify: head, template: overdue}\n");
  Diagnostics diagnostics;
  std::vector<rules::Rule> loaded;
  LoadRuleFile(deployment.File("rules.yaml"), diagnostics, loaded);
  std::string report;
  for (const Diagnostic& diagnostic : diagnostics.entries()) report += FormatDiagnostic(diagnostic) + "\n";
  EXPECT_THAT(report, HasSubstr("rules.yaml:2:66: ошибка: у показателя нет «responsible»"));
  EXPECT_THAT(report, HasSubstr("rules.yaml:3:64: ошибка: «flag» неприменимо: у правила показателя нет задачи"));
  EXPECT_THAT(report, HasSubstr("rules.yaml:4:32: ошибка: «subject» (предмет правила): неизвестное значение "
                                "«indikator»; допустимо: task или indicator"));

  // A roadmap's own rules look at its tasks.
  deployment.WriteRoadmap(
      "    - {id: m, title: М, timing: Ежегодно январь, responsible: [specialist@mku],\n"
      "       rules: [{id: mine, title: Моё, subject: indicator, when: overdue, notify: head,\n"
      "                template: overdue}]}\n");
  Diagnostics roadmap_diagnostics;
  LoadDeployment(deployment.path(), roadmap_diagnostics);
  std::string roadmap_report;
  for (const Diagnostic& diagnostic : roadmap_diagnostics.entries())
    roadmap_report += FormatDiagnostic(diagnostic) + "\n";
  EXPECT_THAT(roadmap_report, HasSubstr("правило «mine» смотрит на показатели, а не на задачи этой дорожной карты"));
}

}  // namespace
}  // namespace vekha::testing_support
