// Russian counts: the noun's form follows the last two digits of the number.
#include "engine/russian_count.h"

#include <gtest/gtest.h>

namespace vekha {
namespace {

TEST(RussianCountTest, TheFormFollowsTheLastTwoDigits) {
  EXPECT_EQ(CountOf(0, nouns::kTasks), "0 задач");
  EXPECT_EQ(CountOf(1, nouns::kTasks), "1 задача");
  EXPECT_EQ(CountOf(2, nouns::kTasks), "2 задачи");
  EXPECT_EQ(CountOf(4, nouns::kTasks), "4 задачи");
  EXPECT_EQ(CountOf(5, nouns::kTasks), "5 задач");
  EXPECT_EQ(CountOf(11, nouns::kTasks), "11 задач");
  EXPECT_EQ(CountOf(12, nouns::kTasks), "12 задач");
  EXPECT_EQ(CountOf(14, nouns::kTasks), "14 задач");
  EXPECT_EQ(CountOf(21, nouns::kTasks), "21 задача");
  EXPECT_EQ(CountOf(22, nouns::kDays), "22 дня");
  EXPECT_EQ(CountOf(111, nouns::kDays), "111 дней");
  EXPECT_EQ(CountOf(204, nouns::kTasks), "204 задачи");
  EXPECT_EQ(CountOf(1001, nouns::kRoadmaps), "1001 дорожная карта");
  EXPECT_EQ(CountOf(-3, nouns::kDays), "-3 дня");
  EXPECT_EQ(CountOf(12, nouns::kPeople), "12 человек");
  EXPECT_EQ(CountOf(3, nouns::kPeople), "3 человека");
}

}  // namespace
}  // namespace vekha
