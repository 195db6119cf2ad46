// BackgroundMailer: sends e-mails that must not wait for the daemon's cycle nor hold up its event
// loop — the sign-in links people ask for on the pages. Post() only queues (in memory: a link is
// worth sending only while the asker waits for it, so it is never written to the outbox, and one
// lost in a crash is asked for again); a thread of its own sends each message through the channel,
// trying again twice when the channel says a retry could help. The queue is bounded: Post() refuses
// a message when it is full. Destruction finishes the message being sent and drops the rest.
// Post() and WaitUntilIdle() may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "notifiers/channel.h"

namespace vekha::notifiers {

// Where the web pages hand the e-mails they send: the real one is a BackgroundMailer; tests record.
class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Queues `message` for sending; false when it cannot be taken now.
  virtual bool Post(Message message) = 0;
};

struct BackgroundMailerOptions {
  size_t capacity = 200;                        // messages waiting at most
  std::chrono::milliseconds retry_delay{5000};  // before the second attempt; doubled before the third
};

class BackgroundMailer final : public MailQueue {
 public:
  BackgroundMailer(std::unique_ptr<Channel> channel, BackgroundMailerOptions options = {});
  ~BackgroundMailer() override;
  BackgroundMailer(const BackgroundMailer&) = delete;
  BackgroundMailer& operator=(const BackgroundMailer&) = delete;

  bool Post(Message message) override;
  // Waits until nothing is queued or being sent, at most `limit`; true when idle.
  bool WaitUntilIdle(std::chrono::milliseconds limit);

 private:
  void Run();
  // Sends with the retries; false when it gave up or was stopped.
  bool Deliver(const Message& message);

  std::unique_ptr<Channel> channel_;
  const BackgroundMailerOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Message> queue_;
  bool sending_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace vekha::notifiers
