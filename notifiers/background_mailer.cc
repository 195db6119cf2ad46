#include "notifiers/background_mailer.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace vekha::notifiers {

namespace {

constexpr int kAttempts = 3;

}  // namespace

BackgroundMailer::BackgroundMailer(std::unique_ptr<Channel> channel, BackgroundMailerOptions options)
    : channel_(std::move(channel)), options_(options), thread_([this] { Run(); }) {}

BackgroundMailer::~BackgroundMailer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (!queue_.empty()) spdlog::warn("mail: {} sign-in e-mails dropped at shutdown", queue_.size());
    queue_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

bool BackgroundMailer::Post(Message message) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= options_.capacity) return false;
    queue_.push_back(std::move(message));
  }
  changed_.notify_all();
  return true;
}

bool BackgroundMailer::WaitUntilIdle(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [this] { return queue_.empty() && !sending_; });
}

void BackgroundMailer::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Message message = std::move(queue_.front());
    queue_.pop_front();
    sending_ = true;
    lock.unlock();
    bool sent = Deliver(message);
    spdlog::log(sent ? spdlog::level::info : spdlog::level::err, "mail: sign-in e-mail to {} {}",
                message.outbox.recipient, sent ? "sent" : "not sent");
    lock.lock();
    sending_ = false;
    changed_.notify_all();
  }
}

bool BackgroundMailer::Deliver(const Message& message) {
  std::chrono::milliseconds delay = options_.retry_delay;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    SendResult result = channel_->Send(message);
    if (result.outcome == SendResult::Outcome::kSent) return true;
    spdlog::warn("mail: attempt {} of {} to send a sign-in e-mail failed: {}", attempt, kAttempts, result.error);
    if (result.outcome == SendResult::Outcome::kFailed || attempt == kAttempts) return false;
    std::unique_lock lock(mutex_);
    if (changed_.wait_for(lock,
                          std::max(delay, std::chrono::duration_cast<std::chrono::milliseconds>(result.retry_after)),
                          [this] { return stopping_; })) {
      return false;
    }
    delay *= 2;
  }
  return false;
}

}  // namespace vekha::notifiers
