#include "notifiers/background_mailer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace vekha::notifiers {

namespace {

constexpr int kAttempts = 3;

}  // namespace

struct BackgroundMailer::State {
  State(std::unique_ptr<Channel> sender, BackgroundMailerOptions settings)
      : channel(std::move(sender)), options(settings) {}

  const std::unique_ptr<Channel> channel;
  const BackgroundMailerOptions options;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Message> queue;
  bool sending = false;
  bool stopping = false;
};

BackgroundMailer::BackgroundMailer(std::unique_ptr<Channel> channel, BackgroundMailerOptions options)
    : state_(std::make_shared<State>(std::move(channel), options)) {
  std::thread([state = state_] { Run(state); }).detach();
}

BackgroundMailer::~BackgroundMailer() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    if (!state_->queue.empty()) spdlog::warn("mail: {} sign-in e-mails dropped", state_->queue.size());
    state_->queue.clear();
  }
  state_->changed.notify_all();
}

bool BackgroundMailer::Post(Message message) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping || state_->queue.size() >= state_->options.capacity) return false;
    state_->queue.push_back(std::move(message));
  }
  state_->changed.notify_all();
  return true;
}

bool BackgroundMailer::WaitUntilIdle(std::chrono::milliseconds limit) {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, limit, [this] { return state_->queue.empty() && !state_->sending; });
}

void BackgroundMailer::Run(const std::shared_ptr<State>& state) {
  std::unique_lock lock(state->mutex);
  while (true) {
    state->changed.wait(lock, [&] { return state->stopping || !state->queue.empty(); });
    if (state->stopping) return;
    Message message = std::move(state->queue.front());
    state->queue.pop_front();
    state->sending = true;
    lock.unlock();
    bool sent = Deliver(*state, message);
    spdlog::log(sent ? spdlog::level::info : spdlog::level::err, "mail: sign-in e-mail to {} {}",
                message.outbox.recipient, sent ? "sent" : "not sent");
    lock.lock();
    state->sending = false;
    state->changed.notify_all();
  }
}

bool BackgroundMailer::Deliver(State& state, const Message& message) {
  std::chrono::milliseconds delay = state.options.retry_delay;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    SendResult result = state.channel->Send(message);
    if (result.outcome == SendResult::Outcome::kSent) return true;
    spdlog::warn("mail: attempt {} of {} to send a sign-in e-mail failed: {}", attempt, kAttempts, result.error);
    if (result.outcome == SendResult::Outcome::kFailed || attempt == kAttempts) return false;
    std::unique_lock lock(state.mutex);
    std::chrono::milliseconds wait =
        std::max(delay, std::chrono::duration_cast<std::chrono::milliseconds>(result.retry_after));
    if (state.changed.wait_for(lock, wait, [&] { return state.stopping; })) return false;
    delay *= 2;
  }
  return false;
}

}  // namespace vekha::notifiers
