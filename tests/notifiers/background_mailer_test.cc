// The background mailer: a message posted is sent on the mailer's own thread, tried again when the
// channel says a retry could help and given up when it says it cannot; a full queue refuses.
#include "notifiers/background_mailer.h"

#include <gtest/gtest.h>

#include "tests/doubles/scripted_channel.h"

namespace vekha::notifiers {
namespace {

using testing_support::ScriptedChannel;

Message Letter(const std::string& person) {
  Message message;
  message.outbox.recipient = person;
  message.recipient_email = person + "@example.org";
  message.subject = "Вход";
  return message;
}

constexpr std::chrono::seconds kPatience{10};

TEST(BackgroundMailerTest, SendsWhatIsPostedAndRetriesWhatMaySucceedLater) {
  auto channel = std::make_unique<ScriptedChannel>("email", true);
  ScriptedChannel& script = *channel;
  script.AnswerTimeout();
  script.AnswerTooManyRequests(std::chrono::seconds{0});
  BackgroundMailer mailer(std::move(channel), {.capacity = 10, .retry_delay = std::chrono::milliseconds{1}});
  ASSERT_TRUE(mailer.Post(Letter("petrov")));
  ASSERT_TRUE(mailer.WaitUntilIdle(kPatience));
  EXPECT_EQ(script.attempts().size(), 3U);  // two answers worth a retry, then sent
  EXPECT_EQ(script.attempts().back().outbox.recipient, "petrov");
}

TEST(BackgroundMailerTest, APermanentFailureIsNotTriedAgain) {
  auto channel = std::make_unique<ScriptedChannel>("email", true);
  ScriptedChannel& script = *channel;
  script.AnswerServerError();
  BackgroundMailer mailer(std::move(channel), {.capacity = 10, .retry_delay = std::chrono::milliseconds{1}});
  ASSERT_TRUE(mailer.Post(Letter("petrov")));
  ASSERT_TRUE(mailer.Post(Letter("sidorova")));
  ASSERT_TRUE(mailer.WaitUntilIdle(kPatience));
  ASSERT_EQ(script.attempts().size(), 2U);  // petrov's once, then sidorova's
  EXPECT_EQ(script.attempts()[1].outbox.recipient, "sidorova");
}

TEST(BackgroundMailerTest, GivesUpAfterThreeAttempts) {
  auto channel = std::make_unique<ScriptedChannel>("email", true);
  ScriptedChannel& script = *channel;
  for (int i = 0; i < 5; ++i) script.AnswerTimeout();
  BackgroundMailer mailer(std::move(channel), {.capacity = 10, .retry_delay = std::chrono::milliseconds{1}});
  ASSERT_TRUE(mailer.Post(Letter("petrov")));
  ASSERT_TRUE(mailer.WaitUntilIdle(kPatience));
  EXPECT_EQ(script.attempts().size(), 3U);
}

TEST(BackgroundMailerTest, AFullQueueRefuses) {
  auto channel = std::make_unique<ScriptedChannel>("email", true);
  // A long wait before the retry keeps the first letter in the mailer's hands while more come.
  channel->AnswerTimeout();
  BackgroundMailer mailer(std::move(channel), {.capacity = 2, .retry_delay = std::chrono::hours{1}});
  ASSERT_TRUE(mailer.Post(Letter("first")));
  ASSERT_FALSE(mailer.WaitUntilIdle(std::chrono::milliseconds{100}));  // waiting to try again
  EXPECT_TRUE(mailer.Post(Letter("second")));
  EXPECT_TRUE(mailer.Post(Letter("third")));
  EXPECT_FALSE(mailer.Post(Letter("fourth")));
  // Destruction does not wait out the hour: the retry is abandoned and the queue dropped.
}

}  // namespace
}  // namespace vekha::notifiers
