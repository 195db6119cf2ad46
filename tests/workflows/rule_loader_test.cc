// Rule files: the shipped default set, errors with positions, and the default rules on real tasks
// as the clock moves (reminders on working days, the overdue ladder, missing documents).
#include "workflows/rule_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "engine/embedded_file.h"
#include "tests/status_matchers.h"
#include "tests/workflows/task_service_fixture.h"
#include "workflows/next_change.h"
#include "workflows/rule_runner.h"
#include "workflows/task_facts_builder.h"

namespace vekha {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing_support::TaskServiceTest;
using testing_support::TempDeployment;

TEST(RuleLoaderTest, TheDefaultSetLoadsCleanAndCoversSpecSection5) {
  Diagnostics diagnostics;
  std::vector<rules::Rule> loaded;
  for (const EmbeddedFile& file : EmbeddedDefaultRules()) {
    LoadRuleText(std::string(file.contents), std::string(file.name), diagnostics, loaded);
  }
  for (const Diagnostic& diagnostic : diagnostics.entries()) ADD_FAILURE() << FormatDiagnostic(diagnostic);
  std::vector<std::string> ids;
  for (const rules::Rule& rule : loaded) {
    ids.push_back(rule.id);
    EXPECT_TRUE(rule.when) << rule.id;
  }
  EXPECT_THAT(ids, ElementsAre("reminder-7", "reminder-1", "due-today", "overdue-responsible", "overdue-coordinator",
                               "overdue-head", "missing-documents", "nobody-responsible", "stale-confirmation",
                               "external-undated", "indicator-off-target", "indicator-no-value", "indicator-not-met"));
  EXPECT_EQ(loaded[11].subject, rules::RuleSubject::kIndicator);
  EXPECT_EQ(loaded[12].subject, rules::RuleSubject::kIndicator);
  EXPECT_EQ(DefaultRules().size(), loaded.size());
}

TEST(RuleLoaderTest, ErrorsPointIntoTheYaml) {
  TempDeployment deployment;
  deployment.Write("rules.yaml",
                   "rules:\n"
                   "  - id: late\n"
                   "    title: Поздно\n"
                   "    when: overdue and dayz_overdue >= 3\n"
                   "    notify: [responsble]\n"
                   "    template: overdue\n"
                   "  - id: quiet\n"
                   "    title: Тихо\n"
                   "    when: \"status == 'open'\"\n"
                   "    notify: coordinator\n"
                   "  - {id: loud, title: Громко, when: overdue, notify: head, template: t, channel: sms}\n");
  Diagnostics diagnostics;
  std::vector<rules::Rule> loaded;
  LoadRuleFile(deployment.File("rules.yaml"), diagnostics, loaded);
  std::string report;
  for (const Diagnostic& diagnostic : diagnostics.entries()) report += FormatDiagnostic(diagnostic) + "\n";
  EXPECT_THAT(
      report,
      HasSubstr(
          "rules.yaml:4:23: ошибка: правило «late»: неизвестное имя «dayz_overdue»\n    может быть, «days_overdue»?"));
  EXPECT_THAT(
      report,
      HasSubstr("rules.yaml:5:14: ошибка: неизвестный получатель «responsble»\n    может быть, «responsible»?"));
  EXPECT_THAT(
      report,
      HasSubstr("rules.yaml:9:22: ошибка: правило «quiet»: лишний символ «'»; текст пишется в двойных кавычках"));
  EXPECT_THAT(report, HasSubstr("rules.yaml:7:5: ошибка: правилу, которое уведомляет, нужен «template»"));
  EXPECT_THAT(report, HasSubstr("rules.yaml:11:82: ошибка: неизвестный канал «sms»"));
  EXPECT_THAT(report, testing::Not(HasSubstr("нужно действие")));  // no error cascades from a bad recipient
}

std::vector<std::string> Ids(const std::vector<rules::Rule>& rules) {
  std::vector<std::string> ids;
  for (const rules::Rule& rule : rules) ids.push_back(rule.id);
  return ids;
}

TEST(RuleLoaderTest, ADeploymentSwitchesDefaultsOffAndAddsOrReplacesRules) {
  TempDeployment deployment;
  deployment.Write(
      "rules/own.yaml",
      "rules:\n"
      "  - {id: overdue-head, title: Начальнику через 10 дней, when: overdue and working_days_overdue >= 10,"
      " notify: [head], template: overdue-escalation}\n"
      "  - {id: pilot, title: Пилотные школы, when: organisation_tags contains \"500plus\", notify: [coordinator],"
      " template: pilot, channel: webhook, priority: 5}\n");
  deployment.Write("vekha.yaml",
                   "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n"
                   "rules: {off: [reminder-7, external-undated], files: [rules/*.yaml]}\n");
  deployment.WriteRoadmap("    - {id: a, title: A, timing: Ежегодно, responsible: ivanova, rules_off: [due-today]}\n");
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(deployment.path(), diagnostics);
  ASSERT_TRUE(loaded.deployment) << deployment.Check(diagnostics);
  std::vector<std::string> ids = Ids(loaded.rules);
  EXPECT_THAT(ids, testing::Not(testing::Contains("reminder-7")));
  EXPECT_THAT(ids, testing::Not(testing::Contains("external-undated")));
  EXPECT_THAT(ids, testing::Contains("pilot"));
  auto head = std::find_if(loaded.rules.begin(), loaded.rules.end(),
                           [](const rules::Rule& r) { return r.id == "overdue-head"; });
  ASSERT_NE(head, loaded.rules.end());
  EXPECT_EQ(head->title, "Начальнику через 10 дней");
  auto pilot =
      std::find_if(loaded.rules.begin(), loaded.rules.end(), [](const rules::Rule& r) { return r.id == "pilot"; });
  EXPECT_EQ(pilot->channel, "webhook");
  EXPECT_EQ(pilot->priority, 5);
  EXPECT_EQ(head->channel, "email");
  EXPECT_EQ(loaded.deployment->roadmaps[0].activities[0].rules_off, (std::vector<std::string>{"due-today"}));

  deployment.Write("vekha.yaml",
                   "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n"
                   "rules: {defaults: false, off: [reminder-7]}\n");
  deployment.WriteRoadmap(
      "    - {id: a, title: A, timing: Ежегодно, responsible: ivanova, rules_off: [overdue-hed]}\n");
  Diagnostics refused;
  std::string report = deployment.Check(refused);
  EXPECT_THAT(report, HasSubstr("vekha.yaml:2:31: ошибка: нет правила «reminder-7»"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:8:76: ошибка: нет правила «overdue-hed» (в «rules_off»)"));
}

TEST(RuleLoaderTest, RoadmapsAndActivitiesDeclareRulesForTheirOwnTasks) {
  TempDeployment deployment;
  deployment.Write("roadmaps/test.yaml",
                   "roadmap:\n"
                   "  id: test\n"
                   "  title: T\n"
                   "  period: {from: 2022-01-01, to: 2022-12-31}\n"
                   "  owner: mku\n"
                   "  coordinator: ivanova\n"
                   "  rules:\n"
                   "    - {id: roadmap-late, title: Поздно, when: overdue, flag: late}\n"
                   "  activities:\n"
                   "    - id: a\n"
                   "      title: A\n"
                   "      timing: Ежегодно\n"
                   "      responsible: ivanova\n"
                   "      rules:\n"
                   "        - {id: activity-early, title: Рано, when: days_until_due > 300, flag: early}\n"
                   "        - {id: reminder-7, title: Дубль, when: overdue, flag: x}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:16:11: ошибка: правило с кодом «reminder-7» уже действует"));
  deployment.Write("roadmaps/test.yaml", [&] {
    std::string text =
        "roadmap:\n  id: test\n  title: T\n  period: {from: 2022-01-01, to: 2022-12-31}\n  owner: mku\n"
        "  coordinator: ivanova\n  rules:\n    - {id: roadmap-late, title: Поздно, when: overdue, flag: late}\n"
        "  activities:\n    - id: a\n      title: A\n      timing: Ежегодно\n      responsible: ivanova\n"
        "      rules:\n        - {id: activity-early, title: Рано, when: days_until_due > 300, flag: early}\n";
    return text;
  }());
  Diagnostics clean;
  LoadResult loaded = LoadDeployment(deployment.path(), clean);
  ASSERT_TRUE(loaded.deployment) << deployment.Check(clean);
  auto find = [&](const std::string& id) {
    return std::find_if(loaded.rules.begin(), loaded.rules.end(), [&](const rules::Rule& r) { return r.id == id; });
  };
  ASSERT_NE(find("roadmap-late"), loaded.rules.end());
  EXPECT_EQ(find("roadmap-late")->only_roadmap, "test");
  EXPECT_EQ(find("roadmap-late")->only_activity, "");
  ASSERT_NE(find("activity-early"), loaded.rules.end());
  EXPECT_EQ(find("activity-early")->only_roadmap, "test");
  EXPECT_EQ(find("activity-early")->only_activity, "a");

  // They apply to their own tasks only.
  FakeClock clock(std::chrono::sys_days{MakeDate(2022, 1, 10)});
  Status status;
  std::unique_ptr<TaskStore> store = storage::OpenSqliteTaskStore(deployment.File("db.sqlite3"), clock, status);
  storage::EvidenceStore evidence(deployment.File("evidence"), 1024);
  TaskService service(*loaded.deployment, *store, evidence, clock);
  TaskRecord in_activity;
  in_activity.roadmap = "test";
  in_activity.activity = "a";
  TaskRecord elsewhere = in_activity;
  elsewhere.roadmap = "other";
  auto ids = [&](const TaskRecord& task) {
    std::vector<std::string> applicable;
    for (const rules::Rule* rule : RulesFor(loaded.rules, service, task)) applicable.push_back(rule->id);
    return applicable;
  };
  EXPECT_THAT(ids(in_activity), testing::IsSupersetOf({"roadmap-late", "activity-early", "reminder-7"}));
  EXPECT_THAT(ids(elsewhere), testing::Not(testing::Contains("roadmap-late")));
  EXPECT_THAT(ids(elsewhere), testing::Not(testing::Contains("activity-early")));
  EXPECT_THAT(ids(elsewhere), testing::Contains("reminder-7"));
}

class DefaultRulesTest : public TaskServiceTest {
 protected:
  // The ids of the default rules that hold for `task` today, and whom the first would notify.
  std::vector<std::string> Holding(const std::string& id) {
    TaskRecord task = Get(id);
    std::vector<Submission> submissions;
    EXPECT_THAT(store_->SubmissionsOf(task.id, submissions), IsOk());
    std::optional<Submission> latest;
    if (!submissions.empty()) latest = submissions.back();
    rules::TaskFacts facts = FactsFor(deployment_, *service_, task, latest, LocalToday(clock_, "Europe/Moscow"));
    std::vector<std::string> holding;
    for (const rules::Rule& rule : DefaultRules()) {
      if (rule.subject == rules::RuleSubject::kTask && rules::Evaluate(*rule.when, facts)) holding.push_back(rule.id);
    }
    return holding;
  }
};

TEST_F(DefaultRulesTest, RemindersFallOnWorkingDaysAndTheLadderClimbs) {
  Sync();
  std::string monitoring = Id("monitoring", "school-1", "2022-01");  // due Monday 31 January 2022
  At(2022, 1, 19);
  EXPECT_THAT(Holding(monitoring), ElementsAre());
  At(2022, 1, 20);  // 21, 24, 25, 26, 27, 28 and 31 January: seven working days to go
  EXPECT_THAT(Holding(monitoring), ElementsAre("reminder-7"));
  At(2022, 1, 26);  // three working days, nothing submitted yet
  EXPECT_THAT(Holding(monitoring), ElementsAre("missing-documents"));
  At(2022, 1, 28);
  EXPECT_THAT(Holding(monitoring), ElementsAre("reminder-1", "missing-documents"));
  At(2022, 1, 31);
  EXPECT_THAT(Holding(monitoring), ElementsAre("due-today", "missing-documents"));
  At(2022, 2, 3);  // 1, 2 and 3 February past the deadline
  EXPECT_THAT(Holding(monitoring), ElementsAre("overdue-responsible", "overdue-coordinator", "missing-documents"));
  At(2022, 2, 10);  // 7 working days
  EXPECT_THAT(Holding(monitoring),
              ElementsAre("overdue-responsible", "overdue-coordinator", "overdue-head", "missing-documents"));
}

TEST_F(DefaultRulesTest, SubmissionsSilenceRemindersAndWakeTheConfirmerAndTheTargets) {
  Sync();
  std::string monitoring = Id("monitoring", "school-1", "2022-01");
  At(2022, 1, 28);
  ASSERT_THAT(service_->Submit({monitoring, "petrov", {{"", File("a.pdf", "a")}}, {{"Охват", "35"}}, ""}), IsOk());
  EXPECT_THAT(Holding(monitoring), ElementsAre());
  At(2022, 2, 4);  // 31 January – 4 February: five working days unconfirmed
  EXPECT_THAT(Holding(monitoring), ElementsAre("stale-confirmation"));
  ASSERT_THAT(service_->Confirm(monitoring, "ivanova"), IsOk());
  EXPECT_THAT(Holding(monitoring), ElementsAre("indicator-off-target"));  // 35 % against 40 %
}

TEST_F(DefaultRulesTest, FiringsQueueEachMessageOnceAndRepeatWeekly) {
  // This test jumps days between firings; the catch-up policies are the next test's subject.
  deployment_.settings.notifications.catch_up = CatchUpPolicy::kAll;
  std::vector<rules::Rule> rules = DefaultRules();
  FireSummary summary;
  auto fire = [&] {
    summary = FireSummary{};
    EXPECT_THAT(FireRules(deployment_, rules, *service_, *store_, clock_, summary), IsOk());
    // The January monitoring of both schools and the ВПР task (older tasks of the fixture's
    // roadmap are overdue too, and fire as they should, but are not what this test watches).
    std::set<std::string> watched = {Id("monitoring", "school-1", "2022-01"), Id("monitoring", "school-2", "2022-01"),
                                     Id("vpr", "mku", "once")};
    std::vector<std::string> queued;
    for (const OutboxMessage& message : summary.messages) {
      if (watched.contains(message.task_id)) queued.push_back(message.rule + "→" + message.recipient);
    }
    std::sort(queued.begin(), queued.end());
    return queued;
  };
  At(2022, 1, 20);
  Sync();
  // The ВПР task has waited undated since the roadmap began: the coordinator is asked for a date.
  EXPECT_THAT(fire(), ElementsAre("external-undated→ivanova", "reminder-7→petrov", "reminder-7→sidorova"));
  EXPECT_THAT(fire(), ElementsAre());  // the same day again: nothing twice
  Reload();                            // a restart: nothing twice either
  deployment_.settings.notifications.catch_up = CatchUpPolicy::kAll;
  EXPECT_THAT(fire(), ElementsAre());

  At(2022, 2, 3);
  Sync();
  std::vector<std::string> late = fire();
  EXPECT_THAT(late, testing::Contains("overdue-responsible→petrov"));
  EXPECT_THAT(late, testing::Contains("overdue-coordinator→ivanova"));
  EXPECT_THAT(late, testing::Not(testing::Contains(testing::HasSubstr("overdue-head"))));
  At(2022, 2, 8);
  EXPECT_THAT(fire(), ElementsAre());  // five days later: the weekly repeat is not due yet
  At(2022, 2, 10);
  std::vector<std::string> week_later = fire();
  EXPECT_THAT(week_later, testing::Contains("overdue-responsible→petrov"));  // repeated after 7 days
  // The head's stage fires, but nobody holds «head» in this deployment: counted, not lost.
  EXPECT_THAT(week_later, testing::Not(testing::Contains(testing::HasSubstr("overdue-head"))));
  EXPECT_GE(summary.unaddressed, 1);
  std::vector<OutboxMessage> outbox;
  ASSERT_THAT(store_->Outbox({}, outbox), IsOk());
  std::set<std::string> keys;
  for (const OutboxMessage& message : outbox) EXPECT_TRUE(keys.insert(message.idempotency_key).second);
  AuditEvents();
}

TEST_F(DefaultRulesTest, AfterDowntimeOnlyTheMostAdvancedStageGoesOutOnce) {
  std::vector<rules::Rule> rules = DefaultRules();
  std::string monitoring = Id("monitoring", "school-1", "2022-01");  // due Monday 31 January 2022
  auto fire = [&](FireSummary& summary) {
    summary = FireSummary{};
    EXPECT_THAT(FireRules(deployment_, rules, *service_, *store_, clock_, summary), IsOk());
    std::vector<std::string> queued;
    for (const OutboxMessage& message : summary.messages) {
      if (message.task_id == monitoring) queued.push_back(message.rule + "→" + message.recipient);
    }
    return queued;
  };
  FireSummary summary;
  At(2022, 1, 24);
  Sync();
  fire(summary);
  EXPECT_TRUE(summary.catching_up);  // the database's first run
  At(2022, 1, 25);
  fire(summary);
  EXPECT_FALSE(summary.catching_up);  // the next day: business as usual

  // The server is off from 26 January to 24 February; by then the task is 18 working days late
  // and the whole overdue ladder holds. `latest`: the most advanced stage that reaches anybody
  // goes out — the coordinator's (nobody holds «head» here) — and the school's is held back.
  At(2022, 2, 24);
  Sync();
  EXPECT_THAT(fire(summary), ElementsAre("overdue-coordinator→ivanova"));
  EXPECT_TRUE(summary.catching_up);
  EXPECT_GE(summary.suppressed, 1);
  At(2022, 2, 25);
  EXPECT_THAT(fire(summary), ElementsAre());  // the suppressed stages do not come the next day
  EXPECT_FALSE(summary.catching_up);
  std::vector<std::string> repeated;
  for (Date day = MakeDate(2022, 2, 26); day < MakeDate(2022, 3, 3); day = AddDays(day, 1)) {  // every day again
    At(static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
       static_cast<int>(static_cast<unsigned>(day.day())));
    fire(summary);
  }
  At(2022, 3, 3);  // a week after the catch-up: the weekly repeats come due, normally
  repeated = fire(summary);
  EXPECT_FALSE(summary.catching_up);
  EXPECT_THAT(repeated, testing::Contains("overdue-responsible→petrov"));
  EXPECT_THAT(repeated, testing::Contains("overdue-coordinator→ivanova"));
  AuditEvents();
}

class CatchUpTest : public DefaultRulesTest {
 protected:
  std::vector<std::string> QueuedAfterAMonthOff(CatchUpPolicy policy, std::vector<rules::Rule> more = {}) {
    deployment_.settings.notifications.catch_up = policy;
    std::vector<rules::Rule> rules = DefaultRules();
    rules.insert(rules.end(), more.begin(), more.end());
    FireSummary summary;
    At(2022, 1, 25);
    Sync();
    EXPECT_THAT(FireRules(deployment_, rules, *service_, *store_, clock_, summary), IsOk());
    At(2022, 2, 24);
    Sync();
    summary = FireSummary{};
    EXPECT_THAT(FireRules(deployment_, rules, *service_, *store_, clock_, summary), IsOk());
    std::vector<std::string> queued;
    for (const OutboxMessage& message : summary.messages) {
      if (message.task_id == Id("monitoring", "school-1", "2022-01"))
        queued.push_back(message.rule + "→" + message.recipient);
    }
    std::sort(queued.begin(), queued.end());
    return queued;
  }
};

TEST_F(CatchUpTest, LatestStillQueuesRulesThatOnlyKeepARecord) {
  // A coordinator's feed to the file channel is not a person's inbox: the pick leaves it alone.
  rules::Rule feed = DefaultRules().front();
  feed.id = "overdue-feed";
  feed.stage = "overdue-feed";
  feed.when = nullptr;
  for (const rules::Rule& rule : DefaultRules()) {
    if (rule.id == "overdue-coordinator") feed.when = rule.when;
  }
  feed.notify = {rules::Recipient{rules::Recipient::Kind::kCoordinator, "", "", "coordinator"}};
  feed.channel = "file";
  feed.priority = 0;
  EXPECT_THAT(QueuedAfterAMonthOff(CatchUpPolicy::kLatest, {feed}),
              ElementsAre("overdue-coordinator→ivanova", "overdue-feed→ivanova"));
  EXPECT_THAT(QueuedAfterAMonthOff(CatchUpPolicy::kSkip, {feed}), ElementsAre());
}

TEST_F(CatchUpTest, SkipQueuesNothingThatWasMissed) {
  EXPECT_THAT(QueuedAfterAMonthOff(CatchUpPolicy::kSkip), ElementsAre());
}

TEST_F(CatchUpTest, AllQueuesEveryStageThatHolds) {
  EXPECT_THAT(QueuedAfterAMonthOff(CatchUpPolicy::kAll),
              ElementsAre("missing-documents→petrov", "overdue-coordinator→ivanova", "overdue-responsible→petrov"));
}

TEST_F(DefaultRulesTest, NextChangeIsTheFirstDayAVerdictMovesOrARepeatIsDue) {
  std::vector<rules::Rule> all = DefaultRules();
  std::string id = Id("monitoring", "school-1", "2022-01");  // due Monday 31 January 2022
  auto next = [&]() -> std::string {
    TaskRecord task = Get(id);
    std::vector<const rules::Rule*> applicable = RulesFor(all, *service_, task);
    std::vector<Firing> firings;
    EXPECT_THAT(store_->LastFirings(id, firings), IsOk());
    std::optional<RuleChange> change = NextChange(deployment_, *service_, task, std::nullopt, applicable, firings,
                                                  LocalToday(clock_, "Europe/Moscow"));
    if (!change) return "never";
    return FormatIsoDate(change->day) + " " + change->rules.front();
  };
  Sync();
  EXPECT_EQ(next(), "2022-01-20 reminder-7");  // seven working days before
  At(2022, 1, 20);
  EXPECT_EQ(next(), "2022-01-21 reminder-7");  // … and it stops holding the next day
  At(2022, 1, 26);
  EXPECT_EQ(next(), "2022-01-28 reminder-1");
  At(2022, 2, 3);
  FireSummary summary;
  ASSERT_THAT(FireRules(deployment_, all, *service_, *store_, clock_, summary), IsOk());
  EXPECT_EQ(next(), "2022-02-09 overdue-head");  // the seventh working day late, before the repeat on the 10th
  ASSERT_THAT(service_->Waive(id, "ivanova", "Мониторинг отменён"), IsOk());
  EXPECT_EQ(next(), "never");  // waived: nothing will change any more
}

TEST_F(DefaultRulesTest, RulesSetFlagsAndReturnSubmissions) {
  deployment_files_.Write("rules/own.yaml",
                          "rules:\n"
                          "  - {id: late-flag, title: Просрочено, when: overdue, flag: late}\n"
                          "  - id: stale-return\n"
                          "    title: Не подтверждено 3 дня — вернуть\n"
                          "    when: status == \"submitted\" and days_since_submission >= 3\n"
                          "    return: Подтверждение не получено за 3 дня, отправьте заново\n");
  deployment_files_.Write("vekha.yaml",
                          "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n"
                          "rules: {defaults: false, files: [rules/*.yaml]}\n");
  std::vector<rules::Rule> own;
  {
    Diagnostics diagnostics;
    LoadResult loaded = LoadDeployment(deployment_files_.path(), diagnostics);
    ASSERT_TRUE(loaded.deployment) << deployment_files_.Check(diagnostics);
    own = loaded.rules;
  }
  Sync();
  std::string late = Id("monitoring", "school-2", "2022-01");       // nobody submits it
  std::string submitted = Id("monitoring", "school-1", "2022-01");  // submitted, never confirmed
  At(2022, 1, 28);
  ASSERT_THAT(service_->Submit({submitted, "petrov", {{"", File("a.pdf", "a")}}, {{"Охват", "50"}}, ""}), IsOk());
  FireSummary summary;
  auto fire = [&] {
    summary = FireSummary{};
    ASSERT_THAT(FireRules(deployment_, own, *service_, *store_, clock_, summary), IsOk());
  };
  auto flags_of = [&](const std::string& id) {
    std::vector<std::string> flags;
    EXPECT_THAT(store_->FlagsOf(id, flags), IsOk());
    return flags;
  };
  At(2022, 1, 30);  // two days after the submission, the deadline not yet past
  fire();           // (older tasks of the fixture are overdue and get flagged; not these two)
  EXPECT_THAT(flags_of(late), ElementsAre());
  EXPECT_EQ(summary.returned, 0);
  EXPECT_EQ(Get(submitted).status, TaskStatus::kSubmitted);

  At(2022, 2, 1);
  fire();
  EXPECT_THAT(flags_of(late), ElementsAre("late"));
  EXPECT_EQ(summary.returned, 1);
  EXPECT_EQ(Get(submitted).status, TaskStatus::kReturned);
  HistoryQuery query;
  query.task_id = submitted;
  std::vector<AuditEntry> history;
  ASSERT_THAT(store_->History(query, history), IsOk());
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().event, "returned");
  EXPECT_EQ(history.back().actor, "vekha");
  EXPECT_THAT(history.back().details, HasSubstr("Подтверждение не получено за 3 дня"));

  fire();  // the same day again: nothing is returned twice; the returned task, now late, is flagged
  EXPECT_EQ(summary.returned, 0);
  EXPECT_THAT(flags_of(submitted), ElementsAre("late"));
  fire();
  EXPECT_EQ(summary.flagged + summary.returned, 0);
  AuditEvents();
}

TEST_F(DefaultRulesTest, UndatedExternalTasksAskTheCoordinator) {
  At(2021, 6, 5);
  Sync();
  std::string vpr = Id("vpr", "mku", "once");
  EXPECT_THAT(Holding(vpr), ElementsAre());
  At(2021, 6, 11);  // ten days after the roadmap began
  EXPECT_THAT(Holding(vpr), ElementsAre("external-undated"));
}

}  // namespace
}  // namespace vekha
