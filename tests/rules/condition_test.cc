// The condition language: what it means on a task's facts, and the errors it gives, with columns.
#include "rules/condition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vekha::rules {
namespace {

using testing::Contains;
using testing::HasSubstr;

// An open task of a school, due Monday 31 January 2022, looked at on `today`.
TaskFacts SchoolTask(const Date& today) {
  TaskFacts facts;
  facts.status = "open";
  facts.kind = "yearly";
  facts.roadmap = "rm-1-3";
  facts.activity = "r2-monitoring";
  facts.key = "2022-01";
  facts.organisation = "oo-alekhina";
  facts.organisation_kind = "school";
  facts.organisation_tags = {"shnor", "500plus"};
  facts.today = today;
  facts.opens = MakeDate(2022, 1, 1);
  facts.due = MakeDate(2022, 1, 31);
  facts.effective_due = MakeDate(2022, 1, 31);
  facts.working_days_until_due = 0;
  facts.responsible_assigned = true;
  facts.deliverables = {"Аналитическая справка", "Охват"};
  facts.missing_deliverables = {"Аналитическая справка"};
  facts.values = {{"Охват", 35}};
  facts.targets = {{"Охват", 40}};
  return facts;
}

bool Holds(const char* condition, const TaskFacts& facts) {
  CompileResult compiled = CompileCondition(condition);
  EXPECT_TRUE(compiled.condition) << condition << ": " << compiled.error.message;
  return compiled.condition && Evaluate(*compiled.condition, facts);
}

TEST(ConditionTest, ReadsTheTasksFacts) {
  TaskFacts facts = SchoolTask(MakeDate(2022, 1, 24));
  facts.working_days_until_due = 5;
  EXPECT_TRUE(Holds(R"(status in ["open", "returned"] and working_days_until_due <= 5)", facts));
  EXPECT_FALSE(Holds("working_days_until_due <= 1", facts));
  EXPECT_TRUE(Holds("days_until_due == 7 and not overdue and has_due", facts));
  EXPECT_TRUE(Holds(R"(organisation_tags contains "500plus" and organisation_kind == "school")", facts));
  EXPECT_TRUE(Holds(R"(missing contains "Аналитическая справка" and missing_deliverables == 1)", facts));
  EXPECT_FALSE(Holds(R"(has_deliverable("Аналитическая справка"))", facts));
  EXPECT_TRUE(Holds(R"(has_deliverable("Охват") and value("Охват") < target("Охват"))", facts));
  EXPECT_TRUE(Holds("effective_due == 2022-01-31 and opens < today", facts));
  EXPECT_TRUE(Holds(R"((roadmap == "rm-1-3" or roadmap == "rm-1-6") and key != "2022-05")", facts));
}

TEST(ConditionTest, OverdueIsDerivedFromTodayAndTheStatus) {
  TaskFacts facts = SchoolTask(MakeDate(2022, 2, 3));
  facts.working_days_until_due = -3;
  EXPECT_TRUE(Holds("overdue and days_overdue == 3 and working_days_overdue == 3", facts));
  facts.status = "submitted";
  EXPECT_TRUE(Holds("not overdue and days_overdue == 0", facts));
}

TEST(ConditionTest, AbsentFactsMakeComparisonsFalse) {
  TaskFacts facts = SchoolTask(MakeDate(2022, 1, 10));
  facts.due.reset();
  facts.effective_due.reset();
  EXPECT_FALSE(Holds("days_until_due <= 3", facts));
  EXPECT_FALSE(Holds("days_until_due > 3", facts));
  EXPECT_TRUE(Holds("not has_due", facts));
  EXPECT_FALSE(Holds(R"(value("Нет такого") < 10)", facts));
  EXPECT_FALSE(Holds("days_since_submission >= 5", facts));
}

struct BadCondition {
  const char* text;
  int column;
  const char* message;
  const char* hint;  // or nullptr
};

class BadConditionTest : public testing::TestWithParam<BadCondition> {};

TEST_P(BadConditionTest, IsRefusedAtItsColumn) {
  const BadCondition& bad = GetParam();
  CompileResult compiled = CompileCondition(bad.text);
  ASSERT_FALSE(compiled.condition) << bad.text;
  EXPECT_EQ(compiled.error.column, bad.column) << bad.text << ": " << compiled.error.message;
  EXPECT_THAT(compiled.error.message, HasSubstr(bad.message)) << bad.text;
  if (bad.hint != nullptr) {
    EXPECT_THAT(compiled.error.hints, Contains(HasSubstr(bad.hint))) << bad.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadConditionTest,
    testing::Values(
        BadCondition{"", 1, "условие пустое", nullptr},
        BadCondition{"overdue and dayz_overdue >= 3", 13, "неизвестное имя «dayz_overdue»", "«days_overdue»"},
        BadCondition{R"(status == "opne")", 11, "«opne» не бывает значением status", "«open»"},
        BadCondition{R"(status in ["open", "retruned"])", 11, "«retruned» не бывает значением status", "«returned»"},
        BadCondition{"days_overdue >= \"3\"", 14, "«>=» сравнивает разное: число и строка", nullptr},
        BadCondition{R"(status < "open")", 8, "«<» сравнивает числа или даты, а здесь строка", nullptr},
        BadCondition{"days_overdue", 1, "условие должно давать true или false, а здесь число", nullptr},
        BadCondition{"overdue and days_overdue", 13, "«and» требует true/false с обеих сторон, а здесь число", nullptr},
        BadCondition{"overdue = true", 9, "лишний символ «=»; сравнение пишется ==", nullptr},
        BadCondition{R"(organisation_kind == "school)", 22, "строка не закрыта", nullptr},
        BadCondition{"overdue overdue", 9, "лишнее «overdue» после законченного условия", nullptr},
        BadCondition{"(overdue and has_due", 21, "ожидалась «)»", nullptr},
        BadCondition{R"("school" in organisation_kind)", 10, "«in» проверяет, есть ли строка в списке", nullptr},
        BadCondition{R"(organisation_tags contains 5)", 19, "«contains» проверяет, есть ли в списке строка", nullptr},
        BadCondition{"due < 2022-02-30", 7, "«2022-02-30» — такой даты нет", nullptr},
        BadCondition{"value(Охват) < 5", 7, "лишний символ «О»; текст пишется в двойных кавычках", nullptr},
        BadCondition{"value(5) < 5", 7, "«value» принимает \"строку\"", nullptr},
        BadCondition{"not days_overdue", 5, "«not» требует true/false, а здесь число", nullptr},
        BadCondition{"overdue and (((((((((((((((((((((((((((((((((((overdue)))))))))))))))))))))))))))))))))", 46,
                     "вложено слишком глубоко", nullptr}));

TEST(ConditionTest, EveryFieldIsDocumented) {
  for (const ConditionField& field : ConditionFields()) EXPECT_FALSE(field.meaning.empty()) << field.name;
  EXPECT_GE(ConditionFields().size(), 31u);
}

}  // namespace
}  // namespace vekha::rules
