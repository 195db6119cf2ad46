#include "runtime/daemon.h"

#include <gmock/gmock.h>

#include "tests/runtime/runtime_fixture.h"

namespace vekha::testing_support {
namespace {

using std::chrono::minutes;
using testing::SizeIs;

class DaemonTest : public RuntimeTest {
 protected:
  DaemonTest() : daemon_(io_, Options(), clock_, OpenEngine()) {
    EXPECT_THAT(daemon_.Start(), IsOk());
    io_.poll();
  }

  runtime::DaemonOptions Options() const {
    runtime::DaemonOptions options;
    options.deployment = deployment_.path();
    return options;
  }

  // What a wake does: the clock reaches the instant the daemon armed for, and it looks again.
  void WakeWhenArmed() {
    clock_.Set(daemon_.next_wake());
    daemon_.LookAgain();
    io_.poll();
  }

  std::vector<OutboxMessage> Outbox(const std::string& status = "") {
    return RuntimeTest::Outbox(daemon_.engine(), status);
  }

  boost::asio::io_context io_;
  runtime::Daemon daemon_;
};

const Clock::TimePoint kMidnightOf16February = *ParseInstant("2022-02-15T21:00:01Z");

TEST_F(DaemonTest, TheFirstCycleOpensTheTasksAndArmsForTheNextLocalMidnight) {
  EXPECT_EQ(daemon_.cycles(), 1);
  std::vector<TaskRecord> tasks;
  ASSERT_THAT(daemon_.engine().workspace->store().ListTasks({}, tasks), IsOk());
  ASSERT_THAT(tasks, SizeIs(2));  // February and June
  EXPECT_EQ(tasks[0].status, TaskStatus::kOpen);
  EXPECT_EQ(daemon_.next_wake(), kMidnightOf16February);
  EXPECT_THAT(email_->attempts(), SizeIs(0));  // nine working days before the deadline: nothing to say
}

TEST_F(DaemonTest, AtMidnightTheSevenDayReminderGoesOutOnce) {
  WakeWhenArmed();
  ASSERT_THAT(email_->attempts(), SizeIs(1));
  EXPECT_EQ(email_->attempts()[0].outbox.rule, "reminder-7");
  EXPECT_EQ(email_->attempts()[0].outbox.recipient, "ivanova");
  EXPECT_THAT(Outbox("sent"), SizeIs(1));
  EXPECT_EQ(daemon_.next_wake(), kMidnightOf16February + std::chrono::hours{24});

  daemon_.LookAgain();  // looking again the same day sends nothing twice
  io_.poll();
  EXPECT_THAT(email_->attempts(), SizeIs(1));
}

TEST_F(DaemonTest, AReceiverThatTimesOutOrAsksToWaitIsTriedAgainWhenItAsked) {
  email_->AnswerTimeout();
  email_->AnswerTooManyRequests(minutes{30});
  WakeWhenArmed();
  ASSERT_THAT(Outbox("queued"), SizeIs(1));
  Clock::TimePoint first_retry = daemon_.next_wake();
  EXPECT_GT(first_retry, clock_.Now());
  EXPECT_LT(first_retry, kMidnightOf16February + std::chrono::hours{24});  // the retry, not the next day

  WakeWhenArmed();  // 429: wait at least the 30 minutes asked
  EXPECT_GE(daemon_.next_wake(), clock_.Now() + minutes{30});
  WakeWhenArmed();
  EXPECT_THAT(email_->attempts(), SizeIs(3));
  std::vector<OutboxMessage> sent = Outbox("sent");
  ASSERT_THAT(sent, SizeIs(1));
  EXPECT_EQ(sent[0].attempts, 3);
}

TEST_F(DaemonTest, AServerErrorParksTheMessageAsFailedForAnOperator) {
  email_->AnswerServerError();
  WakeWhenArmed();
  std::vector<OutboxMessage> failed = Outbox("failed");
  ASSERT_THAT(failed, SizeIs(1));
  EXPECT_THAT(failed[0].last_error, testing::HasSubstr("500"));
  EXPECT_EQ(daemon_.next_wake(), kMidnightOf16February + std::chrono::hours{24});
}

TEST_F(DaemonTest, AStoreThatFailsAtMidnightIsTriedAgainSoonAndTheDaysReminderIsNotLost) {
  store_->FailCommits(Status::Unavailable("disk full"));
  WakeWhenArmed();
  EXPECT_GT(store_->failed_commits(), 0);
  EXPECT_THAT(email_->attempts(), SizeIs(0));
  EXPECT_LT(daemon_.next_wake(), kMidnightOf16February + minutes{5});  // not tomorrow

  store_->Heal();
  WakeWhenArmed();
  ASSERT_THAT(email_->attempts(), SizeIs(1));
  EXPECT_EQ(email_->attempts()[0].outbox.rule, "reminder-7");
}

TEST_F(DaemonTest, AReloadKeepsTheOldConfigurationWhenTheNewOneIsInvalid) {
  deployment_.Write("roadmaps/test.yaml", "roadmap: [");
  EXPECT_FALSE(daemon_.Reload());
  WakeWhenArmed();
  EXPECT_THAT(email_->attempts(), SizeIs(1));  // the old engine and its channels still work

  deployment_.Write("roadmaps/test.yaml", std::string(kRuntimeRoadmap) +
                                              "    - id: report\n"
                                              "      title: Отчёт\n"
                                              "      timing: ежегодно до 1 декабря\n"
                                              "      responsible: [specialist@mku]\n");
  EXPECT_TRUE(daemon_.Reload());
  io_.poll();
  std::vector<TaskRecord> tasks;
  ASSERT_THAT(daemon_.engine().workspace->store().ListTasks({}, tasks), IsOk());
  EXPECT_THAT(tasks, SizeIs(3));
}

TEST_F(DaemonTest, AStopEndsTheLoop) {
  daemon_.Stop();
  io_.run_for(std::chrono::seconds{10});
  EXPECT_TRUE(io_.stopped());
  int cycles = daemon_.cycles();
  daemon_.LookAgain();
  io_.restart();
  io_.poll();
  EXPECT_EQ(daemon_.cycles(), cycles);
}

}  // namespace
}  // namespace vekha::testing_support
