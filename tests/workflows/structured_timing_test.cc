// The structured timing form: YAML in, JSON out, with the same keys.
#include "workflows/structured_timing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/occurrences.h"
#include "tests/workflows/test_deployment.h"
#include "workflows/timing_phrase.h"

namespace vekha {
namespace {

using testing::HasSubstr;
using testing_support::TempDeployment;

TEST(StructuredTimingTest, WhatExplainPrintsReadsBackAsTheSameTiming) {
  for (const char* phrase :
       {"Ежегодно январь, май", "ежеквартально (до 15 числа месяца, следующего за отчетным периодом)",
        "Октябрь 2021 - июль 2022", "Май 2021 года, ежегодно", "Ежегодно, в срок до 10 августа", "2022-23",
        "По плану УО", "Ежегодно III квартал", "Январь 2022 ( далее – ежемесячно)", "апрель, май - июнь, июль",
        "по итогам календарного года", "с 1 февраля до 1 марта",
        "в течение календарного года, следующего за отчетным периодом", "2008 - 2010 ежемесячно",
        "на 6-10-й рабочий день месяца, следующего за отчетным", "по понедельникам", "с сентября 2021 года",
        "по итогам четверти"}) {
    PhraseResult parsed = ParseTimingPhrase(phrase);
    ASSERT_TRUE(parsed.ok) << phrase;
    std::string json = TimingSpecToJson(parsed.spec).dump();
    TempDeployment deployment;
    deployment.Write("timing.yaml", "timing: " + json + "\n");
    Diagnostics diagnostics;
    YamlReader reader(deployment.File("timing.yaml"), diagnostics);
    ASSERT_TRUE(reader.Load());
    std::optional<TimingSpec> read = ReadStructuredTiming(reader.root()["timing"], reader);
    ASSERT_TRUE(read) << phrase << " → " << json;
    EXPECT_EQ(*read, parsed.spec) << phrase << " → " << json;
  }
}

TEST(StructuredTimingTest, InvalidStructuredTimingsAreErrors) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - id: a1\n"
      "      title: A\n"
      "      timing: {repeat: yearli, months: [1, 13], by: 31-12}\n"
      "      responsible: ivanova\n"
      "    - id: a2\n"
      "      title: B\n"
      "      timing: {repeat: once, months: [5], window: [6, 8]}\n"
      "      responsible: ivanova\n"
      "    - id: a3\n"
      "      title: C\n"
      "      timing: {after: a1, days: 3, working_days: 3}\n"
      "      responsible: ivanova\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(
      report,
      HasSubstr("roadmaps/test.yaml:10:24: ошибка: неизвестная периодичность «yearli»\n    может быть, «yearly»?"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:44: ошибка: месяц: нужно число от 1 до 12, а не 13"));
  EXPECT_THAT(report, HasSubstr("ошибка: «by: 31-12» — такого дня в году нет; нужен вид ММ-ДД"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:14:15: ошибка: укажите не больше одного из «months», «window»"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:14:15: ошибка: «repeat: once» требует «year», «due» или «opens»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «after» требует ровно одно из «days» или «working_days»"));
}

// A key the timing's repeat would ignore is refused where it stands, naming the repeats it works
// with: nothing in a timing is accepted without an effect.
TEST(StructuredTimingTest, KeysWithoutEffectAreRefused) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - id: a1\n"
      "      title: A\n"
      "      timing: {repeat: continuous, due_day: 5, report: true}\n"
      "      responsible: ivanova\n"
      "    - id: a2\n"
      "      title: B\n"
      "      timing: {repeat: monthly, months: [1], weekday: 2, report_months: 3}\n"
      "      responsible: ivanova\n"
      "    - id: a3\n"
      "      title: C\n"
      "      timing: {after: a1, days: 3, since: 2022-01}\n"
      "      responsible: ivanova\n"
      "    - id: a4\n"
      "      title: D\n"
      "      timing: {repeat: once, year: 2022, opens_working_day: 3, start: 02-01}\n"
      "      responsible: ivanova\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report,
              HasSubstr("roadmaps/test.yaml:10:45: ошибка: «due_day» ничего не меняет при «repeat: continuous»\n"
                        "    он действует при repeat: auto, once, yearly, half-yearly, quarterly, monthly"));
  EXPECT_THAT(report, HasSubstr("ошибка: «report» ничего не меняет при «repeat: continuous»"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:14:41: ошибка: «months» ничего не меняет при «repeat: monthly»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «weekday» ничего не меняет при «repeat: monthly»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «report_months» требует «report: true»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «since» ничего не меняет рядом с «after»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «opens_working_day» требует «due_working_day»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «start» открывает окно, которому нужен конец: «by»"));
}

// What used to be accepted and ignored now takes effect: a report on a year, a continuous duty
// from a month on.
TEST(StructuredTimingTest, ReportsOnAYearAndContinuousDutiesFromAMonthTakeEffect) {
  TimingSpec yearly_report;
  yearly_report.repeat = Repeat::kYearly;
  yearly_report.report = true;
  yearly_report.due_day = 20;
  ExpansionContext context{MakeDate(2022, 1, 1), MakeDate(2022, 12, 31)};
  Expansion expansion = ExpandTiming(yearly_report, context);
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2023, 1, 1));
  EXPECT_EQ(expansion.occurrences[0].due, MakeDate(2023, 1, 20));

  TimingSpec continuous;
  continuous.repeat = Repeat::kContinuous;
  continuous.since = YearMonth{2022, 9};
  expansion = ExpandTiming(continuous, context);
  ASSERT_EQ(expansion.occurrences.size(), 1u);
  EXPECT_EQ(expansion.occurrences[0].opens, MakeDate(2022, 9, 1));
  continuous.since.reset();
  continuous.opens = MakeDate(2022, 10, 3);
  EXPECT_EQ(ExpandTiming(continuous, context).occurrences[0].opens, MakeDate(2022, 10, 3));
}

}  // namespace
}  // namespace vekha
