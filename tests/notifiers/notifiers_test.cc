// The pure parts of notifiers/: quiet hours in a recipient's zone and calendar, retry delays,
// RFC 2047 header words, message composition, rendering from templates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/clock.h"
#include "engine/work_calendar.h"
#include "notifiers/digest.h"
#include "notifiers/email_format.h"
#include "notifiers/quiet_hours.h"
#include "notifiers/renderer.h"
#include "notifiers/retry.h"
#include "tests/workflows/test_deployment.h"
#include "workflows/notification_settings.h"

namespace vekha::notifiers {
namespace {

using testing::HasSubstr;

Clock::TimePoint Utc(const std::string& text) { return *ParseInstant(text); }

TEST(QuietHoursTest, HoldsTheEveningUntilMorningInTheRecipientsZone) {
  QuietHours quiet;  // 21:00–08:00 and days off
  const WorkCalendar& calendar = WorkCalendar::RussianBuiltin();
  // Tuesday 22 March 2022, 16:00 in Novokuznetsk (UTC+7): allowed.
  EXPECT_EQ(NextAllowedInstant(quiet, calendar, "Asia/Novokuznetsk", Utc("2022-03-22T09:00:00Z")),
            Utc("2022-03-22T09:00:00Z"));
  // 22:00 there: held until 08:00 on Wednesday, 01:00 UTC.
  EXPECT_EQ(NextAllowedInstant(quiet, calendar, "Asia/Novokuznetsk", Utc("2022-03-22T15:00:00Z")),
            Utc("2022-03-23T01:00:00Z"));
  // The same instant is 18:00 in Moscow: allowed.
  EXPECT_EQ(NextAllowedInstant(quiet, calendar, "Europe/Moscow", Utc("2022-03-22T15:00:00Z")),
            Utc("2022-03-22T15:00:00Z"));
}

TEST(QuietHoursTest, WeekendsAndTheMayHolidaysWaitForTheNextWorkingMorning) {
  QuietHours quiet;
  const WorkCalendar& calendar = WorkCalendar::RussianBuiltin();
  // Friday 29 April 2022, 22:00 Moscow: 30 April – 3 May are days off; Wednesday 4 May, 08:00.
  EXPECT_EQ(NextAllowedInstant(quiet, calendar, "Europe/Moscow", Utc("2022-04-29T19:00:00Z")),
            Utc("2022-05-04T05:00:00Z"));
  quiet.days_off = false;  // evenings only
  EXPECT_EQ(NextAllowedInstant(quiet, calendar, "Europe/Moscow", Utc("2022-04-29T19:00:00Z")),
            Utc("2022-04-30T05:00:00Z"));
}

TEST(RetryTest, DelaysDoubleWithJitterUpToTheCap) {
  RetryPolicy policy;
  policy.base = std::chrono::seconds{60};
  policy.cap = std::chrono::seconds{600};
  std::mt19937_64 random(7);
  for (int i = 0; i < 200; ++i) {
    std::chrono::seconds first = RetryDelay(policy, 1, random);
    EXPECT_GE(first.count(), 30);
    EXPECT_LE(first.count(), 60);
    std::chrono::seconds third = RetryDelay(policy, 3, random);
    EXPECT_GE(third.count(), 120);
    EXPECT_LE(third.count(), 240);
    std::chrono::seconds late = RetryDelay(policy, 40, random);
    EXPECT_GE(late.count(), 300);
    EXPECT_LE(late.count(), 600);
  }
}

TEST(EmailFormatTest, Rfc2047WordsNeverSplitACharacterAndStayShort) {
  EXPECT_EQ(EncodeHeaderText("Plain ASCII"), "Plain ASCII");
  std::string subject = "Напоминание: «Участие в вебинаре для кураторов и директоров школ-участниц Проекта 500+»";
  std::string encoded = EncodeHeaderText(subject);
  size_t start = 0;
  while ((start = encoded.find("=?UTF-8?B?", start)) != std::string::npos) {
    size_t end = encoded.find("?=", start + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - start, 75u);  // RFC 2047: an encoded word is at most 75 characters
    start = end + 2;
  }
  for (size_t line = 0, next = 0; next != std::string::npos; line = next + 3) {
    next = encoded.find("\r\n ", line);
    EXPECT_LE((next == std::string::npos ? encoded.size() : next) - line, 76u);
  }
  EXPECT_EQ(Base64("Ма"), "0JzQsA==");
  EXPECT_EQ(MailboxHeader("Vekha", "vekha@example.ru"), "Vekha <vekha@example.ru>");
  EXPECT_EQ(MailboxHeader("Vekha, УО", "a@b.ru").substr(0, 10), "=?UTF-8?B?");
  EXPECT_EQ(MailboxHeader("Smith, J.", "a@b.ru"), "\"Smith, J.\" <a@b.ru>");
}

TEST(EmailFormatTest, AComposedMessageHasTheHeadersSmtpNeeds) {
  EmailContent content{"Vekha",        "vekha@uo.example.ru",  "Иванова И.И.",      "ivanova@example.org",
                       "Срок сегодня", "Строка 1\nСтрока 2\n", "abc@uo.example.ru", Utc("2022-03-22T09:00:00Z")};
  std::string message = ComposeEmail(content);
  EXPECT_THAT(message, HasSubstr("Date: Tue, 22 Mar 2022 09:00:00 +0000\r\n"));
  EXPECT_EQ(Rfc5322Date(Utc("2023-01-01T00:00:05Z")), "Sun, 01 Jan 2023 00:00:05 +0000");
  EXPECT_EQ(Rfc5322Date(Utc("2100-12-31T23:59:59Z")), "Fri, 31 Dec 2100 23:59:59 +0000");
  EXPECT_THAT(message, HasSubstr("Message-ID: <abc@uo.example.ru>\r\n"));
  EXPECT_THAT(message, HasSubstr("Content-Type: text/plain; charset=utf-8\r\n"));
  EXPECT_THAT(message, HasSubstr("To: =?UTF-8?B?"));
  EXPECT_EQ(message.find('\n'), message.find("\r\n") + 1);                // CRLF line ends
  for (char c : message) EXPECT_LT(static_cast<unsigned char>(c), 0x80);  // 7-bit clean
}

TEST(RendererTest, FillsTheTemplateWithTitlesDatesAndTheLink) {
  Deployment deployment;
  deployment.settings.notifications.templates = DefaultTemplates();
  deployment.settings.notifications.link = "https://vekha.example.ru/tasks/{task}";
  deployment.people.push_back(Person{"petrov", "Петров П.П.", "petrov@example.org", "", "", {}, {}});
  OutboxMessage outbox;
  outbox.recipient = "petrov";
  outbox.task_id = "K2F8ET1D9ADR";
  outbox.template_id = "overdue";
  outbox.payload = R"({"activity":"a","effective_due":"2022-03-25","key":"2022","organisation":"s1","roadmap":"r"})";
  Message message = RenderMessage(deployment, outbox, MakeDate(2022, 3, 29));
  EXPECT_EQ(message.subject, "Просрочено: «a» (срок 25.03.2022)");
  EXPECT_THAT(message.body, HasSubstr("Петров П.П., здравствуйте."));
  EXPECT_THAT(message.body, HasSubstr("просрочка — дней: 4"));
  EXPECT_THAT(message.body, HasSubstr("https://vekha.example.ru/tasks/K2F8ET1D9ADR"));
  EXPECT_EQ(message.recipient_email, "petrov@example.org");
}

TEST(DigestTest, TheNextDigestIsTheRecipientsMinuteTodayOrTomorrow) {
  // 09:00 in Novokuznetsk is 02:00 UTC.
  EXPECT_EQ(NextDigestInstant(9 * 60, "Asia/Novokuznetsk", Utc("2022-03-22T01:00:00Z")), Utc("2022-03-22T02:00:00Z"));
  EXPECT_EQ(NextDigestInstant(9 * 60, "Asia/Novokuznetsk", Utc("2022-03-22T02:00:00Z")), Utc("2022-03-22T02:00:00Z"));
  EXPECT_EQ(NextDigestInstant(9 * 60, "Asia/Novokuznetsk", Utc("2022-03-22T02:00:01Z")), Utc("2022-03-23T02:00:00Z"));
  // Across a daylight-saving change (Berlin, 27 March 2022): 09:00 local is 08:00 UTC before, 07:00 after.
  EXPECT_EQ(NextDigestInstant(9 * 60, "Europe/Berlin", Utc("2022-03-26T09:00:00Z")), Utc("2022-03-27T07:00:00Z"));
}

TEST(DigestTest, OneLinePerMessageAndAKeyThatDependsOnlyOnTheMembers) {
  Deployment deployment;
  deployment.settings.notifications.templates = DefaultTemplates();
  deployment.settings.notifications.link = "https://vekha.example.ru/tasks/{task}";
  deployment.people.push_back(Person{"petrov", "Петров П.П.", "petrov@example.org", "", "", {}, {}});
  std::vector<OutboxMessage> members(3);
  for (size_t index = 0; index < members.size(); ++index) {
    members[index].recipient = "petrov";
    members[index].task_id = "TASK" + std::to_string(index);
    members[index].idempotency_key = "rule/TASK" + std::to_string(index) + "/stage/0/petrov";
    members[index].template_id = "overdue";
    members[index].payload = R"({"activity":"a)" + std::to_string(index) + R"(","effective_due":"2022-03-25"})";
  }
  Message digest = RenderDigest(deployment, members, MakeDate(2022, 3, 29));
  EXPECT_EQ(digest.subject, "Vekha: напоминаний — 3, сводка на 29.03.2022");
  EXPECT_THAT(digest.body, HasSubstr("Петров П.П., здравствуйте."));
  EXPECT_THAT(digest.body, HasSubstr("• Просрочено: «a1» (срок 25.03.2022)\n  https://vekha.example.ru/tasks/TASK1\n"));
  EXPECT_EQ(digest.outbox.template_id, "digest");
  EXPECT_EQ(digest.recipient_email, "petrov@example.org");
  EXPECT_EQ(digest.outbox.idempotency_key, DigestKey(members));
  EXPECT_THAT(digest.outbox.idempotency_key, testing::MatchesRegex("digest/[0-9a-f]{32}"));
  std::vector<OutboxMessage> fewer(members.begin(), members.end() - 1);
  EXPECT_NE(DigestKey(fewer), DigestKey(members));
  EXPECT_THAT(MessageJson(digest), HasSubstr(R"("items":[{"key":"rule/TASK0/stage/0/petrov")"));
}

}  // namespace
}  // namespace vekha::notifiers

namespace vekha {
namespace {

using testing::HasSubstr;

TEST(NotificationSettingsTest, MistakesAreReportedWhereTheyAre) {
  testing_support::TempDeployment files;
  files.WriteRoadmap("    - {id: a, title: А, timing: Ежегодно май, responsible: [specialist@mku]}\n");
  files.Write("vekha.yaml",
              "name: Тест\n"
              "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n"
              "notifications:\n"
              "  catch_up: lastest\n"
              "  quiet_hours: {from: \"25:00\", to: \"08:00\"}\n"
              "  webhook: {url: \"ftp://example.ru\"}\n"
              "  templates:\n"
              "    reminder: {subject: \"Срок {deu}\"}\n"
              "  digest: {daily_at: \"9:00\", burst_limit: -1, weekly: true}\n");
  Diagnostics diagnostics;
  std::string report = files.Check(diagnostics);
  EXPECT_THAT(report, HasSubstr("vekha.yaml:4:13: ошибка: неизвестный порядок навёрстывания «lastest»"));
  EXPECT_THAT(report, HasSubstr("может быть, «latest»?"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:5:23: ошибка: «25:00» — не время суток"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:6:18: ошибка: «ftp://example.ru» is not a http or https address"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:8:31: ошибка: неизвестная подстановка {deu}"));
  EXPECT_THAT(report, HasSubstr("может быть, {due}?"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:9:22: ошибка: «9:00» — не время суток"));
  EXPECT_THAT(report, HasSubstr("vekha.yaml:9:43: ошибка:"));  // burst_limit below 0
  EXPECT_THAT(report, HasSubstr("vekha.yaml:9:47: ошибка: неизвестный ключ «weekly»"));
}

}  // namespace
}  // namespace vekha
