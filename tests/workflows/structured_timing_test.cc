// The structured timing form: YAML in, JSON out, with the same keys.
#include "workflows/structured_timing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/workflows/test_deployment.h"
#include "workflows/timing_phrase.h"

namespace vekha {
namespace {

using testing::HasSubstr;
using testing_support::TempDeployment;

TEST(StructuredTimingTest, WhatExplainPrintsReadsBackAsTheSameTiming) {
  for (const char* phrase : {"Ежегодно январь, май", "ежеквартально (до 15 числа месяца, следующего за отчетным периодом)",
                             "Октябрь 2021 - июль 2022", "Май 2021 года, ежегодно", "Ежегодно, в срок до 10 августа",
                             "2022-23", "По плану УО", "Ежегодно III квартал", "Январь 2022 ( далее – ежемесячно)"}) {
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
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:24: error: unknown repeat «yearli»\n    did you mean «yearly»?"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:44: error: a month must be between 1 and 12, got 13"));
  EXPECT_THAT(report, HasSubstr("error: «by: 31-12» is not a day of the year; expected MM-DD"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:14:15: error: give at most one of «months», «window»"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:14:15: error: «repeat: once» needs «year», «due» or «opens»"));
  EXPECT_THAT(report, HasSubstr("error: «after» needs exactly one of «days» or «working_days»"));
}

}  // namespace
}  // namespace vekha
