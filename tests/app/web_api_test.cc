// The JSON API and the access rules of `vekha run`'s web server, against the real daemon on
// loopback: a director acts on their own school only, the confirmer confirms, an auditor reads
// everything and changes nothing, sessions need their CSRF token, failed sign-ins are limited,
// oversize uploads are refused with nothing stored, and every action is audited with its address.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "tests/app/web_fixture.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;
using testing::Not;
using testing::StartsWith;

class WebApiTest : public WebFixture {
 protected:
  // The director finishes the questionnaire (r04), which opens the concept documents (r06).
  std::string OpenConceptTask() {
    std::string questionnaire = TaskId("r04-risk-questionnaire", "metallploshchadka");
    HttpReply done =
        PostJson(fmt::format("/api/tasks/{}/submit", questionnaire), "proshletsova", {{"comment", "анкета"}});
    EXPECT_EQ(done.status, 200) << done.body;
    return TaskId("r06-concept-documents", "metallploshchadka");
  }

  // The ВПР results arrive at each school (an event); the analysis is due 30 working days later.
  void WriteVprAnalysisRoadmap() {
    std::ofstream(deployment_ + "/roadmaps/vpr.yaml")
        << "events:\n"
           "  - {id: vpr-results, title: Получены результаты ВПР, scope: organisation}\n"
           "roadmap:\n"
           "  id: vpr\n"
           "  title: Анализ ВПР\n"
           "  period: {from: 2022-01-01, to: 2022-12-31}\n"
           "  owner: uo-kmo\n"
           "  coordinator: mikhailova\n"
           "  activities:\n"
           "    - {id: analysis, title: Анализ результатов ВПР, responsible: director, for: {tag: 500plus},\n"
           "       timing: в течение 30 рабочих дней после получения результатов ВПР}\n";
  }

  MultipartBody ConceptDocuments() {
    MultipartBody body;
    body.AddFile("file-1", "Концепция развития.pdf", "%PDF-1.4 концепция");
    body.AddFile("file-2", "Антирисковые программы.docx", "программы");
    body.AddField("comment", "размещено в ИС МЭДК");
    return body;
  }

  std::string SignInCookie(const std::string& person, const std::string& address_token = "") {
    HttpCall call;
    call.method = "POST";
    call.target = "/sign-in";
    call.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    call.body = "token=" + (address_token.empty() ? tokens_.at(person) : address_token) + "&next=%2Fmy";
    HttpReply reply = SendHttp(port_, call);
    EXPECT_EQ(reply.status, 303) << reply.body;
    std::string cookie = reply.Header("set-cookie");
    return cookie.substr(0, cookie.find(';'));
  }
};

TEST_F(WebApiTest, WithoutATokenTheApiAnswers401AndPagesSendToSignIn) {
  ASSERT_NO_FATAL_FAILURE(Start());
  EXPECT_EQ(Get("/api/tasks", "").status, 401);
  HttpReply page = Get("/my", "");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.Header("location"), "/sign-in?next=%2Fmy");
  HttpCall forged;
  forged.target = "/api/tasks";
  forged.headers.emplace_back("Authorization", "Bearer vk_not-a-token");
  EXPECT_EQ(SendHttp(port_, forged).status, 401);
}

TEST_F(WebApiTest, ADirectorSeesAndActsOnTheirOwnSchoolOnly) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string own = TaskId("r04-risk-questionnaire", "metallploshchadka");
  std::string other = TaskId("r04-risk-questionnaire", "prigorodnaya");
  nlohmann::json listed = GetJson("/api/tasks", "proshletsova");
  ASSERT_FALSE(listed.empty());
  for (const nlohmann::json& task : listed) EXPECT_EQ(task["organisation"], "metallploshchadka") << task.dump();
  EXPECT_TRUE(GetJson("/api/tasks?organisation=prigorodnaya", "proshletsova").empty());

  size_t events = AuditEvents();
  // Every read and write on the other school's task: 404, as if it did not exist.
  EXPECT_EQ(Get("/api/tasks/" + other, "proshletsova").status, 404);
  EXPECT_EQ(Get("/tasks/" + other, "proshletsova").status, 404);
  for (const char* verb : {"submit", "confirm", "return", "waive", "set-date"}) {
    HttpReply reply = PostJson(fmt::format("/api/tasks/{}/{}", other, verb), "proshletsova",
                               {{"reason", "x"}, {"due", "2022-04-01"}});
    EXPECT_EQ(reply.status, 404) << verb << ": " << reply.body;
  }
  EXPECT_TRUE(GetJson("/api/history?organisation=prigorodnaya", "proshletsova").empty());
  EXPECT_TRUE(GetJson(fmt::format("/api/history?task={}", other), "proshletsova").empty());
  EXPECT_EQ(AuditEvents(), events);

  // Their own task: done, and the other director cannot see it.
  HttpReply done = PostJson(fmt::format("/api/tasks/{}/submit", own), "proshletsova", {{"comment", "анкета пройдена"}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(nlohmann::json::parse(done.body)["task"]["status"], "done");
  EXPECT_EQ(Get("/api/tasks/" + own, "director-prigorodnaya").status, 404);
}

TEST_F(WebApiTest, AWholeSubmissionAndConfirmationIsAuditedWithTheAddress) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = OpenConceptTask();
  EXPECT_EQ(GetJson("/api/tasks/" + concept_task, "proshletsova")["status"], "open");

  // The confirmer cannot confirm what is not submitted; the director cannot confirm at all.
  EXPECT_EQ(
      PostJson(fmt::format("/api/tasks/{}/confirm", concept_task), "krivosheeva", nlohmann::json::object()).status,
      409);
  HttpReply submitted =
      PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", ConceptDocuments());
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(
      PostJson(fmt::format("/api/tasks/{}/confirm", concept_task), "proshletsova", nlohmann::json::object()).status,
      403);
  HttpReply confirmed =
      PostJson(fmt::format("/api/tasks/{}/confirm", concept_task), "krivosheeva", nlohmann::json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;

  nlohmann::json detail = GetJson("/api/tasks/" + concept_task, "kontrol");
  EXPECT_EQ(detail["status"], "confirmed");
  ASSERT_EQ(detail["submissions"].size(), 1u);
  const nlohmann::json& files = detail["submissions"][0]["files"];
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0]["name"], "Концепция развития.pdf");
  EXPECT_EQ(files[0]["sha256"].get<std::string>().size(), 64u);
  HttpReply evidence = Get(files[0]["url"].get<std::string>(), "kontrol");
  EXPECT_EQ(evidence.status, 200);
  EXPECT_EQ(evidence.body, "%PDF-1.4 концепция");
  EXPECT_EQ(Get(files[0]["url"].get<std::string>(), "director-prigorodnaya").status, 404);

  nlohmann::json history = GetJson(fmt::format("/api/history?task={}", concept_task), "kontrol");
  std::vector<std::string> actions;
  for (const nlohmann::json& entry : history) {
    if (entry["event"] == "submitted" || entry["event"] == "confirmed") {
      actions.push_back(fmt::format("{} {} {}", entry["event"].get<std::string>(), entry["actor"].get<std::string>(),
                                    entry["details"]["origin"].get<std::string>()));
    }
  }
  EXPECT_THAT(actions,
              testing::ElementsAre("submitted proshletsova web 127.0.0.1", "confirmed krivosheeva web 127.0.0.1"));
  Outcome verified = Vekha({"--now", kWebNow, "audit", "verify", "-d", deployment_});
  EXPECT_EQ(verified.status, 0) << verified.err;
}

// A refused submission keeps the files already chosen: the form shows them, the next attempt sends
// them with the missing one, and the draft is gone once the submission goes through. Directors see
// no hashes nor addresses; auditors do.
TEST_F(WebApiTest, ARefusedUploadKeepsItsFilesAsADraft) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = OpenConceptTask();
  HttpReply form = Get("/tasks/" + concept_task, "proshletsova");
  EXPECT_THAT(form.body, HasSubstr(R"(<span class="required">обязательно</span>)"));
  EXPECT_THAT(form.body, HasSubstr("каждый не больше 50 МБ"));

  MultipartBody first;
  first.AddFile("file-1", "Концепция развития.pdf", "%PDF-1.4 концепция");
  HttpReply refused = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", first);
  EXPECT_EQ(refused.status, 422);
  EXPECT_THAT(refused.body, HasSubstr("в ответе не хватает"));
  EXPECT_THAT(refused.body, HasSubstr("сохранены как черновик («Концепция развития.pdf»)"));
  form = Get("/tasks/" + concept_task, "proshletsova");
  EXPECT_THAT(form.body, HasSubstr(R"(<span class="draft" id="draft-1">Уже загружен: «Концепция развития.pdf»)"));

  // A field naming no document of the activity keeps nothing, and never a path outside the drafts.
  MultipartBody stray;
  stray.AddFile("file-../../escape", "x.pdf", "x");
  EXPECT_EQ(PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", stray).status, 422);
  EXPECT_FALSE(std::filesystem::exists(deployment_ + "/var/vekha.sqlite3.drafts/escape"));

  MultipartBody second;
  second.AddFile("file-2", "Антирисковые программы.docx", "программы");
  HttpReply submitted = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", second);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  nlohmann::json detail = GetJson("/api/tasks/" + concept_task, "kontrol");
  ASSERT_EQ(detail["submissions"].size(), 1u);
  ASSERT_EQ(detail["submissions"][0]["files"].size(), 2u);
  EXPECT_EQ(detail["submissions"][0]["files"][0]["name"], "Концепция развития.pdf");
  EXPECT_EQ(detail["submissions"][0]["files"][0]["media_type"], "application/pdf");
  EXPECT_FALSE(std::filesystem::exists(deployment_ + "/var/vekha.sqlite3.drafts/" + concept_task + "/proshletsova"));

  HttpReply director = Get("/tasks/" + concept_task, "proshletsova");
  EXPECT_THAT(director.body, Not(HasSubstr("SHA-256")));
  EXPECT_THAT(director.body, Not(HasSubstr("sha256")));
  EXPECT_THAT(director.body, Not(HasSubstr("127.0.0.1")));
  HttpReply auditor = Get("/tasks/" + concept_task, "kontrol");
  EXPECT_THAT(auditor.body, HasSubstr("SHA-256"));
  EXPECT_THAT(auditor.body, HasSubstr("источник: web 127.0.0.1"));
}

TEST_F(WebApiTest, AnAuditorReadsEverythingAndChangesNothing) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = OpenConceptTask();
  ASSERT_EQ(PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", ConceptDocuments()).status,
            200);
  nlohmann::json all = GetJson("/api/tasks", "kontrol");
  std::set<std::string> organisations;
  for (const nlohmann::json& task : all) organisations.insert(task["organisation"]);
  EXPECT_TRUE(organisations.contains("metallploshchadka") && organisations.contains("prigorodnaya"));

  size_t events = AuditEvents();
  std::string other = TaskId("r04-risk-questionnaire", "prigorodnaya");
  for (const char* verb : {"confirm", "return", "waive"}) {
    HttpReply reply =
        PostJson(fmt::format("/api/tasks/{}/{}", concept_task, verb), "kontrol", {{"reason", "проверка"}});
    EXPECT_EQ(reply.status, 403) << verb << ": " << reply.body;
  }
  EXPECT_EQ(PostJson(fmt::format("/api/tasks/{}/submit", other), "kontrol", nlohmann::json::object()).status, 403);
  EXPECT_EQ(PostJson(fmt::format("/api/tasks/{}/set-date", other), "kontrol", {{"due", "2022-05-01"}}).status, 403);
  EXPECT_EQ(AuditEvents(), events);
  // The CLI refuses the auditor too.
  Outcome cli = Vekha({"--now", kWebNow, "confirm", concept_task, "--as", "kontrol", "-d", deployment_});
  EXPECT_NE(cli.status, 0);
  EXPECT_THAT(cli.err, HasSubstr("аудитор просматривает историю и ничего не изменяет"));

  HttpReply csv = Get("/history.csv", "kontrol");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(csv.body, HasSubstr("Номер события,Время (UTC),Местное время,Задача,Мероприятие,Организация,"));
  EXPECT_THAT(csv.body, HasSubstr(",сдана,Прошлецова А.В.,"));
  EXPECT_THAT(csv.body, HasSubstr("МБОУ «Металлплощадская СОШ имени Унгулова Е.С.»"));
  EXPECT_THAT(csv.body, Not(HasSubstr("{\"")));  // facts in columns, not the log's JSON
  HttpReply page = Get("/history", "kontrol");
  EXPECT_THAT(page.body, HasSubstr("(уведомления скрыты)"));
  EXPECT_THAT(page.body, Not(HasSubstr("scheduled → open")));
}

TEST_F(WebApiTest, ASessionCookieIsHttpOnlyStrictAndItsFormsNeedTheCsrfToken) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string questionnaire = TaskId("r04-risk-questionnaire", "metallploshchadka");
  HttpCall sign_in;
  sign_in.method = "POST";
  sign_in.target = "/sign-in";
  sign_in.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  sign_in.body = "token=" + tokens_.at("proshletsova") + "&next=%2Fmy";
  HttpReply signed_in = SendHttp(port_, sign_in);
  ASSERT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.Header("location"), "/my");
  std::string set_cookie = signed_in.Header("set-cookie");
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(set_cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(set_cookie, HasSubstr("Max-Age=43200"));
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  HttpCall page;
  page.target = "/tasks/" + questionnaire;
  page.headers.emplace_back("Cookie", cookie);
  HttpReply task_page = SendHttp(port_, page);
  ASSERT_EQ(task_page.status, 200);
  size_t at = task_page.body.find("name=\"csrf\" value=\"");
  ASSERT_NE(at, std::string::npos);
  std::string csrf = task_page.body.substr(at + 19, 64);

  size_t events = AuditEvents();
  HttpCall post;
  post.method = "POST";
  post.target = fmt::format("/tasks/{}/submit", questionnaire);
  post.headers.emplace_back("Cookie", cookie);
  post.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  post.body = "comment=forged&csrf=" + std::string(64, '0');
  EXPECT_EQ(SendHttp(port_, post).status, 403);
  post.body = "comment=forged";
  EXPECT_EQ(SendHttp(port_, post).status, 403);
  EXPECT_EQ(AuditEvents(), events);

  post.body = "comment=%D0%B0%D0%BD%D0%BA%D0%B5%D1%82%D0%B0&csrf=" + csrf;
  HttpReply submitted = SendHttp(port_, post);
  EXPECT_EQ(submitted.status, 303) << submitted.body;
  EXPECT_EQ(submitted.Header("location"), fmt::format("/tasks/{}?done=submit", questionnaire));
  EXPECT_EQ(AuditEvents(), events + 1 + 1);  // submitted, and r06 opened by the sync after it

  // Revoking the token ends the session.
  ASSERT_EQ(Vekha({"--now", kWebNow, "token", "revoke", "proshletsova", "-d", deployment_}).status, 0);
  EXPECT_EQ(SendHttp(port_, page).status, 303);
  EXPECT_EQ(Get("/api/tasks", "proshletsova").status, 401);
}

// The attack strings of the penetration test: a `next` with CR/LF would have written the
// attacker's cookie into the victim's browser; one with a tab, sent them to another site.
TEST_F(WebApiTest, SigningInNeverSplitsTheResponseNorLeavesTheSite) {
  ASSERT_NO_FATAL_FAILURE(Start());
  for (const char* next : {"%2F%0D%0ASet-Cookie%3A%20vekha_session%3Dattacker", "%2F%09%2Fevil.example",
                           "%2F%2Fevil.example", "https%3A%2F%2Fevil.example"}) {
    HttpCall sign_in;
    sign_in.method = "POST";
    sign_in.target = "/sign-in";
    sign_in.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    sign_in.body = "token=" + tokens_.at("proshletsova") + "&next=" + next;
    HttpReply signed_in = SendHttp(port_, sign_in);
    ASSERT_EQ(signed_in.status, 303) << next;
    EXPECT_EQ(signed_in.Header("location"), "/") << next;
    EXPECT_EQ(signed_in.headers.count("set-cookie"), 1u) << next;
    EXPECT_THAT(signed_in.Header("set-cookie"), Not(HasSubstr("attacker"))) << next;
  }
  // The same bytes sent raw in the target of a page are answered, never echoed into a header.
  std::string raw = SendRawHttp(port_,
                                "GET /my%0D%0ASet-Cookie:%20x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Connection: close\r\n\r\n");
  EXPECT_THAT(raw, Not(HasSubstr("\r\nSet-Cookie: x=1")));
}

// A form POST to /sign-in with `token`, from a client that may claim to be behind proxies.
HttpReply SignInWith(int port, const std::string& token, const std::string& forwarded_for = "") {
  HttpCall sign_in;
  sign_in.method = "POST";
  sign_in.target = "/sign-in";
  sign_in.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  if (!forwarded_for.empty()) sign_in.headers.emplace_back("X-Forwarded-For", forwarded_for);
  sign_in.body = "token=" + token;
  return SendHttp(port, sign_in);
}

TEST_F(WebApiTest, FailedSignInsAreThrottledByAddressAndToken) {
  ASSERT_NO_FATAL_FAILURE(Start());
  // One person mistyping their key: that key is refused for a while, nobody else is.
  for (int attempt = 0; attempt < 5; ++attempt) EXPECT_EQ(SignInWith(port_, "vk_mistyped").status, 401);
  HttpReply refused = SignInWith(port_, "vk_mistyped");
  EXPECT_EQ(refused.status, 429);
  EXPECT_THAT(refused.body, HasSubstr("Слишком много неудачных попыток"));
  EXPECT_EQ(refused.Header("set-cookie"), "");
  EXPECT_EQ(SignInWith(port_, tokens_.at("proshletsova")).status, 303);

  // Guessing many keys from one address stops it, whatever X-Forwarded-For it writes: the
  // header counts only from a trusted proxy, and none is configured.
  for (int attempt = 0; attempt < 25; ++attempt) {
    EXPECT_EQ(SignInWith(port_, fmt::format("vk_guess{}", attempt), fmt::format("198.51.100.{}", attempt)).status, 401);
  }
  EXPECT_EQ(SignInWith(port_, tokens_.at("krivosheeva"), "198.51.100.200").status, 429);
}

TEST_F(WebApiTest, BehindATrustedProxyEachClientIsThrottledOnItsOwn) {
  AppendToSettings("http:\n  listen: 127.0.0.1:0\n  trusted_proxies: [127.0.0.1, \"::1\"]\n");
  ASSERT_NO_FATAL_FAILURE(Start());
  for (int attempt = 0; attempt < 30; ++attempt) {
    EXPECT_EQ(SignInWith(port_, fmt::format("vk_guess{}", attempt), "203.0.113.7").status, 401);
  }
  EXPECT_EQ(SignInWith(port_, tokens_.at("proshletsova"), "203.0.113.7").status, 429);
  // Another client of the same proxy signs in; a client cannot hide behind a forged entry
  // either, since the proxy appends the address it really saw.
  EXPECT_EQ(SignInWith(port_, tokens_.at("proshletsova"), "198.51.100.9").status, 303);
  EXPECT_EQ(SignInWith(port_, tokens_.at("proshletsova"), "198.51.100.9, 203.0.113.7").status, 429);
}

TEST_F(WebApiTest, AnOversizeUploadIsRefusedWithAClearMessageAndNothingStored) {
  AppendToSettings("max_evidence_mb: 1\n");
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = OpenConceptTask();
  size_t events = AuditEvents();

  MultipartBody large;
  large.AddFile("file-1", "scan.pdf", std::string(2 << 20, 'x'));
  large.AddFile("file-2", "programmes.docx", "программы");
  HttpReply refused = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", large);
  EXPECT_EQ(refused.status, 413);
  EXPECT_THAT(refused.body, HasSubstr("допускается не более 1 МБ"));

  // Beyond the request limit (4 files' worth) the server refuses before reading the body.
  MultipartBody huge;
  huge.AddFile("file-1", "scan.pdf", std::string(6 << 20, 'x'));
  HttpReply too_big = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", huge);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_THAT(too_big.body, HasSubstr("Запрос слишком большой"));

  EXPECT_EQ(AuditEvents(), events);
  EXPECT_EQ(GetJson("/api/tasks/" + concept_task, "proshletsova")["submissions"].size(), 0u);
  std::filesystem::path evidence = deployment_ + "/var/vekha.sqlite3.evidence";
  size_t stored = 0;
  if (std::filesystem::exists(evidence)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(evidence)) stored += entry.is_regular_file();
  }
  EXPECT_EQ(stored, 0u);
}

// Found by fuzzing (fuzz/http_request_fuzzer.cc): a file name that is not UTF-8 reached a JSON
// answer, which threw, and the client got a 500. Text that is not UTF-8 is now refused at the door;
// a file name with a path keeps only its last component.
TEST_F(WebApiTest, TextThatIsNotUtf8IsRefusedAndPathsInFileNamesAreDropped) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = OpenConceptTask();
  size_t events = AuditEvents();
  MultipartBody broken;
  broken.AddFile("file-1", "\xFF\xFEscan.pdf", "скан");
  broken.AddFile("file-2", "programmes.docx", "программы");
  HttpReply refused = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", broken);
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("UTF-8"));
  EXPECT_EQ(Get("/api/tasks/%FF%FE", "proshletsova").status, 400);
  EXPECT_EQ(AuditEvents(), events);

  MultipartBody traversal;
  traversal.AddFile("file-1", "../../../etc/scan.pdf", "скан");
  traversal.AddFile("file-2", "/programmes.docx", "программы");
  HttpReply accepted = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", traversal);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  nlohmann::json files = GetJson("/api/tasks/" + concept_task, "proshletsova")["submissions"][0]["files"];
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0]["name"], "scan.pdf");
  EXPECT_EQ(files[1]["name"], "programmes.docx");
}

// Evidence names of any length: a Cyrillic name of 120 characters (240 bytes) and one of 300
// bytes are stored under their hash, their names kept whole as data and given back on download.
TEST_F(WebApiTest, EvidenceNamesOfAnyLengthAreKeptWhole) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = OpenConceptTask();
  std::string long_name;
  for (int i = 0; i < 20; ++i) long_name += "Концеп";  // 120 characters
  long_name += ".pdf";
  std::string longer_name = std::string(296, 'x') + ".odt";
  MultipartBody body;
  body.AddFile("file-1", long_name, "%PDF-1.4 концепция");
  body.AddFile("file-2", longer_name, "программы");
  HttpReply accepted = PostMultipart(fmt::format("/api/tasks/{}/submit", concept_task), "proshletsova", body);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  nlohmann::json files = GetJson("/api/tasks/" + concept_task, "proshletsova")["submissions"][0]["files"];
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0]["name"], long_name);
  EXPECT_EQ(files[1]["name"], longer_name);
  EXPECT_EQ(files[1]["media_type"], "application/vnd.oasis.opendocument.text");
  HttpReply download = Get(files[0]["url"].get<std::string>(), "proshletsova");
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, "%PDF-1.4 концепция");
  EXPECT_THAT(download.Header("content-disposition"), HasSubstr("filename*=UTF-8''%D0%9A%D0%BE%D0%BD"));
  EXPECT_THAT(accepted.body, Not(HasSubstr("/tmp")));
}

// Request smuggling and oversize headers, written byte for byte: each is refused with one answer
// and the connection is closed, so nothing hidden behind the first request is ever handled.
TEST_F(WebApiTest, SmugglingAndOversizeHeadersAreRefusedAndTheConnectionClosed) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string bearer = "Authorization: Bearer " + tokens_["mikhailova"] + "\r\n";
  auto answers = [](const std::string& text) {
    size_t count = 0;
    for (size_t at = text.find("HTTP/1.1 "); at != std::string::npos; at = text.find("HTTP/1.1 ", at + 1)) ++count;
    return count;
  };
  std::string both_lengths = SendRawHttp(
      port_, "POST /api/tasks HTTP/1.1\r\nHost: x\r\n" + bearer +
                 "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/me HTTP/1.1\r\nHost: x\r\n" +
                 bearer + "\r\n");
  EXPECT_THAT(both_lengths, StartsWith("HTTP/1.1 400"));
  EXPECT_EQ(answers(both_lengths), 1u) << both_lengths;
  std::string two_lengths = SendRawHttp(
      port_, "GET /api/me HTTP/1.1\r\nHost: x\r\n" + bearer + "Content-Length: 0\r\nContent-Length: 7\r\n\r\n");
  EXPECT_THAT(two_lengths, StartsWith("HTTP/1.1 400"));
  std::string oversize = SendRawHttp(
      port_, "GET /api/me HTTP/1.1\r\nHost: x\r\n" + bearer + "X-Padding: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_THAT(oversize, StartsWith("HTTP/1.1 431"));
  EXPECT_EQ(answers(oversize), 1u);
  // The server is still there for a proper request.
  EXPECT_EQ(Get("/api/me", "mikhailova").status, 200);
}

TEST_F(WebApiTest, TheCalendarFeedNeedsItsKey) {
  ASSERT_NO_FATAL_FAILURE(Start());
  nlohmann::json feed = GetJson("/api/calendar", "proshletsova");
  std::string url = feed["url"];
  std::string path = url.substr(url.find("/calendar/"));
  HttpReply calendar = Get(path, "");
  ASSERT_EQ(calendar.status, 200) << calendar.body;
  EXPECT_THAT(calendar.Header("content-type"), HasSubstr("text/calendar"));
  EXPECT_THAT(calendar.body, HasSubstr("BEGIN:VTODO"));
  std::string forged = path;
  forged[forged.size() - 5] = forged[forged.size() - 5] == '0' ? '1' : '0';
  EXPECT_EQ(Get(forged, "").status, 404);
  EXPECT_EQ(Get("/calendar/director-prigorodnaya/" + path.substr(path.rfind('/') + 1), "").status, 404);

  // Feeds end with access: revoking the director's tokens ends her old feed URL; a new token's
  // page gives the new one, and `vekha ics --rotate` replaces it again.
  ASSERT_EQ(Vekha({"--now", kWebNow, "token", "revoke", "proshletsova", "-d", deployment_}).status, 0);
  EXPECT_EQ(Get(path, "").status, 404);
  Outcome issued = Vekha({"--now", kWebNow, "token", "issue", "proshletsova", "-d", deployment_});
  ASSERT_EQ(issued.status, 0) << issued.err;
  tokens_["proshletsova"] = issued.out.substr(0, issued.out.find('\n'));
  std::string renewed = GetJson("/api/calendar", "proshletsova")["url"];
  ASSERT_NE(renewed, url);
  std::string renewed_path = renewed.substr(renewed.find("/calendar/"));
  EXPECT_EQ(Get(renewed_path, "").status, 200);
  Outcome rotated = Vekha({"--now", kWebNow, "ics", "--person", "proshletsova", "--rotate", "-d", deployment_});
  ASSERT_EQ(rotated.status, 0) << rotated.err;
  EXPECT_THAT(rotated.err, HasSubstr("прежний больше не работает"));
  EXPECT_EQ(Get(renewed_path, "").status, 404);
  std::string third = rotated.out.substr(rotated.out.find("/calendar/"));
  EXPECT_EQ(Get(third.substr(0, third.find('\n')), "").status, 200);
}

TEST_F(WebApiTest, TheCoordinatorsOverdueMatrixListsEachSchoolsLateTasks) {
  ASSERT_NO_FATAL_FAILURE(Start());
  // On 22 March 2022 the January working-group order (r03) is late at both schools.
  HttpReply matrix = Get("/overdue", "mikhailova");
  ASSERT_EQ(matrix.status, 200);
  for (const char* school : {"metallploshchadka", "prigorodnaya"}) {
    EXPECT_THAT(matrix.body, HasSubstr(fmt::format("/tasks/{}", TaskId("r03-school-working-group", school))));
  }
  EXPECT_THAT(matrix.body, HasSubstr("МБОУ «Пригородная ООШ»"));
  EXPECT_THAT(matrix.body, HasSubstr("просрочено на"));
  // Totals per organisation, each activity by its full title, the period on each link.
  EXPECT_THAT(matrix.body, HasSubstr("— по организациям</caption>"));
  nlohmann::json late = GetJson("/api/tasks/" + TaskId("r03-school-working-group", "prigorodnaya"), "mikhailova");
  EXPECT_THAT(matrix.body, HasSubstr(fmt::format("<caption>{} <span", late["title"].get<std::string>())));
  EXPECT_THAT(matrix.body, HasSubstr(fmt::format(R"(<a href="/tasks/{}">{}</a> — срок)", late["id"].get<std::string>(),
                                                 late["key"] == "once" ? "разовое" : "январь 2022")));
  // A director coordinates nothing: no matrix, and nothing of the other school.
  HttpReply director = Get("/overdue", "proshletsova");
  EXPECT_THAT(director.body, HasSubstr("Вы не координируете"));
  EXPECT_THAT(director.body, Not(HasSubstr("Пригородная")));
}

// «Обзор»: the coordinator sees every school's on-time share, the months and the tiles counting what
// the API lists; a director sees their own school only; «/» leads overseers there.
TEST_F(WebApiTest, TheDashboardDrawsEachPersonsViewOfTheSchools) {
  ASSERT_NO_FATAL_FAILURE(Start());
  EXPECT_EQ(Get("/", "mikhailova").Header("location"), "/dashboard");
  EXPECT_EQ(Get("/", "proshletsova").Header("location"), "/my");

  size_t overdue = GetJson("/api/tasks?overdue=1", "mikhailova").size();
  ASSERT_GT(overdue, 0u);
  HttpReply coordinator = Get("/dashboard?from=2022-01-01&to=2022-12-31", "mikhailova");
  ASSERT_EQ(coordinator.status, 200) << coordinator.body;
  EXPECT_THAT(coordinator.body, HasSubstr("Период: с 01.01.2022 по 31.12.2022"));
  EXPECT_THAT(coordinator.body, HasSubstr(fmt::format(R"(<span class="figure">{}</span>)", overdue)));
  EXPECT_THAT(coordinator.body, HasSubstr("Выполнено в срок по организациям"));
  EXPECT_THAT(coordinator.body, HasSubstr("МБОУ «Пригородная ООШ»"));
  EXPECT_THAT(coordinator.body, HasSubstr(R"(<svg class="bar")"));
  EXPECT_THAT(coordinator.body, HasSubstr(R"(<svg class="columns")"));
  EXPECT_THAT(coordinator.body, HasSubstr("<th scope=\"row\">мар 2022</th>"));

  HttpReply director = Get("/dashboard", "proshletsova");
  ASSERT_EQ(director.status, 200);
  EXPECT_THAT(director.body, Not(HasSubstr("Пригородная")));
  EXPECT_THAT(director.body, Not(HasSubstr("по организациям")));
  EXPECT_THAT(director.body, HasSubstr("Выполнено в срок по дорожным картам"));
  // A nonsense period falls back to the school year.
  EXPECT_THAT(Get("/dashboard?from=2022-13-01&to=x", "proshletsova").body, HasSubstr("2021/22 учебный год"));
}

// A task waiting for another says so — which task, at which school, who must act — on its page,
// in «Мои задачи», in the API and in `vekha tasks`.
TEST_F(WebApiTest, AWaitingTaskSaysWhatItWaitsForEverywhere) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string concept_task = TaskId("r06-concept-documents", "metallploshchadka");
  nlohmann::json task = GetJson("/api/tasks/" + concept_task, "proshletsova");
  ASSERT_TRUE(task.contains("waiting")) << task.dump();
  EXPECT_EQ(task["waiting"]["kind"], "predecessors");
  EXPECT_EQ(task["waiting"]["predecessors"][0], TaskId("r04-risk-questionnaire", "metallploshchadka"));
  EXPECT_EQ(task["waiting"]["who"][0], "proshletsova");
  std::string sentence = task["waiting"]["text"];
  EXPECT_THAT(sentence, HasSubstr("Откроется, когда будут завершены: «"));

  HttpReply page = Get("/tasks/" + concept_task, "proshletsova");
  EXPECT_THAT(page.body, HasSubstr(R"(<dd id="waiting" data-kind="predecessors">)"));
  EXPECT_THAT(Get("/my", "proshletsova").body, HasSubstr(R"(<span class="why">Откроется, когда будут завершены: «)"));
  Outcome cli =
      Vekha({"--now", kWebNow, "tasks", "--org", "metallploshchadka", "--status", "scheduled", "-d", deployment_});
  EXPECT_EQ(cli.status, 0) << cli.err;
  EXPECT_THAT(cli.out, HasSubstr("Откроется, когда будут завершены: «"));
}

// «Календарь» shows the month of the person's deadlines, each linked to its task, with the
// neighbouring months a click away; another school's deadlines are not there.
TEST_F(WebApiTest, TheCalendarPageShowsTheMonthOfThePersonsDeadlines) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string march_task;
  for (const nlohmann::json& task : GetJson("/api/tasks", "proshletsova")) {
    std::string due = task.value("effective_due", nlohmann::json()).is_string() ? task["effective_due"] : "";
    if (due.starts_with("2022-03")) march_task = task["id"];
  }
  ASSERT_FALSE(march_task.empty());
  HttpReply page = Get("/calendar?month=2022-03", "proshletsova");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr(R"(<table class="month" id="month-calendar"><caption>Март 2022</caption>)"));
  EXPECT_THAT(page.body, HasSubstr(fmt::format(R"(<a href="/tasks/{}">)", march_task)));
  EXPECT_THAT(page.body, HasSubstr(R"(<a href="/calendar?month=2022-04">позже →</a>)"));
  EXPECT_THAT(page.body, Not(HasSubstr("Пригородная")));
  EXPECT_THAT(page.body, HasSubstr("feed-url"));
  // Without a month, the current one (22 March 2022); nonsense falls back to it too.
  EXPECT_THAT(Get("/calendar?month=2022-13", "proshletsova").body, HasSubstr("<caption>Март 2022</caption>"));
}

// A task counting from an event says on its page what it waits for, until the coordinator records
// the event's day; then it has a deadline like any other.
TEST_F(WebApiTest, ATaskWaitingForAnEventSaysSoUntilTheEventIsRecorded) {
  WriteVprAnalysisRoadmap();
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string task = TaskId("analysis", "metallploshchadka");
  HttpReply waiting = Get("/tasks/" + task, "proshletsova");
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_THAT(waiting.body, HasSubstr("Ждёт события «Получены результаты ВПР»"));

  Outcome recorded = Vekha({"--now", kWebNow, "event", "record", "vpr-results", "--org", "metallploshchadka", "--on",
                            "2022-03-21", "--as", "mikhailova", "-d", deployment_});
  ASSERT_EQ(recorded.status, 0) << recorded.err;
  HttpReply dated = Get("/tasks/" + task, "proshletsova");
  EXPECT_THAT(dated.body, Not(HasSubstr("data-kind=\"event\"")));
  EXPECT_THAT(dated.body, HasSubstr("04.05.2022"));  // 30 working days after 21 March 2022; 1-3 May off
}

// Events recorded from the page or the API date the tasks counting from them at once; only a
// coordinator records them, and a director sees only their own school's days.
TEST_F(WebApiTest, ACoordinatorRecordsAnEventFromTheWebAndItsTasksAreDated) {
  WriteVprAnalysisRoadmap();
  ASSERT_NO_FATAL_FAILURE(Start());
  HttpReply page = Get("/events", "mikhailova");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("Получены результаты ВПР"));
  EXPECT_THAT(page.body, HasSubstr("id=\"record-event\""));
  EXPECT_THAT(page.body, HasSubstr("href=\"/events\">События</a>"));
  EXPECT_THAT(Get("/events", "proshletsova").body, Not(HasSubstr("id=\"record-event\"")));

  HttpReply refused = PostJson("/api/events", "proshletsova",
                               {{"event", "vpr-results"}, {"organisation", "metallploshchadka"}, {"on", "2022-03-21"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_THAT(refused.body, HasSubstr("события записывают координаторы"));
  HttpReply bad_day = PostJson("/api/events", "mikhailova",
                               {{"event", "vpr-results"}, {"organisation", "metallploshchadka"}, {"on", "21.03.2022"}});
  EXPECT_EQ(bad_day.status, 422);
  EXPECT_THAT(bad_day.body, HasSubstr("ГГГГ-ММ-ДД"));
  HttpReply no_school = PostJson("/api/events", "mikhailova", {{"event", "vpr-results"}, {"on", "2022-03-21"}});
  EXPECT_EQ(no_school.status, 422);
  EXPECT_THAT(no_school.body, HasSubstr("укажите организацию"));
  size_t events_before = AuditEvents();

  // The page's form (here with a bearer token, so without the session's CSRF field).
  HttpReply recorded = PostJson("/events", "mikhailova",
                                {{"event", "vpr-results"},
                                 {"organisation", "metallploshchadka"},
                                 {"on", "2022-03-21"},
                                 {"note", "письмо ФИОКО"}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_THAT(recorded.body, HasSubstr("записано: 21.03.2022; задач получили срок: 1"));
  EXPECT_EQ(AuditEvents(), events_before + 3);  // the event; the task dated from it, and opened
  EXPECT_THAT(Get("/tasks/" + TaskId("analysis", "metallploshchadka"), "proshletsova").body, HasSubstr("04.05.2022"));

  PostJson("/api/events", "mikhailova",
           {{"event", "vpr-results"}, {"organisation", "prigorodnaya"}, {"on", "2022-03-18"}});
  nlohmann::json listed = GetJson("/api/events", "mikhailova");
  ASSERT_EQ(listed["events"].size(), 1u);
  EXPECT_EQ(listed["events"][0]["dates"].size(), 2u);
  EXPECT_EQ(listed["events"][0]["waiting_tasks"], 0);
  nlohmann::json own = GetJson("/api/events", "proshletsova");
  ASSERT_EQ(own["events"][0]["dates"].size(), 1u);
  EXPECT_EQ(own["events"][0]["dates"][0]["organisation"], "metallploshchadka");
  EXPECT_EQ(own["events"][0]["dates"][0]["note"], "письмо ФИОКО");
}

// Indicator values reported from the page or the API: a director reports their own school's, the
// coordinator the municipality's; the page and the API show the verdicts a person may see.
TEST_F(WebApiTest, IndicatorValuesAreReportedAndJudgedOnThePagesAndTheApi) {
  std::ofstream(deployment_ + "/roadmaps/indicators.yaml")
      << "indicators:\n"
         "  - {id: low-results-share, title: Доля школ с низкими результатами, unit: '%', better: lower,\n"
         "     targets: {2021: 12, 2022: 10}}\n"
         "  - {id: vpr-mean, title: Средний балл ВПР по математике, unit: балл, level: organisation,\n"
         "     for: {tags: [500plus]}, targets: {2021: 3.5, 2022: 3.6}}\n";
  ASSERT_NO_FATAL_FAILURE(Start());
  HttpReply own = PostJson("/api/indicators", "proshletsova",
                           {{"indicator", "vpr-mean"},
                            {"organisation", "metallploshchadka"},
                            {"year", "2021"},
                            {"value", "3,4"},
                            {"comment", "протокол ВПР"}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_THAT(own.body, HasSubstr("за 2021 год: 3,4 балл"));
  HttpReply other =
      PostJson("/api/indicators", "proshletsova",
               {{"indicator", "vpr-mean"}, {"organisation", "prigorodnaya"}, {"year", "2021"}, {"value", "4"}});
  EXPECT_EQ(other.status, 403);
  EXPECT_THAT(other.body, HasSubstr("сотрудник организации"));
  HttpReply not_number = PostJson("/api/indicators", "mikhailova",
                                  {{"indicator", "low-results-share"}, {"year", "2021"}, {"value", "около десяти"}});
  EXPECT_EQ(not_number.status, 422);
  EXPECT_THAT(not_number.body, HasSubstr("не число"));
  HttpReply auditor =
      PostJson("/api/indicators", "kontrol", {{"indicator", "low-results-share"}, {"year", "2021"}, {"value", "9"}});
  EXPECT_EQ(auditor.status, 403);
  HttpReply municipal =
      PostJson("/indicators", "mikhailova", {{"indicator", "low-results-share"}, {"year", "2021"}, {"value", "9"}});
  ASSERT_EQ(municipal.status, 200) << municipal.body;
  EXPECT_THAT(municipal.body, HasSubstr("Доля школ с низкими результатами» за 2021 год: 9 %"));

  nlohmann::json mine = GetJson("/api/indicators?year=2021", "proshletsova");
  std::map<std::string, std::string> verdicts;  // indicator@organisation → verdict
  for (const nlohmann::json& row : mine["indicators"]) {
    ASSERT_EQ(row["years"].size(), 1u) << row.dump();
    verdicts[row["id"].get<std::string>() + "@" + row["organisation"].get<std::string>()] = row["years"][0]["verdict"];
  }
  // 2021's values were due by 31 January 2022: the lower share met its target, the mean missed it.
  EXPECT_EQ(verdicts, (std::map<std::string, std::string>{{"low-results-share@", "met"},
                                                          {"vpr-mean@metallploshchadka", "not-met"}}));
  EXPECT_EQ(GetJson("/api/indicators?year=2021", "mikhailova")["indicators"].size(), 3u);
  EXPECT_EQ(Get("/api/indicators?year=20x", "mikhailova").status, 400);

  HttpReply page = Get("/indicators?year=2021", "mikhailova");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<tr class=\"verdict-missed\">"));
  EXPECT_THAT(page.body, HasSubstr("<tr class=\"verdict-met\">"));
  EXPECT_THAT(page.body, HasSubstr("МБОУ «Пригородная ООШ»"));
  EXPECT_THAT(Get("/indicators?year=2021", "proshletsova").body, Not(HasSubstr("Пригородная")));
  EXPECT_THAT(Get("/indicators", "kontrol").body, Not(HasSubstr("id=\"record-indicator\"")));
}

TEST_F(WebApiTest, ASignInLinkArrivesOverSmtpAndSignsInOnce) {
  LoopbackServer smtp("smtp_sink.py", {}, scratch_.path());
  AppendToSettings(
      fmt::format("notifications:\n  email: {{url: \"smtp://127.0.0.1:{}\", from: vekha@uo-kmo.example.ru,"
                  " starttls: false}}\n",
                  smtp.port()));
  Start();
  HttpCall ask;
  ask.method = "POST";
  ask.target = "/sign-in/email";
  ask.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  ask.body = "email=proshletsova%40example.org";
  HttpReply asked = SendHttp(port_, ask);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_THAT(asked.body, HasSubstr("Если адрес"));

  // The daemon mails the day's reminders too; the sign-in letters are those with a link.
  auto letters = [&] {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& mail : smtp.Received()) {
      if (mail["body"].get<std::string>().find("/sign-in/link?code=") != std::string::npos) found.push_back(mail);
    }
    return found;
  };
  ASSERT_TRUE(WaitFor([&] { return !letters().empty(); }, 20));
  nlohmann::json letter = letters().front();
  EXPECT_EQ(letter["rcpt_tos"][0], "proshletsova@example.org");
  std::smatch match;
  std::string body = letter["body"].get<std::string>();
  ASSERT_TRUE(std::regex_search(
      body, match, std::regex(fmt::format("http://127\\.0\\.0\\.1:{}/sign-in/link\\?code=([0-9a-f]+)", port_))))
      << body;
  std::string code = match[1];
  HttpCall use;
  use.method = "POST";
  use.target = "/sign-in/link";
  use.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  use.body = "code=" + code;
  HttpReply signed_in = SendHttp(port_, use);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  std::string cookie = signed_in.Header("set-cookie");
  HttpCall mine;
  mine.target = "/my";
  mine.headers.emplace_back("Cookie", cookie.substr(0, cookie.find(';')));
  HttpReply page = SendHttp(port_, mine);
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("Прошлецова"));
  EXPECT_EQ(SendHttp(port_, use).status, 401);  // once
  // The address nobody has receives nothing.
  ask.body = "email=stranger%40example.org";
  EXPECT_EQ(SendHttp(port_, ask).status, 200);
  EXPECT_EQ(letters().size(), 1U);
}

}  // namespace
}  // namespace vekha::testing_support
