// The task lifecycle on a real SQLite file with a fake clock: materialisation, reconciliation of
// a changed YAML, opening, permissions, evidence, dependencies and relative deadlines.
#include "workflows/task_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "tests/status_matchers.h"
#include "tests/workflows/task_service_fixture.h"
#include "workflows/outcome_text.h"

namespace vekha {
namespace {

using testing::HasSubstr;
using testing_support::kActivities;
using testing_support::TaskServiceTest;
using testing_support::TempDeployment;

TEST_F(TaskServiceTest, MaterialisesOnceAndOpensWhatIsDue) {
  SyncSummary first = Sync();
  // monitoring: 2 schools × (2022-01, 2022-05, 2023-01, 2023-05), January and May 2021 being before
  // the period; analysis: 2021-06, 2022-02, 2022-06, 2023-02, 2023-06; measures: one per analysis;
  // vpr: one undated task.
  EXPECT_EQ(first.created, 8 + 5 + 5 + 1);
  EXPECT_EQ(Get(Id("monitoring", "school-1", "2022-01")).status, TaskStatus::kOpen);
  EXPECT_EQ(Get(Id("monitoring", "school-1", "2022-05")).status, TaskStatus::kScheduled);
  int64_t events = AuditEvents();
  SyncSummary second = Sync();
  EXPECT_FALSE(second.changed());
  EXPECT_EQ(AuditEvents(), events);  // nothing new happened: nothing new is audited
}

TEST_F(TaskServiceTest, SubmissionNeedsTheRightPersonAndEveryDeliverable) {
  Sync();
  std::string task = Id("monitoring", "school-1", "2022-01");
  SubmitRequest request{task, "sidorova", {{"", File("справка.pdf", "справка")}}, {{"Охват", "45"}}, ""};
  Status refused = service_->Submit(request).status();
  EXPECT_THAT(refused.message(), HasSubstr("Сидорова С.С. не отвечает за задачу"));

  request.person = "petrov";
  request.values.clear();
  EXPECT_THAT(service_->Submit(request).status().message(), HasSubstr("в ответе не хватает: «Охват»"));
  request.values = {{"Охват", "много"}};
  EXPECT_THAT(service_->Submit(request).status().message(), HasSubstr("для «Охват» нужно число в единицах «%»"));
  request.values = {{"2", "45,5"}};
  ASSERT_THAT(service_->Submit(request), IsOk());
  EXPECT_EQ(Get(task).status, TaskStatus::kSubmitted);

  std::vector<Submission> submissions;
  ASSERT_THAT(store_->SubmissionsOf(task, submissions), IsOk());
  ASSERT_EQ(submissions.size(), 1u);
  EXPECT_EQ(submissions[0].person, "petrov");
}

// A submission names its deliverables by number or title; what names none is refused with the
// list of what would be accepted, and nothing is stored.
TEST_F(TaskServiceTest, ASubmissionNamingNoDeliverableIsRefusedWithTheChoices) {
  Sync();
  std::string task = Id("monitoring", "school-1", "2022-01");
  SubmitRequest request{task, "petrov", {{"3", File("a.pdf", "a")}}, {{"Охват", "45"}}, ""};
  EXPECT_THAT(service_->Submit(request).status().message(),
              HasSubstr("«3» — не документ этого мероприятия; документы: 1: «Аналитическая справка»"));
  request.files = {{"99999999999999999999", File("a.pdf", "a")}};
  EXPECT_THAT(service_->Submit(request).status().message(), HasSubstr("«99999999999999999999» — не документ"));
  request.files = {{"Охват", File("a.pdf", "a")}};
  EXPECT_THAT(service_->Submit(request).status().message(), HasSubstr("«Охват» — показатель"));
  request.files = {{"аналитическая справка", File("a.pdf", "a"), "Справка за январь.pdf"}};
  request.values = {{"Аналитическая справка", "45"}};
  EXPECT_THAT(service_->Submit(request).status().message(),
              HasSubstr("«Аналитическая справка» — не показатель этого мероприятия; показатели: 2: «Охват»"));
  EXPECT_EQ(Get(task).status, TaskStatus::kOpen);

  request.values = {{"охват", "45"}};
  ASSERT_THAT(service_->Submit(request), IsOk());
  std::vector<Submission> submissions;
  ASSERT_THAT(store_->SubmissionsOf(task, submissions), IsOk());
  ASSERT_EQ(submissions.size(), 1u);
  ASSERT_EQ(submissions[0].files.size(), 1u);
  EXPECT_EQ(submissions[0].files[0].original_name, "Справка за январь.pdf");
  EXPECT_EQ(submissions[0].files[0].deliverable, "Аналитическая справка");
}

// The service refuses exactly what its access policy (the one the pages and the API show) does not
// allow: for every person and every open task, a submission is forbidden if and only if the policy
// says the person may not submit it. (Each names a document no activity has, so none goes through
// and every task stays open.)
TEST_F(TaskServiceTest, TheServiceRefusesExactlyWhatItsPolicyDoesNotAllow) {
  Sync();
  std::vector<TaskRecord> open;
  TaskQuery query;
  query.status = TaskStatus::kOpen;
  ASSERT_THAT(store_->ListTasks(query, open), IsOk());
  ASSERT_FALSE(open.empty());
  int allowed = 0;
  for (const Person& person : deployment_.people) {
    for (const TaskRecord& task : open) {
      Status submitted = service_->Submit({task.id, person.id, {{"999", File("a.pdf", "a")}}, {}, ""}).status();
      bool may = service_->policy().MaySubmit(person, task);
      EXPECT_EQ(submitted.code(), may ? StatusCode::kInvalid : StatusCode::kForbidden)
          << person.id << " on " << task.id << ": " << submitted;
      allowed += may ? 1 : 0;
    }
  }
  EXPECT_GT(allowed, 0);
}

// Text typed in another encoding (cp1251 from an old machine) is refused where it goes into the
// audit log; a file name in one is kept, readable, with U+FFFD for what cannot be read.
TEST_F(TaskServiceTest, TextThatIsNotUtf8IsRefusedAndForeignFileNamesAreKeptReadable) {
  Sync();
  std::string task = Id("monitoring", "school-1", "2022-01");
  int64_t events = AuditEvents();
  SubmitRequest request{task, "petrov", {{"", File("\xD1\xEF.pdf", "справка")}}, {{"Охват", "45"}}, "\xCF\xF0\xE8"};
  EXPECT_THAT(service_->Submit(request).status().message(), HasSubstr("комментарий — не текст в UTF-8 (байт 1 из 3)"));
  EXPECT_EQ(AuditEvents(), events);
  request.comment = "готово";
  ASSERT_THAT(service_->Submit(request), IsOk());
  std::vector<Submission> submissions;
  ASSERT_THAT(store_->SubmissionsOf(task, submissions), IsOk());
  ASSERT_EQ(submissions[0].files.size(), 1u);
  EXPECT_EQ(submissions[0].files[0].original_name, "\uFFFD\uFFFD.pdf");
  EXPECT_THAT(service_->Return(task, "ivanova", "\xCD\xE5\xF2").status().message(),
              HasSubstr("причина — не текст в UTF-8"));
  EXPECT_EQ(Get(task).status, TaskStatus::kSubmitted);
}

TEST_F(TaskServiceTest, ConfirmerConfirmsOrReturnsWithAReason) {
  Sync();
  std::string task = Id("monitoring", "school-1", "2022-01");
  SubmitRequest request{task, "petrov", {{"1", File("a.pdf", "a")}}, {{"Охват", "41"}}, "готово"};
  ASSERT_THAT(service_->Submit(request), IsOk());
  EXPECT_THAT(service_->Confirm(task, "petrov").status().message(), HasSubstr("не подтверждает задачу"));
  EXPECT_FALSE(service_->Return(task, "ivanova", "").ok());
  ASSERT_THAT(service_->Return(task, "ivanova", "Нет подписи"), IsOk());
  EXPECT_EQ(Get(task).status, TaskStatus::kReturned);
  EXPECT_THAT(service_->Confirm(task, "ivanova").status().message(), HasSubstr("только сданную задачу"));
  ASSERT_THAT(service_->Submit(request), IsOk());
  ASSERT_THAT(service_->Confirm(task, "ivanova"), IsOk());
  TaskRecord confirmed = Get(task);
  EXPECT_EQ(confirmed.status, TaskStatus::kConfirmed);
  EXPECT_EQ(confirmed.finished_on, MakeDate(2022, 1, 10));
  std::vector<AuditEntry> history;
  HistoryQuery query;
  query.task_id = task;
  ASSERT_THAT(store_->History(query, history), IsOk());
  std::vector<std::string> events;
  for (const AuditEntry& entry : history) events.push_back(entry.event);
  EXPECT_EQ(events,
            (std::vector<std::string>{"materialised", "opened", "submitted", "returned", "submitted", "confirmed"}));
}

// Separation of duties: the specialist who writes the monthly report may not confirm it herself,
// unless the activity says so; the loader warns where nothing submitted could be confirmed.
TEST_F(TaskServiceTest, NobodyConfirmsTheirOwnSubmissionUnlessTheActivityAllowsIt) {
  deployment_files_.WriteRoadmap(
      "    - {id: report, title: Отчёт, timing: Ежемесячно, responsible: [specialist@mku], confirm: specialist@mku}\n"
      "    - {id: note, title: Записка, timing: Ежемесячно, responsible: [specialist@mku],\n"
      "       confirm: {by: specialist@mku, not_by_submitter: false}}\n");
  Diagnostics diagnostics;
  std::string warnings = deployment_files_.Check(diagnostics);
  EXPECT_THAT(warnings,
              HasSubstr("«specialist@mku» — и единственный ответственный, и единственный подтверждающий в mku"));
  EXPECT_EQ(std::count(warnings.begin(), warnings.end(), '\n'), 2) << warnings;  // the note is not warned of
  ASSERT_NO_FATAL_FAILURE(Reload());
  Sync();
  std::string report = Id("report", "mku", "2022-01");
  ASSERT_THAT(service_->Submit({report, "ivanova", {}, {}, "готово"}), IsOk());
  Status refused = service_->Confirm(report, "ivanova").status();
  EXPECT_THAT(refused.message(), HasSubstr("Иванова И.И. сдал(а) задачу"));
  EXPECT_THAT(refused.message(), HasSubstr("не может подтвердить свою работу"));
  EXPECT_EQ(Get(report).status, TaskStatus::kSubmitted);
  // Returning one's own work for rework is no conflict.
  EXPECT_THAT(service_->Return(report, "ivanova", "Дополню"), IsOk());

  std::string note = Id("note", "mku", "2022-01");
  ASSERT_THAT(service_->Submit({note, "ivanova", {}, {}, "готово"}), IsOk());
  EXPECT_THAT(service_->Confirm(note, "ivanova"), IsOk());
}

TEST(ConfirmLoaderTest, TheMapFormOfConfirmIsChecked) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: a, title: А, timing: Ежемесячно, responsible: [specialist@mku],\n"
      "       confirm: {not_by_submitter: false}}\n"
      "    - {id: b, title: Б, timing: Ежемесячно, responsible: [specialist@mku],\n"
      "       confirm: {by: head@mku, not_by_submiter: true}}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("в «confirm» нужен «by»: роль или человек, который подтверждает"));
  EXPECT_THAT(report, HasSubstr("not_by_submiter"));
}

TEST_F(TaskServiceTest, DependentsOpenWhenEverySchoolHasFinishedTheirPart) {
  Sync();
  At(2022, 2, 1);
  Sync();
  std::string analysis = Id("analysis", "mku", "2022-02");
  EXPECT_EQ(Get(analysis).status, TaskStatus::kScheduled);  // its day came, the monitoring did not finish
  EXPECT_THAT(service_->Submit({analysis, "ivanova", {}, {}, ""}).status().message(),
              HasSubstr("ждёт мероприятий, от которых зависит (monitoring)"));
  for (const char* school : {"school-1", "school-2"}) {
    std::string monitoring = Id("monitoring", school, "2022-01");
    std::string director = std::string(school) == "school-1" ? "petrov" : "sidorova";
    ASSERT_THAT(service_->Submit({monitoring, director, {{"", File("f.pdf", school)}}, {{"Охват", "50"}}, ""}), IsOk());
    ASSERT_THAT(service_->Confirm(monitoring, "ivanova"), IsOk());
    Sync();
  }
  EXPECT_EQ(Get(analysis).status, TaskStatus::kOpen);

  // «measures» is due 10 working days after the analysis is done.
  At(2022, 2, 18);
  ASSERT_THAT(service_->Submit({analysis, "ivanova", {}, {}, ""}), IsOk());
  EXPECT_EQ(Get(analysis).status, TaskStatus::kDone);  // no confirmer: done at once
  SyncSummary summary = Sync();
  EXPECT_EQ(summary.dated, 1);
  TaskRecord measures = Get(Id("measures", "mku", "2022-02"));
  EXPECT_EQ(measures.status, TaskStatus::kOpen);
  EXPECT_EQ(measures.opens, MakeDate(2022, 2, 18));
  // 21-22 February, 24-25 (23 is a holiday), 28 February, 1-4 March and Saturday 5 March, a
  // working day in 2022.
  EXPECT_EQ(measures.due, MakeDate(2022, 3, 5));
}

// Day by day with nothing changed, only the tasks opening since are looked at; a task waiting for
// its predecessors is looked at again once some task has changed.
TEST_F(TaskServiceTest, AWaitingTaskIsLookedAtAgainWhenATaskChanges) {
  Sync();
  At(2022, 2, 1);
  Sync();
  std::string analysis = Id("analysis", "mku", "2022-02");
  At(2022, 2, 2);
  Sync();
  At(2022, 5, 31);
  Sync();
  EXPECT_EQ(Get(Id("monitoring", "school-1", "2022-05")).status, TaskStatus::kOpen);
  EXPECT_EQ(Get(analysis).status, TaskStatus::kScheduled);
  for (const char* school : {"school-1", "school-2"}) {
    std::string monitoring = Id("monitoring", school, "2022-01");
    std::string director = std::string(school) == "school-1" ? "petrov" : "sidorova";
    ASSERT_THAT(service_->Submit({monitoring, director, {{"", File("f.pdf", school)}}, {{"Охват", "50"}}, ""}), IsOk());
    ASSERT_THAT(service_->Confirm(monitoring, "ivanova"), IsOk());
  }
  At(2022, 6, 1);
  SyncSummary summary = Sync();
  EXPECT_EQ(Get(analysis).status, TaskStatus::kOpen);
  EXPECT_EQ(Get(Id("analysis", "mku", "2022-06")).status, TaskStatus::kScheduled);  // May's monitoring is open
  EXPECT_EQ(summary.opened, 1);
}

TEST_F(TaskServiceTest, ReloadedYamlAddsCancelsAndKeepsWork) {
  Sync();
  std::string worked = Id("monitoring", "school-1", "2022-01");
  ASSERT_THAT(service_->Submit({worked, "petrov", {{"1", File("a.pdf", "a")}}, {{"Охват", "41"}}, ""}), IsOk());

  // The coordinator moves the monitoring to March and November.
  std::string changed = kActivities;
  changed.replace(changed.find("Ежегодно январь, май"), std::string("Ежегодно январь, май").size(),
                  "Ежегодно март, ноябрь");
  deployment_files_.WriteRoadmap(changed);
  Reload();
  SyncSummary summary = Sync();
  EXPECT_EQ(summary.created, 10);   // two schools: November 2021, March and November 2022 and 2023
  EXPECT_EQ(summary.cancelled, 7);  // the January and May tasks nobody worked on
  EXPECT_EQ(summary.kept, 1);       // the submitted one stays as it was
  EXPECT_EQ(Get(worked).status, TaskStatus::kSubmitted);
  EXPECT_EQ(Get(Id("monitoring", "school-2", "2022-01")).status, TaskStatus::kCancelled);

  // Back to January and May: the cancelled tasks come back, nothing is duplicated.
  deployment_files_.WriteRoadmap(kActivities);
  Reload();
  summary = Sync();
  EXPECT_EQ(summary.reinstated, 7);
  EXPECT_EQ(summary.created, 0);
  EXPECT_EQ(Get(Id("monitoring", "school-2", "2022-01")).status, TaskStatus::kOpen);
  AuditEvents();
}

TEST_F(TaskServiceTest, CoordinatorDatesExternalTasksAndWaivesWithAReason) {
  Sync();
  std::string vpr = Id("vpr", "mku", "once");
  EXPECT_THAT(service_->SetDate(vpr, "petrov", MakeDate(2022, 4, 30), std::nullopt).status().message(),
              HasSubstr("сроки задачам назначает только координатор дорожной карты (ivanova)"));
  ASSERT_THAT(service_->SetDate(vpr, "ivanova", MakeDate(2022, 4, 30), MakeDate(2022, 3, 15)), IsOk());
  TaskRecord dated = Get(vpr);
  EXPECT_EQ(dated.effective_due, MakeDate(2022, 5, 4));  // 30 April 2022 is a Saturday; 1-3 May are days off
  EXPECT_EQ(dated.status, TaskStatus::kScheduled);
  Reload();
  Sync();
  EXPECT_EQ(Get(vpr).due, MakeDate(2022, 4, 30));  // a reload keeps the coordinator's date

  EXPECT_THAT(service_->SetDate(Id("analysis", "mku", "2022-02"), "ivanova", MakeDate(2022, 3, 1), std::nullopt)
                  .status()
                  .message(),
              HasSubstr("задан в дорожной карте"));
  // A slip in the year is refused, not taken for a deadline centuries away.
  std::string later = Id("vpr", "mku", "once");
  EXPECT_THAT(service_->SetDate(later, "ivanova", MakeDate(202, 4, 30), std::nullopt).status().message(),
              HasSubstr("--due 0202-04-30 дальше 5 лет от сегодняшнего дня"));
  EXPECT_THAT(service_->SetDate(later, "ivanova", MakeDate(2022, 4, 30), MakeDate(2202, 3, 15)).status().message(),
              HasSubstr("--opens 2202-03-15 дальше 5 лет от сегодняшнего дня"));
  EXPECT_FALSE(service_->Waive(vpr, "ivanova", "").ok());
  ASSERT_THAT(service_->Waive(vpr, "ivanova", "ВПР перенесены"), IsOk());
  EXPECT_EQ(Get(vpr).status, TaskStatus::kWaived);
}

// A deadline counted from an activity a coordinator dates («по графику проведения ВПР») waits,
// undated, for it, and is dated when it is done.
TEST_F(TaskServiceTest, ADeadlineAfterAnExternalActivityWaitsForItAndIsDatedWhenItIsDone) {
  deployment_files_.WriteRoadmap(
      "    - {id: vpr, title: ВПР, timing: По графику проведения ВПР, responsible: [specialist@mku]}\n"
      "    - {id: analysis, title: Анализ результатов ВПР, timing: {after: vpr, working_days: 30},\n"
      "       responsible: [specialist@mku]}\n");
  Reload();
  Sync();
  std::string analysis = Id("analysis", "mku", "once");
  EXPECT_EQ(Get(analysis).status, TaskStatus::kScheduled);
  EXPECT_FALSE(Get(analysis).due);
  std::string vpr = Id("vpr", "mku", "once");
  ASSERT_THAT(service_->SetDate(vpr, "ivanova", MakeDate(2022, 4, 29), MakeDate(2022, 3, 15)), IsOk());
  At(2022, 4, 20);
  Sync();
  EXPECT_FALSE(Get(analysis).due);  // dated once the results are in, not before
  ASSERT_THAT(service_->Submit({vpr, "ivanova", {}, {}, ""}), IsOk());
  Sync();
  TaskRecord dated = Get(analysis);
  EXPECT_EQ(dated.status, TaskStatus::kOpen);
  EXPECT_EQ(dated.opens, MakeDate(2022, 4, 20));
  // 30 working days after 20 April 2022: 1-3 and 7-10 May were days off.
  EXPECT_EQ(dated.due, MakeDate(2022, 6, 7));
}

// Seed 002's deadlines counted from events (L338 analysis of results, L647 two years after a school
// joins the project) and a GIA row's «за 2 недели до начала экзаменационного периода»: undated and
// waiting until a coordinator records the event (or the task implying it is done), then dated.
TEST_F(TaskServiceTest, TasksCountingFromAnEventWaitForItAndAreDatedWhenItIsRecorded) {
  deployment_files_.Write("roadmaps/events.yaml",
                          "events:\n"
                          "  - {id: vpr-results, title: Получены результаты ВПР, scope: organisation,\n"
                          "     phrases: [получения результатов]}\n"
                          "  - {id: exams, title: Начало экзаменационного периода}\n"
                          "  - {id: joined, title: Включение ОО в проект, scope: organisation, repeat: once,\n"
                          "     implied_by: test/join}\n");
  deployment_files_.WriteRoadmap(
      "    - {id: analysis, title: Анализ, timing: в течение 30 рабочих дней после получения результатов ВПР,\n"
      "       responsible: [director], for: {kind: school}}\n"
      "    - {id: rehearsal, title: Репетиция, timing: Не позднее чем за 2 недели до начала экзаменационного периода,\n"
      "       responsible: [specialist@mku]}\n"
      "    - {id: join, title: Включение в проект, timing: Сентябрь 2021, responsible: [director], for: {orgs: "
      "[school-1]}}\n"
      "    - {id: review, title: Анализ эффективности, timing: через два года после включения ОО в проект,\n"
      "       responsible: [director], for: {orgs: [school-1]}}\n");
  Reload();
  Sync();
  std::string analysis = Id("analysis", "school-1", "2022");
  EXPECT_EQ(Get(analysis).status, TaskStatus::kScheduled);
  EXPECT_FALSE(Get(analysis).due);
  EXPECT_THAT(service_->Submit({analysis, "petrov", {}, {}, ""}).status().message(),
              HasSubstr("ещё не открыта: она ждёт события «Получены результаты ВПР»"));

  EXPECT_THAT(service_->RecordEvent("vpr-results", "school-1", MakeDate(2022, 5, 20), "petrov", "").status().message(),
              HasSubstr("не координирует ни одной дорожной карты"));
  EXPECT_THAT(service_->RecordEvent("vpr-results", "", MakeDate(2022, 5, 20), "ivanova", "").status().message(),
              HasSubstr("бывает в каждой организации: укажите организацию"));
  EXPECT_THAT(service_->RecordEvent("exams", "school-1", MakeDate(2022, 5, 26), "ivanova", "").status().message(),
              HasSubstr("общее для муниципалитета"));
  EXPECT_THAT(service_->RecordEvent("vpr", "school-1", MakeDate(2022, 5, 20), "ivanova", "").status().message(),
              HasSubstr("нет события «vpr»"));

  Result<ActionOutcome> recorded =
      service_->RecordEvent("vpr-results", "school-1", MakeDate(2022, 5, 20), "ivanova", "письмо № 12");
  ASSERT_THAT(recorded, IsOk());
  EXPECT_EQ(OutcomeText(*recorded), "Событие «Получены результаты ВПР» (Школа 1) записано: 20.05.2022");
  At(2022, 5, 23);
  SyncSummary summary = Sync();
  EXPECT_EQ(summary.dated, 1);
  TaskRecord dated = Get(analysis);
  EXPECT_EQ(dated.status, TaskStatus::kOpen);
  EXPECT_EQ(dated.opens, MakeDate(2022, 5, 20));
  // 30 working days after 20 May 2022; 13 June was a day off.
  EXPECT_EQ(dated.due, MakeDate(2022, 7, 4));
  EXPECT_FALSE(Get(Id("analysis", "school-2", "2022")).due);  // its results are not in yet
  EXPECT_FALSE(Get(Id("analysis", "school-1", "2023")).due);  // nor next year's

  // A corrected date re-dates the task while nobody has worked on it.
  Result<ActionOutcome> corrected =
      service_->RecordEvent("vpr-results", "school-1", MakeDate(2022, 5, 16), "ivanova", "");
  ASSERT_THAT(corrected, IsOk());
  EXPECT_EQ(OutcomeText(*corrected),
            "Событие «Получены результаты ВПР» (Школа 1): дата 20.05.2022 заменена на 16.05.2022");
  Sync();
  EXPECT_EQ(Get(analysis).opens, MakeDate(2022, 5, 16));

  // Two weeks before the exams begin on Thursday 26 May 2022.
  ASSERT_THAT(service_->RecordEvent("exams", "", MakeDate(2022, 5, 26), "ivanova", ""), IsOk());
  Sync();
  EXPECT_EQ(Get(Id("rehearsal", "mku", "2022")).due, MakeDate(2022, 5, 12));

  // Two years after school-1 joined, which finishing «join» implies.
  std::string join = Id("join", "school-1", "once");
  ASSERT_THAT(service_->Submit({join, "petrov", {}, {}, ""}), IsOk());
  Sync();
  EXPECT_EQ(Get(Id("review", "school-1", "once")).due, MakeDate(2024, 5, 23));
  AuditEvents();  // the chain holds with the events recorded
}

TEST_F(TaskServiceTest, OnDemandTasksAreCreatedByHand) {
  Sync();
  std::string id;
  EXPECT_THAT(service_->CreateOnDemand("monitoring", "school-1", MakeDate(2022, 2, 1), "ivanova", id).message(),
              HasSubstr("только задачи мероприятий «по запросу»"));
  EXPECT_THAT(service_->CreateOnDemand("consult", "mku", MakeDate(2022, 2, 1), "ivanova", id).message(),
              HasSubstr("не проводится в организации «mku»"));
  EXPECT_THAT(service_->CreateOnDemand("consult", "school-1", MakeDate(2220, 2, 1), "ivanova", id).message(),
              HasSubstr("--due 2220-02-01 дальше 5 лет от сегодняшнего дня"));
  ASSERT_THAT(service_->CreateOnDemand("test/consult", "school-1", MakeDate(2022, 2, 1), "petrov", id), IsOk());
  std::string second;
  ASSERT_THAT(service_->CreateOnDemand("consult", "school-1", MakeDate(2022, 3, 1), "ivanova", second), IsOk());
  EXPECT_NE(id, second);
  EXPECT_EQ(Get(id).status, TaskStatus::kOpen);
  EXPECT_EQ(Get(second).key, "manual-2");
  Reload();
  EXPECT_FALSE(Sync().changed());  // a sync leaves hand-made tasks alone
}

TEST_F(TaskServiceTest, ResolvesIdPrefixesCaseAndDashes) {
  Sync();
  std::string id = Id("monitoring", "school-1", "2022-01");
  TaskRecord task;
  std::string typed = id.substr(0, 4) + "-" + id.substr(4, 4);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ASSERT_THAT(service_->Resolve(typed, task), IsOk());
  EXPECT_EQ(task.id, id);
  EXPECT_THAT(service_->Resolve("ab", task).message(), HasSubstr("не меньше 4 знаков"));
  EXPECT_THAT(service_->Resolve("ZZZZZZZZ", task).message(), HasSubstr("нет задачи"));
}

}  // namespace
// Installed mid-year with «tracking_from», the occurrences due earlier are set aside instead of
// overdue; moving the start earlier brings them back under control.
TEST_F(TaskServiceTest, OccurrencesDueBeforeTrackingBeganAreSetAsideNotOverdue) {
  auto settings = [&](const std::string& tracking_from) {
    deployment_files_.Write("vekha.yaml",
                            "name: Тест\n"
                            "time_zone: Europe/Moscow\n"
                            "tracking_from: " +
                                tracking_from + "\ninclude: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n");
    Reload();
  };
  settings("2022-01-01");
  SyncSummary summary = Sync();
  std::string june_analysis = Id("analysis", "mku", "2021-06");
  TaskRecord set_aside = Get(june_analysis);
  EXPECT_EQ(set_aside.status, TaskStatus::kUntracked);
  EXPECT_FALSE(IsOverdue(set_aside, MakeDate(2022, 1, 10)));
  EXPECT_GT(summary.untracked, 0);
  EXPECT_EQ(Get(Id("monitoring", "school-1", "2022-01")).status, TaskStatus::kOpen);
  EXPECT_THAT(service_->Submit({june_analysis, "ivanova", {}, {}, ""}).status().message(),
              HasSubstr("до начала учёта: сдавать нечего"));

  // A dependent of a task set aside opens as if its predecessor were finished.
  std::string measures = Id("measures", "mku", "2021-06");
  EXPECT_NE(Get(measures).status, TaskStatus::kScheduled);

  // A second sync changes nothing more.
  At(2022, 1, 11);
  EXPECT_EQ(Sync().untracked, 0);

  settings("2021-01-01");
  summary = Sync();
  EXPECT_GT(summary.tracked, 0);
  EXPECT_EQ(summary.untracked, 0);
  EXPECT_EQ(Get(june_analysis).status, TaskStatus::kOpen);
  EXPECT_TRUE(IsOverdue(Get(june_analysis), MakeDate(2022, 1, 11)));
  AuditEvents();  // the chain holds with the new events
}

// Every task that is not moving says why and who must act.
TEST_F(TaskServiceTest, EveryBlockedTaskSaysWhatItWaitsForAndWhoMustAct) {
  Sync();
  At(2022, 2, 1);
  Sync();
  auto why = [&](const std::string& id) {
    Result<Waiting> waiting = service_->WhyWaiting(Get(id));
    EXPECT_THAT(waiting.status(), IsOk());
    return waiting.ok() ? *waiting : Waiting{};
  };
  auto ids = [](const std::vector<const Person*>& people) {
    std::vector<std::string> out;
    for (const Person* person : people) out.push_back(person->id);
    return out;
  };
  std::string analysis = Id("analysis", "mku", "2022-02");
  Waiting blocked = why(analysis);
  EXPECT_EQ(blocked.kind, Waiting::Kind::kPredecessors);
  EXPECT_EQ(blocked.predecessors.size(), 2u);
  EXPECT_THAT(ids(blocked.who), testing::UnorderedElementsAre("petrov", "sidorova"));
  EXPECT_THAT(blocked.text, HasSubstr("Откроется, когда будут завершены: «Мониторинг» (Школа 1"));

  // One school hands in: its part now waits for the confirmer, the other school's for its director.
  std::string first = Id("monitoring", "school-1", "2022-01");
  ASSERT_THAT(service_->Submit({first, "petrov", {{"", File("f.pdf", "x")}}, {{"Охват", "50"}}, ""}), IsOk());
  blocked = why(analysis);
  EXPECT_EQ(blocked.predecessors.size(), 2u);
  EXPECT_THAT(ids(blocked.who), testing::UnorderedElementsAre("ivanova", "sidorova"));
  EXPECT_THAT(blocked.text, HasSubstr("сдана на проверку; подтверждает: Иванова И.И. (ivanova)"));
  Waiting submitted = why(first);
  EXPECT_EQ(submitted.kind, Waiting::Kind::kConfirmation);
  EXPECT_THAT(submitted.text, HasSubstr("Сдана и ждёт подтверждения: Иванова И.И."));

  Waiting undated = why(Id("vpr", "mku", "once"));
  EXPECT_EQ(undated.kind, Waiting::Kind::kDate);
  EXPECT_THAT(ids(undated.who), testing::ElementsAre("ivanova"));

  Waiting later = why(Id("monitoring", "school-1", "2022-05"));
  EXPECT_EQ(later.kind, Waiting::Kind::kOpensLater);
  EXPECT_EQ(later.opens, Get(Id("monitoring", "school-1", "2022-05")).opens);
  EXPECT_THAT(later.text, HasSubstr("Откроется "));
  EXPECT_EQ(WaitingJson(later)["kind"], "opens-later");
  EXPECT_EQ(why(Id("monitoring", "school-2", "2022-01")).kind, Waiting::Kind::kResponse);
}

}  // namespace vekha
