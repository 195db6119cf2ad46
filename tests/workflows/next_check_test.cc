// Next checks: the rules look at a task only inside the window around its own days (or at a
// repeat), every change to the task or its evidence brings it back, and a change of the rules or
// the deployment brings every task back. A year of simulation gives the same timeline with and
// without the skipping (tests/app/simulate_cli_test.cc); this file pins the mechanism.
#include "workflows/next_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/status_matchers.h"
#include "tests/workflows/task_service_fixture.h"
#include "workflows/rule_loader.h"
#include "workflows/rule_runner.h"

namespace vekha::testing_support {
namespace {

std::vector<rules::Rule> RulesFrom(const std::string& yaml) {
  Diagnostics diagnostics;
  std::vector<rules::Rule> rules;
  LoadRuleText(yaml, "rules.yaml", diagnostics, rules);
  EXPECT_FALSE(diagnostics.HasErrors());
  return rules;
}

std::string Rule(const std::string& when) {
  return "rules:\n  - {id: test, title: Проверка, when: '" + when + "', notify: [responsible], template: reminder}\n";
}

TEST(NextCheckTest, TheWindowCoversTheLargestNumberInWorkingDays) {
  // The defaults compare with at most 10 (days since opening): 2 × 10 + 7 days.
  CheckWindow defaults = CheckWindowOf(DefaultRules());
  EXPECT_EQ(defaults.days, 27);
  EXPECT_FALSE(defaults.daily);
  EXPECT_TRUE(CheckWindowOf(RulesFrom(Rule("today >= 2022-05-01"))).daily);
  EXPECT_EQ(CheckWindowOf(RulesFrom(Rule("days_overdue >= 30"))).days, 67);
  EXPECT_FALSE(CheckWindowOf(RulesFrom(Rule("days_overdue >= 30"))).between_anchors);
  EXPECT_TRUE(CheckWindowOf(RulesFrom(Rule("days_since_submission > days_until_due"))).between_anchors);
}

TEST(NextCheckTest, ATaskIsLookedAtOnlyAroundItsOwnDaysAndAtItsRepeats) {
  TaskRecord task;
  task.opens = MakeDate(2022, 1, 1);
  task.due = MakeDate(2022, 6, 30);
  task.effective_due = MakeDate(2022, 6, 30);
  CheckWindow window{27, false};
  // Opened a month ago, due in months: not before 27 days ahead of the deadline.
  EXPECT_EQ(NextCheckDay(task, std::nullopt, window, std::nullopt, MakeDate(2022, 2, 1)), MakeDate(2022, 6, 3));
  // Within 27 days of opening, or of the deadline: every day.
  EXPECT_EQ(NextCheckDay(task, std::nullopt, window, std::nullopt, MakeDate(2022, 1, 20)), MakeDate(2022, 1, 21));
  EXPECT_EQ(NextCheckDay(task, std::nullopt, window, std::nullopt, MakeDate(2022, 6, 10)), MakeDate(2022, 6, 11));
  EXPECT_EQ(NextCheckDay(task, std::nullopt, window, std::nullopt, MakeDate(2022, 7, 26)), MakeDate(2022, 7, 27));
  // Past the deadline's window nothing changes any more, but a repeat still comes.
  EXPECT_EQ(NextCheckDay(task, std::nullopt, window, std::nullopt, MakeDate(2022, 7, 27)), kNoNextCheck);
  EXPECT_EQ(NextCheckDay(task, std::nullopt, window, MakeDate(2022, 8, 3), MakeDate(2022, 7, 27)),
            MakeDate(2022, 8, 3));
  // A late submission is a day of its own.
  EXPECT_EQ(NextCheckDay(task, MakeDate(2022, 8, 20), window, std::nullopt, MakeDate(2022, 8, 1)),
            MakeDate(2022, 8, 2));
  // Facts compared with each other: every day from the first window to the last.
  EXPECT_EQ(NextCheckDay(task, std::nullopt, CheckWindow{27, false, true}, std::nullopt, MakeDate(2022, 3, 1)),
            MakeDate(2022, 3, 2));
  // Rules reading `today` look daily.
  EXPECT_EQ(NextCheckDay(task, std::nullopt, CheckWindow{27, true}, std::nullopt, MakeDate(2022, 2, 1)),
            MakeDate(2022, 2, 2));
}

TEST(NextCheckTest, TheDigestFollowsTheRulesAndTheDirectory) {
  Deployment deployment;
  deployment.people.push_back(Person{"petrov", "Петров П.П.", "", "", "", {{"director", "school-1", {}, {}}}, {}});
  std::vector<rules::Rule> rules = DefaultRules();
  std::string directory = DeploymentInputsDigest(deployment);
  std::string before = RuleInputsDigest(directory, rules);
  EXPECT_EQ(RuleInputsDigest(DeploymentInputsDigest(deployment), rules), before);
  rules.pop_back();
  EXPECT_NE(RuleInputsDigest(directory, rules), before);
  deployment.people.front().roles.front().at = "school-2";
  EXPECT_NE(DeploymentInputsDigest(deployment), directory);
}

class NextCheckFiringTest : public TaskServiceTest {
 protected:
  int Fire(const std::vector<rules::Rule>& rules) {
    FireSummary summary;
    EXPECT_THAT(FireRules(deployment_, rules, *service_, *store_, clock_, summary), IsOk());
    return summary.evaluated;
  }
};

TEST_F(NextCheckFiringTest, FiringLooksAtWhatCanChangeAndWhatChanged) {
  deployment_.settings.notifications.catch_up = CatchUpPolicy::kAll;
  At(2022, 3, 1);
  Sync();
  std::vector<rules::Rule> rules = DefaultRules();
  int all = Fire(rules);
  EXPECT_GT(all, 10);
  // Facts change by the day: the same day again, nothing is looked at.
  EXPECT_EQ(Fire(rules), 0);
  // Evidence brings its task back.
  std::string january = Id("monitoring", "school-1", "2022-01");
  ASSERT_THAT(service_->Submit({january, "petrov", {{"", File("a.pdf", "a")}}, {{"Охват", "45"}}, ""}), IsOk());
  EXPECT_EQ(Fire(rules), 1);
  // The next day: the tasks whose windows are open (February's analysis, due 28 February), not
  // those due months ahead nor those long past with no repeat due.
  At(2022, 3, 2);
  int next_day = Fire(rules);
  EXPECT_GT(next_day, 0);
  EXPECT_LT(next_day, all);
  // Inside their windows they keep their check: the same day again, nothing; the day after, the
  // same ones again (none of their windows closes on 2 March).
  EXPECT_EQ(Fire(rules), 0);
  At(2022, 3, 3);
  EXPECT_EQ(Fire(rules), next_day);
  // Other rules: every live task is looked at again.
  rules.pop_back();
  EXPECT_EQ(Fire(rules), all);
}

}  // namespace
}  // namespace vekha::testing_support
