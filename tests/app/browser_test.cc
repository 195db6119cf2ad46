// The whole 500+ upload and confirmation in a real browser (headless Chromium from Debian, driven
// through chromedriver): the director signs in with their token, uploads the concept and the
// anti-risk programmes and submits; the curator confirms on «На подтверждение»; the auditor's
// history shows both. Screenshots are kept in the build tree under test-output/browser/.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "tests/app/web_driver.h"
#include "tests/app/web_fixture.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;

class BrowserTest : public WebFixture {
 protected:
  std::string Url(const std::string& path) const { return fmt::format("http://127.0.0.1:{}{}", port_, path); }

  void SignIn(WebDriver& browser, const std::string& person) {
    browser.Open(Url("/sign-in"));
    browser.Type("#token", tokens_.at(person));
    browser.Click("#sign-in");
    browser.Find("header .who");
  }

  void SignOut(WebDriver& browser) {
    browser.Click("header form button");
    browser.Find("#token");
  }

  std::filesystem::path Shots() const { return std::filesystem::path(VEKHA_TEST_OUTPUT_DIR) / "browser"; }
};

TEST_F(BrowserTest, ADirectorUploadsAndSubmitsTheCuratorConfirmsTheAuditorSeesBoth) {
  ASSERT_NO_FATAL_FAILURE(Start());
  // The questionnaire (r04) is done through the API; the concept documents (r06) then open.
  std::string questionnaire = TaskId("r04-risk-questionnaire", "metallploshchadka");
  ASSERT_EQ(
      PostJson(fmt::format("/api/tasks/{}/submit", questionnaire), "proshletsova", nlohmann::json::object()).status,
      200);
  std::string concept_task = TaskId("r06-concept-documents", "metallploshchadka");
  std::filesystem::path concept_file = scratch_.path() / "Концепция развития школы.txt";
  std::filesystem::path programmes = scratch_.path() / "Антирисковые программы.txt";
  std::ofstream(concept_file) << "Концепция развития МБОУ «Металлплощадская СОШ» на 2022-2024 годы\n";
  std::ofstream(programmes) << "Антирисковые программы: низкая учебная мотивация, дефициты компетенций педагогов\n";

  WebDriver browser(scratch_.path());
  SignIn(browser, "proshletsova");
  browser.Open(Url("/my"));
  EXPECT_THAT(browser.Source(), HasSubstr(concept_task));
  browser.Screenshot(Shots() / "1-director-my-tasks.png");
  browser.Click(fmt::format("tr[data-task='{}'] a", concept_task));
  // The order's expected result is on the page, so the director knows what counts as done.
  EXPECT_THAT(browser.Text("#task-facts"), HasSubstr("Ожидаемый результат\n100% школ 500+ разместить в ИС МЭДК"));
  browser.Type("#file-1", concept_file.string());
  browser.Type("#file-2", programmes.string());
  browser.Type("#comment", "Документы размещены в ИС МЭДК");
  browser.Screenshot(Shots() / "2-director-submit-form.png");
  browser.Click("#submit");
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("Отправлено"));
  EXPECT_THAT(browser.Text("#task-status"), HasSubstr("сдана"));
  EXPECT_THAT(browser.Source(), HasSubstr("Концепция развития школы.txt"));
  browser.Screenshot(Shots() / "3-director-submitted.png");
  SignOut(browser);

  SignIn(browser, "krivosheeva");
  browser.Open(Url("/confirm"));
  browser.Click(fmt::format("tr[data-task='{}'] a", concept_task));
  browser.Screenshot(Shots() / "4-curator-to-confirm.png");
  browser.Click("#confirm");
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("Подтверждено"));
  EXPECT_THAT(browser.Text("#task-status"), HasSubstr("подтвержд"));
  SignOut(browser);

  SignIn(browser, "kontrol");
  browser.Open(Url(fmt::format("/history?organisation=metallploshchadka&roadmap=500plus-2022")));
  std::string history = browser.Text("#history");
  EXPECT_THAT(history, HasSubstr("сдана"));
  EXPECT_THAT(history, HasSubstr("Прошлецова А.В."));
  EXPECT_THAT(history, HasSubstr("подтверждена"));
  EXPECT_THAT(history, HasSubstr("Кривошеева Е.В."));
  EXPECT_THAT(history, HasSubstr("источник: web 127.0.0.1"));
  browser.Screenshot(Shots() / "5-auditor-history.png");
  // The auditor's task page offers no forms.
  browser.Open(Url("/tasks/" + concept_task));
  EXPECT_THAT(browser.Source(), testing::Not(HasSubstr("<form method=\"post\" action=\"/tasks/")));
}

// A refused submission in a real browser: the director chooses the report's file but types a word
// where a number goes; the refusal keeps the file as a draft and the word in its field, so the
// second attempt only corrects the number.
TEST_F(BrowserTest, ARefusedSubmissionKeepsTheChosenFileForTheNextAttempt) {
  std::ofstream(deployment_ + "/roadmaps/survey.yaml")
      << "roadmap:\n"
         "  id: survey\n"
         "  title: Мониторинг мотивации обучающихся\n"
         "  period: {from: 2022-01-01, to: 2022-12-31}\n"
         "  owner: uo-kmo\n"
         "  coordinator: mikhailova\n"
         "  activities:\n"
         "    - id: motivation\n"
         "      title: Анкетирование обучающихся по учебной мотивации\n"
         "      timing: до 31 марта 2022 года\n"
         "      responsible: [director]\n"
         "      for: {tag: 500plus}\n"
         "      deliverables:\n"
         "        - document: Аналитическая справка\n"
         "        - {indicator: Доля обучающихся с высокой мотивацией, unit: \"%\"}\n";
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string task = TaskId("motivation", "metallploshchadka");
  std::filesystem::path report = scratch_.path() / "Справка по анкетированию.txt";
  std::ofstream(report) << "Анкетирование 7-9 классов, 84 обучающихся\n";

  WebDriver browser(scratch_.path());
  SignIn(browser, "proshletsova");
  browser.Open(Url("/tasks/" + task));
  EXPECT_THAT(browser.Text("#upload-limits"), HasSubstr("каждый не больше 50 МБ"));
  browser.Type("#file-1", report.string());
  browser.Type("#value-2", "много");
  browser.Type("#comment", "Анкетирование проведено");
  browser.Click("#submit");
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("нужно число"));
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("сохранены как черновик («Справка по анкетированию.txt»)"));
  EXPECT_THAT(browser.Text("#draft-1"), HasSubstr("Уже загружен: «Справка по анкетированию.txt»"));
  EXPECT_EQ(browser.Run("return document.getElementById('value-2').value;"), "много");
  EXPECT_EQ(browser.Run("return document.getElementById('comment').value;"), "Анкетирование проведено");
  browser.Screenshot(Shots() / "11-director-refused-with-draft.png");

  browser.Clear("#value-2");
  browser.Type("#value-2", "62,5");
  browser.Click("#submit");
  browser.Find("section.submission");  // the new page: the refused one had a notice too
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("Отправлено"));
  EXPECT_THAT(browser.Source(), HasSubstr("Справка по анкетированию.txt"));
  EXPECT_THAT(browser.Source(), testing::Not(HasSubstr("draft-1")));
}

// «Показатели» in a real browser: the director picks their school's indicator, reports the 2021
// value with the session's form, and sees it judged against the target.
TEST_F(BrowserTest, ADirectorReportsTheirSchoolsValueAndSeesItJudged) {
  std::ofstream(deployment_ + "/roadmaps/indicators.yaml")
      << "indicators:\n"
         "  - {id: vpr-mean, title: Средний балл ВПР по математике, unit: балл, level: organisation,\n"
         "     for: {tags: [500plus]}, targets: {2021: 3.6, 2022: 3.7}}\n";
  ASSERT_NO_FATAL_FAILURE(Start());
  WebDriver browser(scratch_.path());
  SignIn(browser, "proshletsova");
  browser.Click("header a[href='/indicators']");
  browser.Click("#indicator option[value='vpr-mean']");
  browser.Click("#organisation option[value='metallploshchadka']");
  browser.Clear("#record-year");
  browser.Type("#record-year", "2021");
  browser.Type("#value", "3,4");
  browser.Type("#comment", "Протокол ВПР 2021");
  browser.Screenshot(Shots() / "5-director-indicator-form.png");
  browser.Click("#record-indicator button");
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("«Средний балл ВПР по математике» за 2021 год: 3,4 балл"));
  std::string table = browser.Text("#indicators");
  EXPECT_THAT(table, HasSubstr("3,4 балл"));
  EXPECT_THAT(table, HasSubstr("не достигнут"));
  EXPECT_THAT(table, testing::Not(HasSubstr("Пригородная")));
  browser.Screenshot(Shots() / "6-director-indicator-judged.png");
}

// «Обзор» and «Календарь» at a desk and on a phone: the coordinator lands on the dashboard, its
// tiles and charts are there, and at 390 px nothing is wider than the screen. The dashboard's two
// screenshots are the README's.
TEST_F(BrowserTest, TheDashboardReadsAtADeskAndOnAPhone) {
  ASSERT_NO_FATAL_FAILURE(Start());
  WebDriver browser(scratch_.path());
  browser.Resize(1366, 1000);
  SignIn(browser, "mikhailova");
  browser.Open(Url("/"));
  browser.Find("section.tiles");
  EXPECT_THAT(browser.Url(), testing::EndsWith("/dashboard"));
  EXPECT_THAT(browser.Text("section.tiles"), HasSubstr("просрочен"));
  EXPECT_THAT(browser.Text("main"), HasSubstr("Выполнено в срок по организациям"));
  browser.Find("svg.columns");
  browser.Screenshot(Shots() / "7-coordinator-dashboard-1366.png");

  browser.Resize(390, 844);
  browser.Open(Url("/dashboard"));
  browser.Find("svg.columns");
  EXPECT_EQ(browser.Run("return document.documentElement.scrollWidth <= window.innerWidth;"), true)
      << browser.Run("return document.documentElement.scrollWidth + ' > ' + window.innerWidth;");
  browser.Screenshot(Shots() / "8-coordinator-dashboard-390.png");

  // «Календарь»: at 390 px the month is a list of the days with deadlines, nothing wider than the screen.
  browser.Open(Url("/calendar?month=2022-03"));
  browser.Find("#month-calendar");
  EXPECT_EQ(browser.Run("return document.documentElement.scrollWidth <= window.innerWidth;"), true);
  browser.Screenshot(Shots() / "10-coordinator-calendar-390.png");
  browser.Resize(1366, 1000);
  browser.Open(Url("/calendar?month=2022-03"));
  EXPECT_THAT(browser.Text("#month-calendar"), HasSubstr("Пн"));
  browser.Screenshot(Shots() / "9-coordinator-calendar-1366.png");
}

// A coordinator invites a director from «Люди»; the invitation arrives over SMTP, and the director
// opens its link, presses «Войти» and is on their pages — no token made on the server.
TEST_F(BrowserTest, ADirectorInvitedByEmailSignsInWithTheLink) {
  LoopbackServer smtp("smtp_sink.py", {}, scratch_.path());
  AppendToSettings(
      fmt::format("notifications:\n  email: {{url: \"smtp://127.0.0.1:{}\", from: vekha@uo-kmo.example.ru,"
                  " starttls: false}}\n",
                  smtp.port()));
  ASSERT_NO_FATAL_FAILURE(Start());
  WebDriver browser(scratch_.path());
  SignIn(browser, "mikhailova");
  browser.Open(Url("/people"));
  EXPECT_THAT(browser.Text("#person-proshletsova"), HasSubstr("не приглашали"));
  browser.Screenshot(Shots() / "12-coordinator-people.png");
  browser.Click("#invite-proshletsova");
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("Приглашение отправлено: Прошлецова А.В."));
  EXPECT_THAT(browser.Text("#person-proshletsova"), HasSubstr("приглашение отправлено"));
  SignOut(browser);

  std::string link;
  ASSERT_TRUE(WaitFor(
      [&] {
        for (const nlohmann::json& mail : smtp.Received()) {
          std::smatch match;
          std::string body = mail["body"].get<std::string>();
          if (std::regex_search(body, match,
                                std::regex("http://127\\.0\\.0\\.1:[0-9]+/sign-in/link\\?code=[0-9a-f]+"))) {
            link = match[0];
          }
        }
        return !link.empty();
      },
      20));
  browser.Open(link);
  browser.Screenshot(Shots() / "13-director-invitation-link.png");
  browser.Click("#use-link");
  EXPECT_THAT(browser.Text("header .who"), HasSubstr("Прошлецова"));
  browser.Open(link);  // used once: a second press is refused
  browser.Click("#use-link");
  EXPECT_THAT(browser.Text(".notice"), HasSubstr("Ссылка не подошла"));
  EXPECT_THAT(browser.Source(), HasSubstr("Прислать ссылку"));
  browser.Screenshot(Shots() / "14-used-link-refused.png");
}

// Every page, in the coordinator's and the director's hands, at 1366 px and on a 390 px phone:
// nothing wider than the phone's screen, and no serious or critical accessibility violation found
// by axe-core (tests/browser/package.json).
TEST_F(BrowserTest, EveryPageFitsAPhoneAndHasNoSeriousAccessibilityViolation) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string axe = ReadFile(VEKHA_AXE_SCRIPT);
  ASSERT_FALSE(axe.empty()) << VEKHA_AXE_SCRIPT << " is missing: scripts/install-test-tools.sh installs it";
  std::vector<std::pair<std::string, std::vector<std::string>>> visits = {
      {"mikhailova",
       {"/dashboard", "/my", "/confirm", "/overdue", "/history", "/calendar?month=2022-03", "/indicators", "/people",
        "/tasks/" + TaskId("r03-school-working-group", "prigorodnaya")}},
      {"proshletsova", {"/my", "/tasks/" + TaskId("r04-risk-questionnaire", "metallploshchadka"), "/calendar"}}};
  WebDriver browser(scratch_.path());
  std::vector<std::string> problems;
  for (const auto& [person, paths] : visits) {
    browser.Resize(1366, 1000);
    SignIn(browser, person);
    for (int width : {1366, 390}) {
      browser.Resize(width, width == 390 ? 844 : 1000);
      for (const std::string& path : paths) {
        browser.Open(Url(path));
        browser.Find("main h1");
        if (width == 390 && browser.Run("return document.documentElement.scrollWidth <= window.innerWidth;") != true) {
          problems.push_back(fmt::format("{} {} px: wider than the screen ({} px)", path, width,
                                         browser.Run("return document.documentElement.scrollWidth;").dump()));
        }
        if (width == 390) {
          std::string name = path.substr(1, path.find_first_of("/?", 1) - 1);
          browser.Screenshot(Shots() / "phone" / fmt::format("{}-{}.png", person, name));
        }
        browser.Run(axe + "\nreturn true;");
        nlohmann::json serious = browser.RunAsync(
            "axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));");
        for (const nlohmann::json& violation : serious) {
          problems.push_back(fmt::format("{} {} px: {}", path, width, violation.get<std::string>()));
        }
      }
    }
    browser.Resize(1366, 1000);
    SignOut(browser);
  }
  EXPECT_TRUE(problems.empty()) << fmt::format("{}", fmt::join(problems, "\n"));
}

// The department's report of Zaozersk's school year 2021/22 — on the bare deployment, where nothing
// was handed in and every deadline is a violation, the longest it gets — printed by Chromium to A4:
// at most 15 pages. The PDF is kept beside the screenshots.
TEST_F(BrowserTest, TheZaozerskYearReportPrintsOnAtMostFifteenPages) {
  std::string deployment = scratch_.CopyExample("zaozersk");
  std::filesystem::path html = Shots() / "report-zaozersk-2021-22.html";
  std::filesystem::path pdf = Shots() / "report-zaozersk-2021-22.pdf";
  std::filesystem::create_directories(Shots());
  Outcome report = Vekha({"--now", "2022-09-01T07:00:00Z", "report", deployment, "--from", "2021-09-01", "--to",
                          "2022-08-31", "-o", html.string()});
  ASSERT_EQ(report.status, 0) << report.err;
  std::filesystem::remove(pdf);
  Outcome print = Shell(fmt::format(
      "chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir={} --print-to-pdf={} {}",
      Quote((scratch_.path() / "print-profile").string()), Quote(pdf.string()), Quote("file://" + html.string())));
  ASSERT_TRUE(std::filesystem::exists(pdf)) << print.err;
  std::string document = ReadFile(pdf);
  // Each page is one «/Type /Page» object (the page tree is «/Type /Pages»).
  std::regex page(R"(/Type\s*/Page[^s])");
  auto pages = std::distance(std::sregex_iterator(document.begin(), document.end(), page), std::sregex_iterator());
  EXPECT_GT(pages, 2);
  EXPECT_LE(pages, 15);
  std::string text = ReadFile(html);
  EXPECT_THAT(text, testing::Not(HasSubstr(">once<")));
  EXPECT_THAT(text, HasSubstr("Исполнитель: "));
}

}  // namespace
}  // namespace vekha::testing_support
