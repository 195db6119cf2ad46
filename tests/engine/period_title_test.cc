// Period keys in words: every form the occurrence expansion writes, and anything else unchanged.
#include "engine/period_title.h"

#include <gtest/gtest.h>

namespace vekha {
namespace {

TEST(PeriodTitleTest, EveryKeyFormReadsAsRussian) {
  EXPECT_EQ(PeriodTitle("2022-08"), "август 2022");
  EXPECT_EQ(PeriodTitle("2022-01"), "январь 2022");
  EXPECT_EQ(PeriodTitle("2022"), "2022 год");
  EXPECT_EQ(PeriodTitle("2022/23"), "2022/23 учебный год");
  EXPECT_EQ(PeriodTitle("2022-Q1"), "I квартал 2022");
  EXPECT_EQ(PeriodTitle("2022-Q4"), "IV квартал 2022");
  EXPECT_EQ(PeriodTitle("2022-H2"), "II полугодие 2022");
  EXPECT_EQ(PeriodTitle("2022/23-H1"), "I полугодие 2022/23 учебного года");
  EXPECT_EQ(PeriodTitle("once"), "разовое");
  EXPECT_EQ(PeriodTitle("manual-3"), "по запросу № 3");
}

TEST(PeriodTitleTest, OtherKeysStayAsTheyAre) {
  for (const char* key : {"2022-13", "2022-Q5", "2022-H3", "manual-x", "", "abc", "2022-W12", "22-08"}) {
    EXPECT_EQ(PeriodTitle(key), key) << key;
  }
}

}  // namespace
}  // namespace vekha
