// The 500+ roadmap's documents, end to end from the CLI: the school uploads its development
// programme and roadmap by «До 31.03. 2022 года», the curator confirms, the history shows it,
// `audit verify` proves it — and an edit made with the sqlite3 shell is caught.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/cli_support.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;

class LifecycleCliTest : public testing::Test {
 protected:
  LifecycleCliTest() : deployment_(scratch_.CopyExample("kemerovo-okrug-500plus", {"500plus-2022.yaml"})) {}

  Outcome At(const std::string& now, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"--now", now});
    arguments.insert(arguments.end(), {"-d", deployment_});
    return Vekha(arguments);
  }

  std::string TaskOf(const std::string& activity) {
    Outcome listed = At("2022-03-01", {"tasks", "--format", "json"});
    for (const nlohmann::json& task : nlohmann::json::parse(listed.out)) {
      if (task["activity"] == activity && task["organisation"] == "metallploshchadka") return task["id"];
    }
    return "";
  }

  std::string Document(const std::string& name) {
    std::string path = (scratch_.path() / name).string();
    std::ofstream(path) << "документ " << name;
    return path;
  }

  ScratchDirectory scratch_;
  std::string deployment_;
};

TEST_F(LifecycleCliTest, SchoolUploadsCuratorConfirmsAuditorVerifies) {
  Outcome synced = At("2022-03-01", {"sync"});
  ASSERT_EQ(synced.status, 0) << synced.err;
  EXPECT_THAT(synced.err, HasSubstr("новых задач 29"));

  std::string questionnaire = TaskOf("r04-risk-questionnaire");
  std::string concept_documents = TaskOf("r06-concept-documents");
  std::string programmes = TaskOf("r11-development-programmes");
  ASSERT_FALSE(programmes.empty());

  // The documents wait for the concept, which waits for the questionnaire.
  Outcome early =
      At("2022-03-02T09:00:00Z", {"submit", programmes, "--as", "proshletsova", "--file",
                                  "1=" + Document("программа.pdf"), "--file", "2=" + Document("карта.xlsx")});
  EXPECT_EQ(early.status, 1);
  EXPECT_THAT(early.err, HasSubstr("ждёт мероприятий, от которых зависит (r06-concept-documents)"));

  ASSERT_EQ(At("2022-03-02T09:00:00Z", {"submit", questionnaire, "--as", "proshletsova"}).status, 0);
  Outcome missing = At("2022-03-10T09:00:00Z", {"submit", concept_documents, "--as", "proshletsova", "--file",
                                                "1=" + Document("концепция.pdf")});
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.err, HasSubstr("в ответе не хватает: «Антирисковые программы"));
  ASSERT_EQ(
      At("2022-03-10T09:00:00Z", {"submit", concept_documents, "--as", "proshletsova", "--file",
                                  "1=" + Document("концепция=итог.pdf"), "--file", "2=" + Document("программы.docx")})
          .status,
      0);
  Outcome wrong_confirmer = At("2022-03-11T09:00:00Z", {"confirm", concept_documents, "--as", "mikhailova"});
  EXPECT_EQ(wrong_confirmer.status, 1);
  EXPECT_THAT(wrong_confirmer.err, HasSubstr("подтверждает: Кривошеева Е.В."));
  ASSERT_EQ(At("2022-03-11T09:00:00Z", {"confirm", concept_documents, "--as", "krivosheeva"}).status, 0);

  Outcome submitted = At("2022-03-30T09:00:00Z", {"submit", programmes.substr(0, 6), "--as", "proshletsova", "--file",
                                                  "1=" + Document("программа.pdf"), "--file",
                                                  "2=" + Document("карта.xlsx"), "--comment", "Размещено в ИС МЭДК"});
  ASSERT_EQ(submitted.status, 0) << submitted.err;
  EXPECT_THAT(submitted.out, HasSubstr("сдана на проверку (2 файла, 0 значений); подтверждает: Кривошеева Е.В."));
  ASSERT_EQ(At("2022-03-31T09:00:00Z", {"confirm", programmes, "--as", "krivosheeva"}).status, 0);

  Outcome confirmed = At("2022-04-01", {"tasks", "--status", "confirmed", "--format", "csv"});
  EXPECT_THAT(confirmed.out,
              HasSubstr(programmes + ",500plus-2022,r11-development-programmes,metallploshchadka,once,"
                                     "confirmed,2021-12-01,2022-03-31,2022-03-31,2022-03-31,0,proshletsova"));

  Outcome history = At("2022-04-01", {"history", "--task", programmes});
  ASSERT_EQ(history.status, 0);
  EXPECT_THAT(history.out, HasSubstr("2022-03-30T09:00:00Z " + programmes +
                                     " сдана — Прошлецова А.В. (proshletsova): "
                                     "открыта → сдана на проверку; Размещено в ИС МЭДК; файл «программа.pdf»"));
  EXPECT_THAT(history.out,
              HasSubstr("2022-03-31T09:00:00Z " + programmes + " подтверждена — Кривошеева Е.В. (krivosheeva)"));

  Outcome json = At("2022-04-01", {"history", "--org", "metallploshchadka", "--format", "json"});
  bool hashed = false;
  for (const nlohmann::json& event : nlohmann::json::parse(json.out)) {
    if (event["event"] == "submitted" && event["task"] == programmes) {
      hashed = event["details"]["files"][0]["sha256"].get<std::string>().size() == 64;
    }
  }
  EXPECT_TRUE(hashed);

  Outcome verified = At("2022-04-01", {"audit", "verify"});
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("Журнал аудита цел"));

  // An auditor's nightmare: someone rewrites who confirmed. The chain names the event.
  std::string database = deployment_ + "/var/vekha.sqlite3";
  Outcome edited = Shell("sqlite3 " + Quote(database) +
                         " \"UPDATE audit_log SET actor = 'mikhailova' WHERE event = 'confirmed' AND task_id = '" +
                         programmes + "'\"");
  ASSERT_EQ(edited.status, 0) << edited.err;
  Outcome broken = At("2022-04-01", {"audit", "verify"});
  EXPECT_EQ(broken.status, 1);
  EXPECT_THAT(broken.err, HasSubstr("цепочка хешей разорвана на событии #"));
  EXPECT_THAT(broken.err, HasSubstr("его содержимое не совпадает с его хешем"));

  // Moving the task to another school is caught too: its id is the hash of its identity.
  Outcome moved = Shell("sqlite3 " + Quote(database) + " \"UPDATE tasks SET organisation = 'school-7' WHERE id = '" +
                        programmes + "'\"");
  ASSERT_EQ(moved.status, 0) << moved.err;
  Outcome altered = At("2022-04-01", {"audit", "verify"});
  EXPECT_EQ(altered.status, 1);
  EXPECT_THAT(altered.err,
              HasSubstr("задача " + programmes + " изменена: её план, мероприятие, организация или период"));
}

TEST_F(LifecycleCliTest, ExplainTaskShowsFactsAndTheRulesThatHold) {
  ASSERT_EQ(At("2022-03-01", {"sync"}).status, 0);
  ASSERT_EQ(At("2022-03-02T09:00:00Z", {"submit", TaskOf("r04-risk-questionnaire"), "--as", "proshletsova"}).status, 0);
  // 23, 24 and 25 March: three working days to «до 25 марта», and no document uploaded.
  Outcome explained = At("2022-03-22", {"explain-task", TaskOf("r06-concept-documents")});
  ASSERT_EQ(explained.status, 0) << explained.err;
  EXPECT_THAT(explained.out, HasSubstr("working_days_until_due = 3"));
  EXPECT_THAT(explained.out, HasSubstr("[ВЫПОЛНЕНО] missing-documents"));
  EXPECT_THAT(explained.out, HasSubstr("→ responsible: Прошлецова А.В., Михайлова С.М. (шаблон missing-documents"));
  EXPECT_THAT(explained.out, HasSubstr("[ ] reminder-7"));
  // Next: Thursday 24 March, one working day before, from midnight in Kemerovo (UTC+7).
  EXPECT_THAT(explained.out, HasSubstr("Следующее изменение: 24.03.2022 (чт) с 00:00 (Asia/Novokuznetsk) = "
                                       "2022-03-23T17:00:00Z (reminder-1)"));
  Outcome later = At("2022-03-01", {"explain-task", TaskOf("r06-concept-documents"), "--at", "2022-03-29"});
  EXPECT_THAT(later.out, HasSubstr("[ВЫПОЛНЕНО] overdue-responsible"));
}

TEST(ZaozerskRulesTest, TheAugustMonitoringIsRemindedSevenWorkingDaysAhead) {
  ScratchDirectory scratch;
  std::string zaozersk = scratch.CopyExample("zaozersk");
  // «Ежегодно, в срок до 10 августа» (order L41): Wednesday 10 August 2022; on Monday 1 August
  // seven working days remain (2-5, 8-10 August).
  Outcome listed =
      Vekha({"--now", "2022-08-01", "tasks", "-d", zaozersk, "--roadmap", "order-155", "--format", "json"});
  ASSERT_EQ(listed.status, 0) << listed.err;
  std::string monitoring;
  for (const nlohmann::json& task : nlohmann::json::parse(listed.out)) {
    if (task["activity"] == "monitoring" && task["key"] == "2022") monitoring = task["id"];
  }
  ASSERT_FALSE(monitoring.empty());
  Outcome explained = Vekha({"--now", "2022-08-01", "explain-task", monitoring, "-d", zaozersk});
  ASSERT_EQ(explained.status, 0) << explained.err;
  EXPECT_THAT(explained.out, HasSubstr("[ВЫПОЛНЕНО] reminder-7"));
  EXPECT_THAT(explained.out,
              HasSubstr("→ responsible: Белокреницкая Е.В., Галкина Н.Н., Ханченко И.Г. (шаблон reminder"));
  EXPECT_THAT(explained.out, HasSubstr("Следующее изменение: 02.08.2022 (вт) с 00:00 (Europe/Moscow) = "
                                       "2022-08-01T21:00:00Z (reminder-7)"));
  Outcome fired = Vekha({"--now", "2022-08-01", "fire", "-d", zaozersk});
  ASSERT_EQ(fired.status, 0) << fired.err;
  EXPECT_THAT(fired.out,
              HasSubstr("→ Белокреницкая Е.В. (belokrenitskaya): reminder — задача " + monitoring + " [reminder-7]"));
  Outcome again = Vekha({"--now", "2022-08-01", "fire", "-d", zaozersk});
  EXPECT_THAT(again.out, testing::Not(HasSubstr(monitoring)));  // nothing twice
  EXPECT_EQ(Vekha({"audit", "verify", "-d", zaozersk}).status, 0);
}

TEST_F(LifecycleCliTest, EveryLifecycleCommandHasHelp) {
  for (std::vector<std::string> command : std::vector<std::vector<std::string>>{{"sync"},
                                                                                {"tasks"},
                                                                                {"history"},
                                                                                {"submit"},
                                                                                {"confirm"},
                                                                                {"return"},
                                                                                {"waive"},
                                                                                {"set-date"},
                                                                                {"task", "create"},
                                                                                {"audit", "verify"},
                                                                                {"explain-task"}}) {
    command.push_back("--help");
    Outcome help = Vekha(command);
    EXPECT_EQ(help.status, 0) << command[0];
    EXPECT_THAT(help.out, HasSubstr("Запуск")) << command[0];
  }
}

TEST_F(LifecycleCliTest, AnInvalidDeploymentChangesNothing) {
  std::ofstream(deployment_ + "/roadmaps/500plus-2022.yaml", std::ios::app)
      << "    - id: broken\n      title: X\n      timing: Декабрь 202\n";
  Outcome refused = At("2022-03-01", {"sync"});
  EXPECT_EQ(refused.status, 1);
  EXPECT_THAT(refused.err, HasSubstr("в годе должно быть четыре цифры"));
  EXPECT_FALSE(std::filesystem::exists(deployment_ + "/var/vekha.sqlite3"));
}

}  // namespace
}  // namespace vekha::testing_support
