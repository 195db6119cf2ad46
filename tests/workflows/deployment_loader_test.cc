// Loading and validating a deployment: every error names file:line:column and what was expected.
#include "workflows/deployment_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "engine/planner.h"
#include "tests/workflows/test_deployment.h"
#include "workflows/yaml_reader.h"

namespace vekha {
namespace {

using testing::HasSubstr;
using testing_support::TempDeployment;

const char* kValidActivities =
    "    - id: monitoring\n"
    "      title: Мониторинг\n"
    "      timing: Ежегодно январь, май\n"
    "      responsible: [director, specialist@mku]\n"
    "      for: {kind: school}\n"
    "      confirm: specialist@mku\n"
    "      deliverables:\n"
    "        - document: Аналитическая справка\n"
    "        - {indicator: Охват, unit: \"%\", target: 40, better: higher}\n"
    "    - id: analysis\n"
    "      title: Анализ\n"
    "      timing: {repeat: yearly, months: [2, 6]}\n"
    "      responsible: ivanova\n"
    "      depends_on: [monitoring]\n";

TEST(DeploymentLoaderTest, LoadsAValidDeployment) {
  TempDeployment deployment;
  deployment.WriteRoadmap(kValidActivities);
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(deployment.path(), diagnostics);
  ASSERT_TRUE(loaded.deployment) << deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.warnings(), 0);
  const Deployment& result = *loaded.deployment;
  ASSERT_EQ(result.roadmaps.size(), 1u);
  const Activity& monitoring = result.roadmaps[0].activities[0];
  EXPECT_EQ(monitoring.timing.months, (std::vector<int>{1, 5}));
  EXPECT_EQ(monitoring.responsible[0].kind, PartyRef::Kind::kRole);
  EXPECT_EQ(monitoring.responsible[1].kind, PartyRef::Kind::kRoleAt);
  ASSERT_EQ(monitoring.deliverables.size(), 2u);
  EXPECT_EQ(monitoring.deliverables[1].target, 40.0);
  EXPECT_EQ(result.roadmaps[0].activities[1].responsible[0].kind, PartyRef::Kind::kPerson);
  EXPECT_EQ(loaded.files.size(), 4u);
}

// A phone is digits with the usual separators; anything else is refused where it is written.
TEST(DeploymentLoaderTest, APhoneIsKeptAsWrittenOrRefusedAtItsKey) {
  TempDeployment deployment;
  deployment.WriteRoadmap(kValidActivities);
  deployment.Write("people.yaml",
                   "people:\n"
                   "  - {id: ivanova, name: Иванова И.И., phone: \"+7 (81556) 3-12-45\", roles: [specialist@mku]}\n"
                   "  - {id: petrov, name: Петров П.П., phone: звонить секретарю, roles: [director@school-1]}\n"
                   "  - {id: sidorova, name: Сидорова С.С., roles: [director@school-2]}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, testing::HasSubstr("people.yaml:3:44: ошибка: «звонить секретарю» — не номер телефона; напишите, "
                                         "например, +7 (81556) 3-12-45"));
  EXPECT_EQ(diagnostics.errors(), 1) << report;
}

TEST(DeploymentLoaderTest, AcceptsTheVekhaYamlPathToo) {
  TempDeployment deployment;
  deployment.WriteRoadmap(kValidActivities);
  Diagnostics diagnostics;
  EXPECT_TRUE(LoadDeployment(deployment.File("vekha.yaml"), diagnostics).deployment);
}

TEST(DeploymentLoaderTest, UnknownKeySuggestsTheNearestKey) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - id: a1\n"
      "      title: Мероприятие\n"
      "      timming: Ежегодно\n"
      "      responsible: specialist@mku\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:10:7: ошибка: неизвестный ключ «timming» (мероприятие)\n"
                                "    может быть, «timing»?"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:8:7: ошибка: не хватает обязательного ключа «timing»"));
}

// A roadmap saved in cp1251 by an old editor: refused at its first bad byte, never let through to
// the pages and reports.
TEST(DeploymentLoaderTest, AFileThatIsNotUtf8IsRefusedAtItsFirstBadByte) {
  TempDeployment deployment;
  // «Анализ» in cp1251 after a UTF-8 «Итоги: »: line 8, column 30.
  deployment.WriteRoadmap(
      "    - {id: a, title: \"Итоги: \xC0\xED\xE0\xEB\xE8\xE7\", timing: Ежемесячно, responsible: [specialist@mku]}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:8:30: ошибка: файл не в кодировке UTF-8: байт 0xC0 не читается"));
  EXPECT_THAT(report, HasSubstr("сохраните файл в UTF-8"));
  EXPECT_EQ(diagnostics.errors(), 1);
}

// Files that are not files: a device would grow `check` without end, a named pipe would block it
// (and the daemon's reload); paths leaving the deployment read what it does not own.
TEST(DeploymentLoaderTest, OnlyRegularFilesInsideTheDeploymentAreRead) {
  TempDeployment deployment;
  std::filesystem::path outside = deployment.path() + "-outside";
  std::filesystem::create_directories(outside);
  std::ofstream(outside / "extra.yaml") << "roles:\n  extra: Дополнительная роль\n";
  std::filesystem::create_symlink(outside / "extra.yaml", deployment.File("roadmaps/escape.yaml"));
  ASSERT_EQ(::mkfifo(deployment.File("pipe.yaml").c_str(), 0600), 0);
  deployment.Write("vekha.yaml",
                   "name: Тест\n"
                   "time_zone: Europe/Moscow\n"
                   "calendar: {files: [/dev/zero]}\n"
                   "include: [organisations.yaml, people.yaml, roadmaps/*.yaml, pipe.yaml, ../../../../etc/passwd]\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);  // returns: nothing blocks
  EXPECT_THAT(report, HasSubstr("vekha.yaml:3:19: ошибка: «zero» — устройство: читаются только обычные файлы"));
  EXPECT_THAT(report,
              HasSubstr("vekha.yaml:4:10: ошибка: «pipe.yaml» — именованный канал: читаются только обычные файлы"));
  EXPECT_THAT(report, HasSubstr("ошибка: «/etc/passwd» вне каталога развёртывания"));
  EXPECT_THAT(report, HasSubstr("ошибка: «" + (outside / "extra.yaml").string() + "» вне каталога развёртывания"));
  EXPECT_THAT(report, HasSubstr("allow_outside"));

  // Listed in «allow_outside», the shared file is read.
  deployment.Write("vekha.yaml",
                   "name: Тест\n"
                   "time_zone: Europe/Moscow\n"
                   "allow_outside: [" +
                       outside.string() +
                       "]\n"
                       "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n");
  Diagnostics allowed;
  LoadResult loaded = LoadDeployment(deployment.path(), allowed);
  ASSERT_TRUE(loaded.deployment) << deployment.Check(allowed);
  EXPECT_TRUE(loaded.deployment->roles.contains("extra"));
  std::filesystem::remove_all(outside);
}

TEST(DeploymentLoaderTest, UnknownReferencesAreErrorsWithSuggestions) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - id: a1\n"
      "      title: Мероприятие\n"
      "      timing: Ежегодно\n"
      "      responsible: [directr, specialist@mkux]\n"
      "      for: {kind: schol, orgs: [school-3]}\n"
      "      depends_on: [a2]\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:11:21: ошибка: нет роли или человека «directr»\n"
                                "    может быть, «director»?"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:11:30: ошибка: нет организации «mkux» (в «specialist@mkux»)"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:12:12: ошибка: нет вида организаций «schol»\n"
                                "    может быть, «school»?"));
  EXPECT_THAT(report, HasSubstr("ошибка: нет организации «school-3»"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:13:19: ошибка: нет мероприятия «a2»"));
}

TEST(DeploymentLoaderTest, DependencyCyclesAreErrors) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: a, title: A, timing: Ежегодно, responsible: ivanova, depends_on: [c]}\n"
      "    - {id: b, title: B, timing: Ежегодно, responsible: ivanova, depends_on: [a]}\n"
      "    - {id: c, title: C, timing: {after: b, working_days: 5}, responsible: ivanova}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 1) << report;
  EXPECT_THAT(report, HasSubstr("ошибка: цикл зависимостей: a → c → b → a"));
}

TEST(DeploymentLoaderTest, DuplicateIdsNameTheFirstDeclaration) {
  TempDeployment deployment;
  deployment.Write("extra.yaml", "organisations:\n  - {id: school-1, name: Дубль, kind: school}\n");
  deployment.Write("vekha.yaml", "include: [organisations.yaml, people.yaml, extra.yaml]\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("extra.yaml:2:10: ошибка: код «school-1» повторяется (организация)"));
  EXPECT_THAT(report, HasSubstr("впервые объявлен: "));
  EXPECT_THAT(report, HasSubstr("organisations.yaml:6:10"));
}

TEST(DeploymentLoaderTest, BadValuesAreErrorsWithWhatWasExpected) {
  TempDeployment deployment;
  deployment.Write("vekha.yaml",
                   "time_zone: Europe/Mosow\n"
                   "shift: later\n"
                   "include: [organisations.yaml, people.yaml, roadmaps/*.yaml, missing.yaml]\n");
  deployment.Write("roadmaps/test.yaml",
                   "roadmap:\n"
                   "  id: Test\n"
                   "  title: T\n"
                   "  period: {from: 2021-13-01, to: 2021-12-31}\n"
                   "  year: acadmic\n"
                   "  owner: mku\n"
                   "  activities: []\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("vekha.yaml:1:12: ошибка: неизвестный часовой пояс «Europe/Mosow»"));
  EXPECT_THAT(report,
              HasSubstr("vekha.yaml:2:8: ошибка: неизвестный перенос «later»; допустимо next, previous или none"));
  EXPECT_THAT(report, HasSubstr("ошибка: под «missing.yaml» не подходит ни один файл"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:2:7: ошибка: в коде «Test» допустимы только a-z, 0-9"));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:4:18: ошибка: «from: 2021-13-01» — не дата; напишите ГГГГ-ММ-ДД"));
  EXPECT_THAT(
      report,
      HasSubstr("roadmaps/test.yaml:5:9: ошибка: неизвестный вид года «acadmic»; допустимо: calendar или academic\n"
                "    может быть, «academic»?"));
}

TEST(DeploymentLoaderTest, TheServersFairnessAndTheAuditKeyAreSettings) {
  TempDeployment deployment;
  deployment.WriteRoadmap(kValidActivities);
  deployment.Write("vekha.yaml",
                   "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n"
                   "http:\n"
                   "  listen: 127.0.0.1:8080\n"
                   "  max_connections_per_address: 8\n"
                   "  trusted_proxies: [127.0.0.1, 10.0.0.0/8, \"::1\"]\n"
                   "audit:\n"
                   "  signing_key: keys/audit.key\n");
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(deployment.path(), diagnostics);
  ASSERT_TRUE(loaded.deployment) << deployment.Check(diagnostics);
  const Settings& settings = loaded.deployment->settings;
  EXPECT_EQ(settings.http.max_connections_per_address, 8);
  EXPECT_TRUE(settings.http.trusted_proxies.Contains("10.1.2.3"));
  EXPECT_FALSE(settings.http.trusted_proxies.Contains("192.0.2.1"));
  EXPECT_EQ(settings.audit_signing_key,
            (std::filesystem::path(deployment.path()) / "keys/audit.key").lexically_normal());

  deployment.Write("vekha.yaml",
                   "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n"
                   "http:\n"
                   "  listen: 127.0.0.1:8080\n"
                   "  max_connections_per_address: 0\n"
                   "  trusted_proxies: [127.0.0.1, proxy.local]\n"
                   "audit: {signing_kye: a.key}\n");
  Diagnostics refused;
  std::string report = deployment.Check(refused);
  EXPECT_THAT(report, HasSubstr("vekha.yaml:4:32: ошибка:"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:5:32: ошибка: «proxy.local» — не IP-адрес и не сеть"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:6:9: ошибка: неизвестный ключ «signing_kye»"));
}

TEST(DeploymentLoaderTest, YamlSyntaxErrorsNameTheirPosition) {
  TempDeployment deployment;
  deployment.Write("roadmaps/test.yaml", "roadmap:\n  id: test\n  title: [unclosed\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  // yaml-cpp notices the unclosed flow sequence at the end of the file.
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:4:1: ошибка: синтаксис YAML: end of sequence flow not found"));
}

// Hostile files: each is refused with a position and a reason, quickly and without a crash.
TEST(DeploymentLoaderTest, DeepNestingIsRefusedWithItsPosition) {
  TempDeployment deployment;
  deployment.Write("roadmaps/test.yaml", "roadmap:\n  id: test\n  title: " + std::string(100'000, '[') + "\n");
  Diagnostics diagnostics;
  EXPECT_THAT(deployment.Check(diagnostics),
              testing::MatchesRegex(
                  "(.|\n)*roadmaps/test.yaml:[0-9]+:[0-9]+: ошибка: YAML вложен глубже [0-9]+ уровней(.|\n)*"));
}

TEST(DeploymentLoaderTest, AnAliasBombIsRefusedWithoutExpandingIt) {
  // 10^24 activities if every alias were expanded: each level refers ten times to the one below.
  std::string yaml = "a0: &a0 {id: x, title: t, timing: ежегодно, responsible: [director]}\n";
  for (int level = 1; level <= 24; ++level) {
    yaml += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *a" : "*a") + std::to_string(level - 1);
    yaml += "]\n";
  }
  yaml +=
      "roadmap:\n  id: test\n  title: Бомба\n  period: {from: 2022-01-01, to: 2022-12-31}\n  owner: mku\n"
      "  coordinator: ivanova\n  activities: *a24\n";
  TempDeployment deployment;
  deployment.Write("roadmaps/test.yaml", yaml);
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:1:1: ошибка: неизвестный ключ «a0»"));
  EXPECT_THAT(report, HasSubstr("ошибка: каждое мероприятие: нужен словарь вида «ключ: значение»"));
  EXPECT_LT(diagnostics.errors(), 100);
}

TEST(DeploymentLoaderTest, AnOversizeFileIsRefusedUnread) {
  TempDeployment deployment;
  deployment.Write("roadmaps/test.yaml", "# " + std::string(kMaxYamlBytes, 'x') + "\n");
  Diagnostics diagnostics;
  // Refused where the include names it, before it is opened.
  EXPECT_THAT(deployment.Check(diagnostics),
              HasSubstr("vekha.yaml:3:10: ошибка: «test.yaml» — 32 МиБ; файл настроек может быть не больше 32 МиБ"));
}

TEST(DeploymentLoaderTest, RolesNobodyHoldsAreWarnings) {
  TempDeployment deployment;
  deployment.Write("people.yaml",
                   "people:\n  - {id: ivanova, name: Иванова И.И., roles: [specialist@mku]}\n"
                   "  - {id: petrov, name: Петров П.П., roles: [director@school-1]}\n");
  deployment.WriteRoadmap("    - {id: a, title: A, timing: Ежегодно, responsible: [director], for: {kind: school}}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_EQ(diagnostics.errors(), 0) << report;
  EXPECT_THAT(report, HasSubstr("предупреждение: никто не занимает роль «director» в school-2"));
}

TEST(DeploymentLoaderTest, AddsDeploymentCalendarFiles) {
  TempDeployment deployment;
  deployment.Write("calendars/2028.xml", "<calendar year=\"2028\"><days><day d=\"01.10\" t=\"1\"/></days></calendar>");
  deployment.Write("vekha.yaml",
                   "calendar: {builtin: ru, files: [calendars/*.xml]}\n"
                   "include: [organisations.yaml, people.yaml]\n");
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(deployment.path(), diagnostics);
  ASSERT_TRUE(loaded.deployment);
  EXPECT_TRUE(loaded.deployment->calendar.Covers(2027));
  EXPECT_FALSE(loaded.deployment->calendar.IsWorkingDay(MakeDate(2028, 1, 10)));

  deployment.Write("calendars/2027.xml", "<calendar year=\"2027\">\n<day d=\"13.01\" t=\"1\"/></calendar>");
  Diagnostics broken;
  std::string report = deployment.Check(broken);
  EXPECT_THAT(report, HasSubstr("calendars/2027.xml:2:1: ошибка: производственный календарь: <day d=\"13.01\">"));
}

// Dependencies that cannot hold are reported: a deadline counted from an activity never done once,
// and occurrences opening before any occurrence of what they wait for.
TEST(DeploymentLoaderTest, DependenciesThatCannotHoldAreReported) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: setup, title: Создание рабочей группы, timing: Март 2023, responsible: ivanova}\n"
      "    - {id: reports, title: Отчеты, timing: Ежеквартально, responsible: ivanova, depends_on: [setup]}\n"
      "    - {id: talks, title: Консультации, timing: По запросу, responsible: ivanova}\n"
      "    - {id: summary, title: Итоги, timing: {after: talks, days: 5}, responsible: ivanova}\n"
      "    - {id: watch, title: Наблюдение, timing: Постоянно, responsible: ivanova}\n"
      "    - {id: review, title: Обзор, timing: {after: watch, working_days: 5}, responsible: ivanova}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  // The roadmap runs 2021-06 … 2023-12: quarters 2021-Q2 … 2023-Q1 (8 of 11) open before March 2023.
  EXPECT_THAT(report, HasSubstr("предупреждение: «reports» зависит от «setup», но периоды (8 из 11: 2021-Q2 … 2023-Q1) "
                                "открываются раньше любого периода «setup»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «after: talks» отсчитывается от завершения того мероприятия, но его срок — "
                                "on-demand"));
  EXPECT_THAT(report, HasSubstr("ошибка: «after: watch» отсчитывается от завершения того мероприятия, но его срок — "
                                "continuous"));
}

// `for: {tag: …}` selects the organisations with that tag (seed 000's ШНОР rows).
TEST(DeploymentLoaderTest, ATagSelectsTheOrganisationsThatCarryIt) {
  TempDeployment deployment;
  deployment.WriteRoadmap(
      "    - {id: plan, title: План, timing: Август 2022, responsible: director, for: {tag: 500plus}}\n"
      "    - {id: both, title: Оба, timing: Август 2022, responsible: director, for: {tag: a, tags: [b]}}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("ошибка: укажите «tag» или «tags», но не оба"));
  deployment.WriteRoadmap(
      "    - {id: plan, title: План, timing: Август 2022, responsible: director, for: {tag: 500plus}}\n");
  Diagnostics clean;
  LoadResult loaded = LoadDeployment(deployment.path(), clean);
  ASSERT_TRUE(loaded.deployment) << deployment.Check(clean);
  const Roadmap& roadmap = loaded.deployment->roadmaps.front();
  std::vector<const Organisation*> selected =
      SelectOrganisations(*loaded.deployment, roadmap, roadmap.activities.front());
  ASSERT_EQ(selected.size(), 1u);
  EXPECT_EQ(selected.front()->id, "school-1");
}

// A timing anchored on an event names one declared event, by id or by the words of its title and
// phrases in any of their forms; anything else is refused where the timing stands.
TEST(DeploymentLoaderTest, EventAnchorsNameOneDeclaredEvent) {
  TempDeployment deployment;
  deployment.Write("roadmaps/events.yaml",
                   "events:\n"
                   "  - {id: results, title: Получены результаты ВПР}\n"
                   "  - {id: results-oge, title: Получены результаты ОГЭ, phrases: [получения результатов]}\n"
                   "  - {id: bad, title: Плохое, scope: school, repeat: monthly, implied_by: nowhere}\n");
  deployment.WriteRoadmap(
      "    - {id: a1, title: A, timing: через 10 дней после начала учебного года, responsible: ivanova}\n"
      "    - {id: a2, title: B, timing: в течение 5 дней после получения результатов, responsible: ivanova}\n"
      "    - {id: a3, title: C, timing: {event: results, working_days: 30}, responsible: ivanova}\n"
      "    - {id: a4, title: D, timing: {event: results, before: true, months: [1]}, responsible: ivanova}\n"
      "    - {id: a5, title: E, timing: {event: results, days: 3, quarter: 2}, responsible: ivanova}\n");
  Diagnostics diagnostics;
  std::string report = deployment.Check(diagnostics);
  EXPECT_THAT(
      report,
      HasSubstr("roadmaps/test.yaml:8:34: ошибка: ни одно событие развёртывания не называется «начала учебного года»"));
  EXPECT_THAT(report, HasSubstr("объявите его в «events:»"));
  // «получения результатов» is a phrase of results-oge only; the title «Получены результаты ВПР»
  // needs «ВПР» too. So a2 resolves, and a3 by its id.
  EXPECT_THAT(report, testing::Not(HasSubstr("roadmaps/test.yaml:9:")));
  EXPECT_THAT(report, testing::Not(HasSubstr("roadmaps/test.yaml:10:")));
  EXPECT_THAT(report, HasSubstr("roadmaps/test.yaml:11:42: ошибка: «event» требует ровно одно из «days»"));
  EXPECT_THAT(report, HasSubstr("ошибка: «quarter» ничего не меняет рядом с «event»"));
  EXPECT_THAT(
      report,
      HasSubstr(
          "ошибка: «scope» (охват события): неизвестное значение «school»; допустимо: organisation или municipality"));
  EXPECT_THAT(
      report,
      HasSubstr("ошибка: «repeat» (повторение события): неизвестное значение «monthly»; допустимо: yearly или once"));
  EXPECT_THAT(report, HasSubstr("ошибка: «implied_by: nowhere» должно называть дорожная_карта/мероприятие"));

  deployment.Write("roadmaps/events.yaml",
                   "events:\n"
                   "  - {id: vpr, title: Получены результаты ВПР, phrases: [получения результатов]}\n"
                   "  - {id: oge, title: Получены результаты ОГЭ, phrases: [получения результатов]}\n");
  deployment.WriteRoadmap(
      "    - {id: a2, title: B, timing: в течение 5 дней после получения результатов, responsible: ivanova}\n");
  Diagnostics ambiguous;
  EXPECT_THAT(deployment.Check(ambiguous), HasSubstr("называет несколько событий (vpr, oge)"));
}

}  // namespace
}  // namespace vekha
