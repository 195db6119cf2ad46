// The broken «Сроки» and responsible cells of the seeds, pasted unchanged into a roadmap:
// `check` must name file:line:column, say what is wrong and offer the nearest accepted forms.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/workflows/test_deployment.h"

namespace vekha {
namespace {

using testing::HasSubstr;
using testing_support::TempDeployment;

std::string Activity(const std::string& timing, const std::string& responsible = "[specialist@mku]") {
  return "    - id: a1\n"              // line 8
         "      title: Мероприятие\n"  // line 9
         "      timing: \"" +
         timing +
         "\"\n"  // line 10; the phrase starts at column 16
         "      responsible: " +
         responsible + "\n";  // line 11
}

TEST(SeedCellsTest, TruncatedYearOf500PlusRow1IsAnErrorAtTheYear) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("Декабрь 202"));  // seed 003, L2218
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 1) << report;
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:24: ошибка: срок «Декабрь 202» не прочитан: "
                                "в годе должно быть четыре цифры, а написано «202»"));
  EXPECT_THAT(report, HasSubstr("ближайшая допустимая запись: «Декабрь 2021»"));
}

TEST(SeedCellsTest, BrokenWordOf500PlusRows9And10SuggestsTheWholeWord) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("По необходимо сти"));  // seed 003, L2267 and L2273
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 1) << report;
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:19: ошибка: срок «По необходимо сти» не прочитан: "
                                "незнакомое слово «необходимо»"));
  EXPECT_THAT(report, HasSubstr("ближайшая допустимая запись: «По необходимости»"));
}

TEST(SeedCellsTest, MisspeltMonthSuggestsTheMonth) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("Сентяюрь 2021"));
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:16: ошибка: срок «Сентяюрь 2021» не прочитан: "
                                "незнакомое слово «сентяюрь»"));
  EXPECT_THAT(report, HasSubstr("«сентябрь 2021»"));
}

TEST(SeedCellsTest, ImpossibleDateIsAnError) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("31.04. 2022 года"));
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:16: ошибка: срок «31.04. 2022 года» не прочитан: "
                                "31.04.2022 — такой даты нет"));
}

TEST(SeedCellsTest, MonthsSeparatedByABareSpaceAreAListWithAWarning) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("Ежегодно декабрь май"));  // seed 004, L174
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:15: предупреждение: срок «Ежегодно декабрь май»: месяцы "
                                "через пробел прочитаны как перечень"));
}

TEST(SeedCellsTest, BareMonthWindowInAMultiYearRoadmapWarns) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("Сентябрь – октябрь"));  // seed 004, L99
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:15: предупреждение: срок «Сентябрь – октябрь»: нет ни года, "
                                "ни «ежегодно»: прочитано как ежегодно"));
}

TEST(SeedCellsTest, DateWithoutYearInAMultiYearRoadmapWarns) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("до 25 марта"));  // seed 003, L2244
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("предупреждение: срок «до 25 марта»: нет ни года, ни «ежегодно»"));
}

TEST(SeedCellsTest, DanglingCommaInTheResponsibleCellWarns) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("Октябрь 2021 - июль 2022", "specialist@mku,"));  // seed 004, L215
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:11:20: предупреждение: пустой элемент (лишняя запятая?): "
                                "похоже, пропущен соисполнитель"));
}

TEST(SeedCellsTest, OnceTimingBeforeTheRoadmapWarns) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("2020"));  // like seed 003's «2021» in a 2022-2024 programme
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("предупреждение: срок «2020»: ни один срок не попадает в период дорожной карты"));
}

TEST(SeedCellsTest, MonthHiddenInTheTitleIsSuggested) {
  TempDeployment deployment;
  deployment.WriteRoadmap(  // seed 003, L2582: the August conference with the timing «Ежегодно»
      "    - id: a1\n"
      "      title: Обсуждение на августовском совещании вопроса о состоянии качества образования\n"
      "      timing: Ежегодно\n"
      "      responsible: specialist@mku\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:15: предупреждение: срок «Ежегодно» охватывает весь год, а в "
                                "названии указан месяц\n    может быть, «Август ежегодно»?"));
}

TEST(SeedCellsTest, YearlyFromAMonthBeforeTheOrderIsAcceptedSilently) {
  TempDeployment deployment;
  deployment.WriteRoadmap(Activity("Май 2021 года, ежегодно"));  // seed 004, L246
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors() + diagnostics.warnings(), 0) << report;
}

}  // namespace
}  // namespace vekha
