// Notifications delivered to real servers on loopback, started by the tests: e-mail over SMTP
// (Debian's aiosmtpd) with a UTF-8 subject, quiet hours in the recipient's zone; a webhook that
// fails twice (retries with backoff, one delivery per idempotency key, HMAC signatures) and one
// that never answers (timeouts, then failed, then re-sent by hand); receiver faults (429 with
// Retry-After, a reset connection, a body that trickles in), a mail server that is down and then
// back, a refused recipient; and `vekha run`, stopped and restarted, delivering each message
// exactly once. The deployment is the Kemerovo 500+ example
// on 22 March 2022, 16:00 in Novokuznetsk, when eight reminders and escalations are due.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/app/cli_support.h"
#include "tests/app/loopback_server.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;
using testing::StartsWith;

constexpr const char* kTuesdayAfternoon = "2022-03-22T09:00:00Z";  // 16:00 Asia/Novokuznetsk

class DeliveryCliTest : public testing::Test {
 protected:
  DeliveryCliTest() : deployment_(scratch_.CopyExample("kemerovo-okrug-500plus", {"500plus-2022.yaml"})) {}

  void AppendToSettings(const std::string& yaml) { std::ofstream(deployment_ + "/vekha.yaml", std::ios::app) << yaml; }

  // Rules of the deployment's own instead of the defaults: the seven-day reminder by webhook
  // (two messages on the day: the task's two responsible people).
  void WebhookRules() {
    AppendToSettings("rules: {defaults: false, files: [rules/*.yaml]}\n");
    std::filesystem::create_directories(deployment_ + "/rules");
    std::ofstream(deployment_ + "/rules/webhook.yaml")
        << "rules:\n  - id: webhook-reminder\n    title: Напоминание за 7 рабочих дней\n"
           "    when: status in [\"open\", \"returned\"] and working_days_until_due == 7\n"
           "    notify: [responsible]\n    template: reminder\n    channel: webhook\n";
  }

  // The webhook rules above, sent to `receiver` with a retry every minute at first, at most
  // `max_attempts` times; `options` are the webhook's other settings (a secret, a timeout).
  void UseWebhook(const LoopbackServer& receiver, int max_attempts, const std::string& options) {
    AppendToSettings(
        fmt::format("notifications:\n  retry: {{base_seconds: 60, max_attempts: {}}}\n"
                    "  webhook: {{url: \"http://127.0.0.1:{}/vekha\", {}}}\n",
                    max_attempts, receiver.port(), options));
    WebhookRules();
  }

  Outcome At(const std::string& now, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"--now", now});
    arguments.insert(arguments.end(), {"-d", deployment_});
    return Vekha(arguments);
  }

  nlohmann::json Outbox(const std::string& now) {
    Outcome listed = At(now, {"outbox", "--format", "json"});
    EXPECT_EQ(listed.status, 0) << listed.err;
    return nlohmann::json::parse(listed.out);
  }

  // How many times the receiver processed each key (the first accepted delivery of a key counts).
  static std::map<std::string, int> DeliveredPerKey(const LoopbackServer& receiver) {
    std::map<std::string, int> delivered;
    for (const nlohmann::json& request : receiver.Received()) {
      if (request["delivered"].get<bool>()) ++delivered[request["key"].get<std::string>()];
    }
    return delivered;
  }

  ScratchDirectory scratch_;
  std::string deployment_;
};

TEST_F(DeliveryCliTest, EmailArrivesOverSmtpOnceWithItsUtf8Subject) {
  LoopbackServer smtp("smtp_sink.py", {}, scratch_.path());
  AppendToSettings(fmt::format(
      "notifications:\n  link: https://vekha.example.ru/tasks/{{task}}\n"
      "  email: {{url: \"smtp://127.0.0.1:{}\", from: vekha@uo-kmo.example.ru, from_name: Управление образования,"
      " starttls: false}}\n",
      smtp.port()));
  Outcome delivered = At(kTuesdayAfternoon, {"deliver"});
  ASSERT_EQ(delivered.status, 0) << delivered.err;
  EXPECT_THAT(delivered.out, HasSubstr("отправлено 8"));

  // Eight messages: six to the coordinator — more than the burst limit of five — go as one digest.
  std::vector<nlohmann::json> mails = smtp.Received();
  ASSERT_EQ(mails.size(), 3u);
  for (const nlohmann::json& mail : mails) {
    EXPECT_EQ(mail["mail_from"], "vekha@uo-kmo.example.ru");
    EXPECT_THAT(mail["raw_headers"].get<std::string>(), HasSubstr("Subject: =?UTF-8?B?"));  // RFC 2047
    EXPECT_THAT(mail["from"].get<std::string>(), HasSubstr("Управление образования"));
    EXPECT_FALSE(mail["date"].get<std::string>().empty());
    EXPECT_THAT(mail["message_id"].get<std::string>(), HasSubstr("@uo-kmo.example.ru>"));
    EXPECT_EQ(mail["content_type"], "text/plain");
    EXPECT_THAT(mail["body"].get<std::string>(), HasSubstr("https://vekha.example.ru/tasks/"));
  }
  nlohmann::json digest;
  for (const nlohmann::json& mail : mails) {
    if (mail["rcpt_tos"][0] == "mikhailova@example.org") digest = mail;
  }
  ASSERT_FALSE(digest.is_null());
  EXPECT_EQ(digest["subject"], "Vekha: напоминаний — 6, сводка на 22.03.2022");
  std::string body = digest["body"].get<std::string>();
  EXPECT_THAT(body, StartsWith("Михайлова С.М., здравствуйте."));
  size_t items = 0;
  for (size_t at = body.find("\n• "); at != std::string::npos; at = body.find("\n• ", at + 1)) ++items;
  EXPECT_EQ(items, 6u) << body;
  int in_digest = 0;
  for (const nlohmann::json& event :
       nlohmann::json::parse(At(kTuesdayAfternoon, {"history", "--format", "json"}).out)) {
    if (event["event"] == "notification sent" && event["details"].contains("digest")) ++in_digest;
  }
  EXPECT_EQ(in_digest, 6);

  nlohmann::json reminder;
  for (const nlohmann::json& mail : mails) {
    if (mail["rcpt_tos"][0] == "proshletsova@example.org") reminder = mail;
  }
  ASSERT_FALSE(reminder.is_null());
  EXPECT_THAT(reminder["subject"].get<std::string>(), StartsWith("Напоминание: «Участие в вебинаре"));
  EXPECT_THAT(reminder["subject"].get<std::string>(), HasSubstr("срок 31.03.2022"));
  EXPECT_THAT(reminder["to"].get<std::string>(), HasSubstr("Прошлецова А.В."));
  EXPECT_THAT(reminder["body"].get<std::string>(), HasSubstr("Прошлецова А.В., здравствуйте."));

  // Again: nothing is sent twice.
  ASSERT_EQ(At(kTuesdayAfternoon, {"deliver"}).status, 0);
  EXPECT_EQ(smtp.Received().size(), 3u);
  for (const nlohmann::json& message : Outbox(kTuesdayAfternoon)) EXPECT_EQ(message["status"], "sent");
  EXPECT_EQ(At(kTuesdayAfternoon, {"audit", "verify"}).status, 0);
}

TEST_F(DeliveryCliTest, QuietHoursHoldMailUntilMorningInTheRecipientsZone) {
  LoopbackServer smtp("smtp_sink.py", {}, scratch_.path());
  AppendToSettings(
      fmt::format("notifications:\n  quiet_hours: {{from: \"21:00\", to: \"08:00\"}}\n  digest: {{burst_limit: 0}}\n"
                  "  email: {{url: \"smtp://127.0.0.1:{}\", from: vekha@uo-kmo.example.ru, starttls: false}}\n",
                  smtp.port()));
  // 22:00 in Novokuznetsk: everything is held until 08:00 there, 01:00 UTC.
  Outcome evening = At("2022-03-22T15:00:00Z", {"deliver"});
  ASSERT_EQ(evening.status, 0) << evening.err;
  EXPECT_THAT(evening.out, HasSubstr("отложено (тихие часы, сводка) 8"));
  EXPECT_TRUE(smtp.Received().empty());
  for (const nlohmann::json& message : Outbox("2022-03-22T15:00:00Z")) {
    EXPECT_EQ(message["next_attempt_at"], "2022-03-23T01:00:00Z");
  }
  ASSERT_EQ(At("2022-03-23T00:59:00Z", {"deliver"}).status, 0);
  EXPECT_TRUE(smtp.Received().empty());
  ASSERT_EQ(At("2022-03-23T01:00:00Z", {"deliver"}).status, 0);
  EXPECT_EQ(smtp.Received().size(), 8u);
}

TEST_F(DeliveryCliTest, ADailyDigestBundlesEachPersonsMessagesAtTheirMinute) {
  LoopbackServer smtp("smtp_sink.py", {}, scratch_.path());
  AppendToSettings(
      fmt::format("notifications:\n  digest: {{daily_at: \"09:00\"}}\n"
                  "  email: {{url: \"smtp://127.0.0.1:{}\", from: vekha@uo-kmo.example.ru, starttls: false}}\n",
                  smtp.port()));
  // 16:00 in Novokuznetsk: the day's messages wait for 09:00 tomorrow there, 02:00 UTC.
  Outcome afternoon = At(kTuesdayAfternoon, {"deliver"});
  ASSERT_EQ(afternoon.status, 0) << afternoon.err;
  EXPECT_TRUE(smtp.Received().empty());
  for (const nlohmann::json& message : Outbox(kTuesdayAfternoon)) {
    EXPECT_EQ(message["next_attempt_at"], "2022-03-23T02:00:00Z");
  }
  ASSERT_EQ(At("2022-03-23T01:59:00Z", {"deliver"}).status, 0);
  EXPECT_TRUE(smtp.Received().empty());
  ASSERT_EQ(At("2022-03-23T02:00:00Z", {"deliver"}).status, 0);
  // One mail per person: a digest for each who has two or more, the message itself otherwise.
  std::map<std::string, std::string> subjects;
  for (const nlohmann::json& mail : smtp.Received()) subjects[mail["rcpt_tos"][0]] = mail["subject"];
  EXPECT_EQ(smtp.Received().size(), subjects.size());
  EXPECT_EQ(subjects["mikhailova@example.org"], "Vekha: напоминаний — 6, сводка на 23.03.2022");
  for (const nlohmann::json& message : Outbox("2022-03-23T02:00:00Z")) EXPECT_EQ(message["status"], "sent");
  // A new day's messages wait for the next digest, not the next wake.
  ASSERT_EQ(At("2022-03-23T02:00:00Z", {"deliver"}).status, 0);
  EXPECT_EQ(smtp.Received().size(), subjects.size());
}

TEST(DemoTest, TheFirstCycleWritesTheCoordinatorsFeedAndTheLog) {
  // `make run` starts the daemon on examples/demo; one cycle on a Monday morning of its first year.
  ScratchDirectory scratch;
  std::string demo = scratch.CopyExample("demo");
  Outcome cycle = Vekha({"--now", "2026-11-23T07:00:00Z", "--log-level", "info", "deliver", "-d", demo});
  ASSERT_EQ(cycle.status, 0) << cycle.err;
  EXPECT_THAT(cycle.err, HasSubstr("notification #1 to "));  // the e-mail reminders, written to the log
  std::ifstream feed(demo + "/var/notifications.jsonl");
  std::string line;
  int lines = 0;
  while (std::getline(feed, line)) {
    nlohmann::json message = nlohmann::json::parse(line);
    EXPECT_EQ(message["rule"], "overdue-feed");
    EXPECT_EQ(message["recipient"]["id"], "belokrenitskaya");
    EXPECT_THAT(message["link"].get<std::string>(), StartsWith("http://localhost:8080/tasks/"));
    ++lines;
  }
  EXPECT_GT(lines, 50);
}

TEST_F(DeliveryCliTest, WebhookRetriesAfterTwoFailuresAndDeliversOncePerKey) {
  ::setenv("VEKHA_TEST_WEBHOOK_SECRET", "s3cret", 1);
  LoopbackServer receiver("webhook_receiver.py", {"fail-twice", "s3cret"}, scratch_.path());
  UseWebhook(receiver, 5, "secret_env: VEKHA_TEST_WEBHOOK_SECRET");
  ASSERT_EQ(At(kTuesdayAfternoon, {"deliver"}).status, 0);
  nlohmann::json first = Outbox(kTuesdayAfternoon);
  ASSERT_EQ(first.size(), 2u);
  for (const nlohmann::json& message : first) {
    EXPECT_EQ(message["status"], "queued");
    EXPECT_EQ(message["attempts"], 1);
    EXPECT_THAT(message["last_error"].get<std::string>(), HasSubstr("HTTP 500"));
    // 60 s, less up to half of it as jitter.
    EXPECT_GE(message["next_attempt_at"].get<std::string>(), "2022-03-22T09:00:30Z");
    EXPECT_LE(message["next_attempt_at"].get<std::string>(), "2022-03-22T09:01:00Z");
  }
  ASSERT_EQ(At("2022-03-22T09:00:20Z", {"deliver"}).status, 0);  // not due yet: nothing tried
  ASSERT_EQ(receiver.Received().size(), 2u);
  // One batch, one connection: the second message went over the first one's (keep-alive).
  EXPECT_EQ(receiver.Received()[0]["client_port"], receiver.Received()[1]["client_port"]);
  ASSERT_EQ(At("2022-03-22T09:02:00Z", {"deliver"}).status, 0);  // second attempt: 500 again
  ASSERT_EQ(At("2022-03-22T09:10:00Z", {"deliver"}).status, 0);  // third: 200
  ASSERT_EQ(At("2022-03-22T09:20:00Z", {"deliver"}).status, 0);  // nothing left

  std::vector<nlohmann::json> requests = receiver.Received();
  ASSERT_EQ(requests.size(), 6u);
  for (const nlohmann::json& request : requests) {
    EXPECT_TRUE(request["signature_ok"].get<bool>());
    EXPECT_THAT(request["content_type"].get<std::string>(), StartsWith("application/json"));
    EXPECT_EQ(request["body"]["idempotency_key"], request["key"]);
    EXPECT_THAT(request["body"]["subject"].get<std::string>(), StartsWith("Напоминание"));
  }
  std::map<std::string, int> delivered = DeliveredPerKey(receiver);
  ASSERT_EQ(delivered.size(), 2u);
  for (const auto& [key, count] : delivered) EXPECT_EQ(count, 1) << key;
  for (const nlohmann::json& message : Outbox("2022-03-22T09:20:00Z")) {
    EXPECT_EQ(message["status"], "sent");
    EXPECT_EQ(message["attempts"], 3);
  }
}

TEST_F(DeliveryCliTest, AWebhookThatNeverAnswersTimesOutThenFailsAndCanBeResent) {
  LoopbackServer receiver("webhook_receiver.py", {"hang", ""}, scratch_.path());
  UseWebhook(receiver, 2, "timeout_seconds: 1");
  ASSERT_EQ(At(kTuesdayAfternoon, {"deliver"}).status, 0);
  ASSERT_EQ(At("2022-03-22T09:05:00Z", {"deliver"}).status, 0);
  nlohmann::json failed = Outbox("2022-03-22T09:05:00Z");
  ASSERT_EQ(failed.size(), 2u);
  for (const nlohmann::json& message : failed) {
    EXPECT_EQ(message["status"], "failed");
    EXPECT_EQ(message["attempts"], 2);
    EXPECT_THAT(message["last_error"].get<std::string>(), HasSubstr("Timeout"));
  }
  Outcome listed = At("2022-03-22T09:05:00Z", {"outbox", "--status", "failed"});
  EXPECT_THAT(listed.out, HasSubstr("Сообщений: 2"));
  EXPECT_THAT(listed.out, HasSubstr("[failed] webhook → Прошлецова А.В."));

  Outcome resent = At("2022-03-22T09:06:00Z", {"outbox", "--retry-failed"});
  ASSERT_EQ(resent.status, 0) << resent.err;
  for (const nlohmann::json& message : Outbox("2022-03-22T09:06:00Z")) {
    EXPECT_EQ(message["status"], "queued");
    EXPECT_EQ(message["attempts"], 0);
  }
  Outcome history = At("2022-03-22T09:06:00Z", {"history", "--format", "json"});
  EXPECT_THAT(history.out, HasSubstr("notification failed"));
  EXPECT_THAT(history.out, HasSubstr("notification requeued"));
}

// Fault injection at the receiver: the first request of each message meets a fault. Each message
// is retried — not before the Retry-After the receiver asked for — and delivered once.
struct WebhookFault {
  const char* mode;           // tests/support/webhook_receiver.py
  const char* error;          // what the outbox says of the first attempt (a regular expression)
  const char* earliest_next;  // the earliest second attempt
};

void PrintTo(const WebhookFault& fault, std::ostream* out) { *out << fault.mode; }

class WebhookFaultTest : public DeliveryCliTest, public testing::WithParamInterface<WebhookFault> {};

TEST_P(WebhookFaultTest, IsRetriedAndEachMessageIsDeliveredOnce) {
  LoopbackServer receiver("webhook_receiver.py", {GetParam().mode, ""}, scratch_.path());
  UseWebhook(receiver, 5, "timeout_seconds: 2");
  ASSERT_EQ(At(kTuesdayAfternoon, {"deliver"}).status, 0);
  nlohmann::json first = Outbox(kTuesdayAfternoon);
  ASSERT_EQ(first.size(), 2u);
  for (const nlohmann::json& message : first) {
    EXPECT_EQ(message["status"], "queued");
    EXPECT_EQ(message["attempts"], 1);
    EXPECT_THAT(message["last_error"].get<std::string>(), testing::ContainsRegex(GetParam().error));
    EXPECT_GE(message["next_attempt_at"].get<std::string>(), GetParam().earliest_next);
  }
  ASSERT_EQ(At("2022-03-22T09:04:50Z", {"deliver"}).status, 0);
  ASSERT_EQ(At("2022-03-22T09:06:00Z", {"deliver"}).status, 0);
  std::map<std::string, int> delivered = DeliveredPerKey(receiver);
  ASSERT_EQ(delivered.size(), 2u);
  for (const auto& [key, count] : delivered) EXPECT_EQ(count, 1) << key;
  for (const nlohmann::json& message : Outbox("2022-03-22T09:06:00Z")) {
    EXPECT_EQ(message["status"], "sent");
    EXPECT_EQ(message["attempts"], 2);
  }
  EXPECT_EQ(At("2022-03-22T09:06:00Z", {"audit", "verify"}).status, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, WebhookFaultTest,
    testing::Values(WebhookFault{"throttle", "HTTP 429 \\(Retry-After: 300 s\\)", "2022-03-22T09:05:00Z"},
                    WebhookFault{"reset", "reset|Empty reply|Recv failure", "2022-03-22T09:00:30Z"},
                    WebhookFault{"slow", "Timeout|timed out", "2022-03-22T09:00:30Z"}),
    [](const testing::TestParamInfo<WebhookFault>& param_info) { return std::string(param_info.param.mode); });

// The mail server is down at the first attempt and back for the second: the messages wait in the
// outbox and go once. A recipient the server refuses (550) fails at once, with the server's words,
// and the others are not held up by it.
TEST_F(DeliveryCliTest, MailWaitsForADownServerAndARefusedRecipientFailsAlone) {
  int port = FreePort();
  std::string settings = fmt::format(
      "notifications:\n  retry: {{base_seconds: 60, max_attempts: 5}}\n  quiet_hours: off\n"
      "  digest: {{burst_limit: 0}}\n"
      "  email: {{url: \"smtp://127.0.0.1:{}\", from: vekha@uo-kmo.example.ru, starttls: false, timeout_seconds: 5}}\n",
      port);
  AppendToSettings(settings);
  ASSERT_EQ(At(kTuesdayAfternoon, {"deliver"}).status, 0);
  nlohmann::json waiting = Outbox(kTuesdayAfternoon);
  ASSERT_EQ(waiting.size(), 8u);
  for (const nlohmann::json& message : waiting) {
    EXPECT_EQ(message["status"], "queued");
    EXPECT_THAT(message["last_error"].get<std::string>(), testing::ContainsRegex("connect|Connection refused"));
  }
  LoopbackServer smtp("smtp_sink.py", {"--port", std::to_string(port), "--reject", "proshletsova@example.org"},
                      scratch_.path());
  ASSERT_EQ(At("2022-03-22T09:05:00Z", {"deliver"}).status, 0);
  std::map<std::string, int> received;
  for (const nlohmann::json& mail : smtp.Received()) ++received[mail["message_id"].get<std::string>()];
  int sent = 0;
  for (const nlohmann::json& message : Outbox("2022-03-22T09:05:00Z")) {
    if (message["recipient"] == "proshletsova") {
      EXPECT_EQ(message["status"], "failed");
      EXPECT_THAT(message["last_error"].get<std::string>(), HasSubstr("SMTP 550"));
    } else {
      EXPECT_EQ(message["status"], "sent") << message.dump();
      ++sent;
    }
  }
  EXPECT_GT(sent, 0);
  EXPECT_EQ(received.size(), static_cast<size_t>(sent));
  for (const auto& [id, count] : received) EXPECT_EQ(count, 1) << id;
  ASSERT_EQ(At("2022-03-22T09:30:00Z", {"deliver"}).status, 0);  // nothing more: sent stays sent
  EXPECT_EQ(smtp.Received().size(), static_cast<size_t>(sent));
}

TEST_F(DeliveryCliTest, TheDaemonDeliversEachMessageOnceAcrossRestartsAndKeepsAGoodConfigurationOnSighup) {
  AppendToSettings("notifications: {file: {path: var/notifications.jsonl}}\n");
  WebhookRules();
  // The file channel for the webhook rule's messages: rewrite its channel.
  std::string rules = deployment_ + "/rules/webhook.yaml";
  Outcome edited = Shell("sed -i 's/channel: webhook/channel: file/' " + Quote(rules));
  ASSERT_EQ(edited.status, 0);
  std::string sent_file = deployment_ + "/var/notifications.jsonl";
  auto lines = [&] {
    std::ifstream in(sent_file);
    int count = 0;
    for (std::string line; std::getline(in, line);) count += line.empty() ? 0 : 1;
    return count;
  };
  {
    BackgroundVekha daemon({"--now", kTuesdayAfternoon, "run", deployment_}, scratch_.path() / "run-1.log");
    EXPECT_TRUE(WaitFor([&] { return lines() == 2; }, 20));
    // A broken configuration on SIGHUP is reported and the old one kept.
    std::string settings = deployment_ + "/vekha.yaml";
    std::filesystem::copy_file(settings, settings + ".good");
    std::ofstream(settings, std::ios::app) << "notifications: [twice\n";
    daemon.Signal(SIGHUP);
    auto log = [&] { return Shell("cat " + Quote((scratch_.path() / "run-1.log").string())).out; };
    EXPECT_TRUE(WaitFor([&] { return log().find("keeping the old one") != std::string::npos; }, 20)) << log();
    EXPECT_EQ(daemon.Stop(SIGTERM), 0);
    std::filesystem::rename(settings + ".good", settings);
    EXPECT_THAT(log(), HasSubstr("stopping on signal"));
  }
  EXPECT_EQ(lines(), 2);
  {
    BackgroundVekha daemon({"--now", kTuesdayAfternoon, "run", deployment_}, scratch_.path() / "run-2.log");
    EXPECT_EQ(Shell("sleep 1.5").status, 0);
    EXPECT_EQ(daemon.Stop(SIGINT), 0);
  }
  EXPECT_EQ(lines(), 2);  // nothing twice after the restart
  EXPECT_EQ(At(kTuesdayAfternoon, {"audit", "verify"}).status, 0);
}

}  // namespace
}  // namespace vekha::testing_support
