// ScriptedChannel: a notification channel for in-process tests. It records every message it is
// given and answers from a script of outcomes — sent, «429 with Retry-After», «500», a timeout —
// then «sent» once the script is used up.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "notifiers/channel.h"

namespace vekha::testing_support {

class ScriptedChannel final : public notifiers::Channel {
 public:
  explicit ScriptedChannel(std::string name, bool reaches_people = false)
      : name_(std::move(name)), reaches_people_(reaches_people) {}

  // The next answers, in order.
  void Answer(notifiers::SendResult result) { answers_.push_back(std::move(result)); }
  void AnswerTooManyRequests(std::chrono::seconds retry_after) {
    Answer(notifiers::SendResult::Retry("HTTP 429 Too Many Requests", retry_after));
  }
  void AnswerServerError() { Answer(notifiers::SendResult::Failed("HTTP 500 Internal Server Error")); }
  void AnswerTimeout() { Answer(notifiers::SendResult::Retry("no answer within 10 s")); }

  std::string_view name() const override { return name_; }
  bool reaches_people() const override { return reaches_people_; }
  notifiers::SendResult Send(const notifiers::Message& message) override {
    attempts_.push_back(message);
    if (answers_.empty()) return notifiers::SendResult::Sent();
    notifiers::SendResult result = answers_.front();
    answers_.pop_front();
    return result;
  }

  // Every message Send was called with, retries included.
  const std::vector<notifiers::Message>& attempts() const { return attempts_; }

 private:
  std::string name_;
  bool reaches_people_;
  std::deque<notifiers::SendResult> answers_;
  std::vector<notifiers::Message> attempts_;
};

}  // namespace vekha::testing_support
