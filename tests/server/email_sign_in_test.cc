// Signing in by a link sent by e-mail, through the web app in-process: the link arrives, opens
// one session and never a second, expires, is limited per address and per e-mail, and the answer
// never tells a known address from an unknown one; a coordinator invites the people of their
// roadmaps and nobody else; revoking a person's access ends the sessions their links opened.
#include <gmock/gmock.h>

#include <regex>

#include "server/web_app.h"
#include "storage/sqlite_access_store.h"
#include "tests/runtime/runtime_fixture.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;
using testing::Not;

// The e-mails the pages hand over, kept for the test to read.
class RecordingMailQueue final : public notifiers::MailQueue {
 public:
  bool Post(notifiers::Message message) override {
    if (full) return false;
    sent.push_back(std::move(message));
    return true;
  }
  std::vector<notifiers::Message> sent;
  bool full = false;
};

// Directors of both schools report to ivanova's roadmap; petrov confirms at school 2.
const char* kSchoolsRoadmap =
    "roadmap:\n"
    "  id: schools\n"
    "  title: Школьные отчёты\n"
    "  period: {from: 2022-01-01, to: 2022-12-31}\n"
    "  owner: mku\n"
    "  coordinator: ivanova\n"
    "  activities:\n"
    "    - id: report\n"
    "      title: Отчёт школы\n"
    "      timing: ежегодно март\n"
    "      for: {kind: school}\n"
    "      responsible: [director]\n";

class EmailSignInTest : public RuntimeTest {
 protected:
  EmailSignInTest() {
    deployment_.Write("roadmaps/schools.yaml", kSchoolsRoadmap);
    deployment_.Write("people.yaml",
                      "people:\n"
                      "  - {id: ivanova, name: Иванова И.И., email: ivanova@example.org, roles: [specialist@mku]}\n"
                      "  - {id: petrov, name: Петров П.П., email: Petrov@Example.org, roles: [director@school-1]}\n"
                      "  - {id: sidorova, name: Сидорова С.С., roles: [director@school-2]}\n"
                      "  - {id: orlov, name: Орлов О.О., email: orlov@example.org, roles: [auditor@mku]}\n");
    deployment_.Write("organisations.yaml",
                      "roles:\n"
                      "  specialist: Специалист\n"
                      "  director: Директор\n"
                      "  auditor: Аудитор\n"
                      "organisations:\n"
                      "  - {id: mku, name: МКУ, kind: authority}\n"
                      "  - {id: school-1, name: Школа 1, kind: school, parent: mku}\n"
                      "  - {id: school-2, name: Школа 2, kind: school, parent: mku}\n");
    engine_ = OpenEngine();
    runtime::Workspace& workspace = *engine_->workspace;
    Status status;
    access_ = storage::OpenSqliteAccessStore(workspace.deployment().settings.database, clock_, status);
    EXPECT_THAT(status, IsOk());
    web_ = std::make_unique<server::WebApp>(server::SiteContext{workspace.deployment(), workspace.store(),
                                                                workspace.service(), workspace.evidence(), *access_,
                                                                clock_, "https://vekha.example.ru", &mail_});
  }

  server::HttpResponse Post(const std::string& target, const std::string& body, const std::string& from = "10.0.0.1",
                            const std::string& cookie = "") {
    server::HttpRequest request;
    request.method = "POST";
    request.target = target;
    request.remote_address = from;
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!cookie.empty()) request.headers["cookie"] = cookie;
    request.body = body;
    return web_->Handle(request);
  }

  server::HttpResponse Get(const std::string& target, const std::string& cookie = "") {
    server::HttpRequest request;
    request.method = "GET";
    request.target = target;
    request.remote_address = "10.0.0.1";
    if (!cookie.empty()) request.headers["cookie"] = cookie;
    return web_->Handle(request);
  }

  // The code of the link in the last e-mail.
  std::string LastCode() {
    if (mail_.sent.empty()) return "";
    std::smatch match;
    const std::string& body = mail_.sent.back().body;
    if (!std::regex_search(body, match, std::regex("https://vekha\\.example\\.ru/sign-in/link\\?code=([0-9a-f]+)")))
      return "";
    return match[1];
  }

  // "vekha_session=…" from a response that sets the cookie; empty when it sets none.
  static std::string SessionCookie(const server::HttpResponse& response) {
    for (const auto& [name, value] : response.headers) {
      if (name == "Set-Cookie" && value.starts_with("vekha_session=") && !value.starts_with("vekha_session=;")) {
        return value.substr(0, value.find(';'));
      }
    }
    return "";
  }

  // Signs `person` in by a link and returns the session cookie.
  std::string SignInByLink(const std::string& email) {
    EXPECT_EQ(Post("/sign-in/email", "email=" + email).status, 200);
    server::HttpResponse signed_in = Post("/sign-in/link", "code=" + LastCode());
    EXPECT_EQ(signed_in.status, 303) << signed_in.body;
    return SessionCookie(signed_in);
  }

  static std::string CsrfOf(const std::string& page) {
    std::smatch match;
    return std::regex_search(page, match, std::regex(R"(name="csrf" value="([0-9a-f]+)\")")) ? match[1].str() : "";
  }

  RecordingMailQueue mail_;
  std::unique_ptr<runtime::Engine> engine_;
  std::unique_ptr<AccessStore> access_;
  std::unique_ptr<server::WebApp> web_;
};

TEST_F(EmailSignInTest, ALinkArrivesAndOpensOneSessionOnce) {
  server::HttpResponse page = Get("/sign-in");
  EXPECT_THAT(page.body, HasSubstr("Прислать ссылку"));

  server::HttpResponse asked = Post("/sign-in/email", "email=+petrov%40example.ORG+");
  EXPECT_EQ(asked.status, 200) << asked.body;
  EXPECT_THAT(asked.body, HasSubstr("Если адрес"));
  ASSERT_EQ(mail_.sent.size(), 1U);
  const notifiers::Message& letter = mail_.sent.front();
  EXPECT_EQ(letter.recipient_email, "Petrov@Example.org");
  EXPECT_EQ(letter.outbox.recipient, "petrov");
  EXPECT_THAT(letter.body, HasSubstr("Здравствуйте, Петров П.П.!"));
  EXPECT_THAT(letter.body, HasSubstr("действует до 2022-02-15 10:30 (Europe/Moscow)"));
  std::string code = LastCode();
  ASSERT_FALSE(code.empty()) << letter.body;

  // Opening the link shows a button and uses nothing up: a mail scanner may fetch it.
  server::HttpResponse opened = Get("/sign-in/link?code=" + code);
  EXPECT_EQ(opened.status, 200);
  EXPECT_THAT(opened.body, HasSubstr(R"(name="code" value=")" + code));

  server::HttpResponse signed_in = Post("/sign-in/link", "code=" + code);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  std::string cookie = SessionCookie(signed_in);
  ASSERT_FALSE(cookie.empty());
  server::HttpResponse mine = Get("/my", cookie);
  EXPECT_EQ(mine.status, 200);
  EXPECT_THAT(mine.body, HasSubstr("Петров П.П."));

  server::HttpResponse again = Post("/sign-in/link", "code=" + code, "10.0.0.2");
  EXPECT_EQ(again.status, 401);
  EXPECT_THAT(again.body, HasSubstr("уже открывала вход или её срок истёк"));
  EXPECT_TRUE(SessionCookie(again).empty());
}

TEST_F(EmailSignInTest, ALinkExpiresAfterHalfAnHour) {
  ASSERT_EQ(Post("/sign-in/email", "email=petrov%40example.org").status, 200);
  std::string code = LastCode();
  clock_.Advance(std::chrono::minutes{31});
  server::HttpResponse late = Post("/sign-in/link", "code=" + code);
  EXPECT_EQ(late.status, 401);
  EXPECT_TRUE(SessionCookie(late).empty());
}

TEST_F(EmailSignInTest, TheAnswerIsTheSameForAnAddressNobodyHas) {
  server::HttpResponse known = Post("/sign-in/email", "email=petrov%40example.org", "10.0.0.1");
  server::HttpResponse unknown = Post("/sign-in/email", "email=stranger%40example.org", "10.0.0.1");
  EXPECT_EQ(known.status, unknown.status);
  auto without_address = [](std::string body, const std::string& email) {
    return body.replace(body.find(email), email.size(), "…");
  };
  EXPECT_EQ(without_address(known.body, "petrov@example.org"), without_address(unknown.body, "stranger@example.org"));
  EXPECT_EQ(mail_.sent.size(), 1U);  // the stranger's address receives nothing
}

TEST_F(EmailSignInTest, RequestsAreLimitedPerEmailAndPerAddress) {
  for (int i = 0; i < server::kMaxLinkRequestsPerEmail; ++i) {
    EXPECT_EQ(Post("/sign-in/email", "email=petrov%40example.org", "10.0.0." + std::to_string(i + 1)).status, 200);
  }
  server::HttpResponse bombed = Post("/sign-in/email", "email=petrov%40example.org", "10.0.0.99");
  EXPECT_EQ(bombed.status, 429);
  EXPECT_EQ(mail_.sent.size(), static_cast<size_t>(server::kMaxLinkRequestsPerEmail));
  // The limit counts an unknown address the same, so a 429 tells nothing either.
  for (int i = 0; i < server::kMaxLinkRequestsPerEmail; ++i) {
    EXPECT_EQ(Post("/sign-in/email", "email=nobody%40example.org", "10.0.1." + std::to_string(i + 1)).status, 200);
  }
  EXPECT_EQ(Post("/sign-in/email", "email=nobody%40example.org", "10.0.1.99").status, 429);

  for (int i = 0; i < server::kMaxLinkRequestsPerAddress; ++i) {
    Post("/sign-in/email", "email=guess" + std::to_string(i) + "%40example.org", "10.9.9.9");
  }
  EXPECT_EQ(Post("/sign-in/email", "email=other%40example.org", "10.9.9.9").status, 429);
  clock_.Advance(server::kLinkRequestWindow + std::chrono::minutes{1});
  EXPECT_EQ(Post("/sign-in/email", "email=petrov%40example.org", "10.9.9.9").status, 200);
}

TEST_F(EmailSignInTest, WhatIsNotAnAddressIsRefusedAndSaysWhatIs) {
  server::HttpResponse refused = Post("/sign-in/email", "email=petrov");
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("нужен адрес вида"));
  EXPECT_EQ(Post("/sign-in/email", "email=a%40b%0D%0ABcc%3A+x%40y").status, 400);
  EXPECT_TRUE(mail_.sent.empty());
}

TEST_F(EmailSignInTest, ACoordinatorInvitesThePeopleOfTheirRoadmapsOnly) {
  std::string coordinator = SignInByLink("ivanova%40example.org");
  ASSERT_FALSE(coordinator.empty());
  server::HttpResponse people = Get("/people", coordinator);
  ASSERT_EQ(people.status, 200) << people.body;
  EXPECT_THAT(people.body, HasSubstr("person-petrov"));
  EXPECT_THAT(people.body, HasSubstr("person-sidorova"));
  EXPECT_THAT(people.body, HasSubstr("нет адреса почты"));   // sidorova has none
  EXPECT_THAT(people.body, Not(HasSubstr("person-orlov")));  // an auditor is in no roadmap

  std::string csrf = CsrfOf(people.body);
  ASSERT_FALSE(csrf.empty());
  size_t before = mail_.sent.size();
  server::HttpResponse invited = Post("/people/invite", "csrf=" + csrf + "&person=petrov", "10.0.0.1", coordinator);
  EXPECT_EQ(invited.status, 200) << invited.body;
  EXPECT_THAT(invited.body, HasSubstr("Приглашение отправлено: Петров П.П."));
  ASSERT_EQ(mail_.sent.size(), before + 1);
  EXPECT_THAT(mail_.sent.back().body, HasSubstr("Иванова И.И. приглашает вас"));
  EXPECT_THAT(mail_.sent.back().body, HasSubstr("действует до 2022-02-22"));  // a week
  EXPECT_THAT(invited.body, HasSubstr("приглашение отправлено 2022-02-15"));

  EXPECT_EQ(Post("/people/invite", "csrf=" + csrf + "&person=orlov", "10.0.0.1", coordinator).status, 403);
  EXPECT_EQ(Post("/people/invite", "csrf=" + csrf + "&person=sidorova", "10.0.0.1", coordinator).status, 422);
  EXPECT_EQ(Post("/people/invite", "person=petrov", "10.0.0.1", coordinator).status, 403);  // no CSRF token
  EXPECT_EQ(mail_.sent.size(), before + 1);

  // The invitation signs petrov in; the page then says so.
  std::string code = LastCode();
  ASSERT_EQ(Post("/sign-in/link", "code=" + code).status, 303);
  EXPECT_THAT(Get("/people", coordinator).body, HasSubstr("вошёл по ссылке 2022-02-15"));

  std::string director = SignInByLink("petrov%40example.org");
  EXPECT_EQ(Get("/people", director).status, 403);
}

TEST_F(EmailSignInTest, RevokingAPersonsAccessEndsTheSessionsTheirLinksOpened) {
  std::string cookie = SignInByLink("petrov%40example.org");
  ASSERT_EQ(Get("/my", cookie).status, 200);
  int revoked = 0;
  ASSERT_THAT(access_->RevokeTokens(0, "petrov", revoked), IsOk());
  EXPECT_EQ(revoked, 1);
  EXPECT_EQ(Get("/my", cookie).status, 303);  // back to the sign-in page
  // The next link opens a new session on a new token.
  std::string again = SignInByLink("petrov%40example.org");
  EXPECT_EQ(Get("/my", again).status, 200);
}

TEST_F(EmailSignInTest, TheTokenBehindLinkSessionsIsNeverABearerToken) {
  SignInByLink("petrov%40example.org");
  std::vector<AccessToken> tokens;
  ASSERT_THAT(access_->Tokens(tokens), IsOk());
  ASSERT_EQ(tokens.size(), 1U);
  EXPECT_TRUE(tokens.front().for_email_links);
  EXPECT_EQ(tokens.front().label, "вход по ссылкам из писем");
}

TEST_F(EmailSignInTest, AFullQueueRefusesInvitationsAndWithoutMailNothingIsOffered) {
  std::string coordinator = SignInByLink("ivanova%40example.org");
  std::string csrf = CsrfOf(Get("/people", coordinator).body);
  mail_.full = true;
  // Asking answers as ever (a refusal would tell the address is someone's); inviting says it.
  EXPECT_EQ(Post("/sign-in/email", "email=petrov%40example.org").status, 200);
  server::HttpResponse refused = Post("/people/invite", "csrf=" + csrf + "&person=petrov", "10.0.0.1", coordinator);
  EXPECT_EQ(refused.status, 503);
  EXPECT_THAT(refused.body, HasSubstr("Очередь писем переполнена"));

  runtime::Workspace& workspace = *engine_->workspace;
  server::WebApp without_mail(server::SiteContext{workspace.deployment(), workspace.store(), workspace.service(),
                                                  workspace.evidence(), *access_, clock_, "https://vekha.example.ru"});
  server::HttpRequest request;
  request.method = "GET";
  request.target = "/sign-in";
  EXPECT_THAT(without_mail.Handle(request).body, Not(HasSubstr("Прислать ссылку")));
}

}  // namespace
}  // namespace vekha::testing_support
