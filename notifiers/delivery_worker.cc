#include "notifiers/delivery_worker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "notifiers/digest.h"
#include "notifiers/dry_run_channel.h"
#include "notifiers/email_channel.h"
#include "notifiers/file_channel.h"
#include "notifiers/log_channel.h"
#include "notifiers/quiet_hours.h"
#include "notifiers/renderer.h"
#include "notifiers/retry.h"
#include "notifiers/webhook_channel.h"

namespace vekha::notifiers {

namespace {

// The value of environment variable `name`; "" when the name is empty. A named but unset
// variable is a problem.
std::string FromEnvironment(const std::string& name, const char* what, std::string& problem) {
  if (name.empty()) return "";
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) {
    problem = fmt::format("the environment variable {} ({}) is not set", name, what);
    return "";
  }
  return value;
}

}  // namespace

ChannelSet MakeChannels(const Deployment& deployment, const Clock& clock, std::string& problem) {
  const NotificationSettings& settings = deployment.settings.notifications;
  ChannelSet channels;
  channels["log"] = std::make_unique<LogChannel>();
  if (settings.file) channels["file"] = std::make_unique<FileChannel>(settings.file->path);
  if (settings.webhook) {
    WebhookOptions options{settings.webhook->url,
                           FromEnvironment(settings.webhook->secret_env, "the webhook secret", problem),
                           settings.webhook->timeout};
    channels["webhook"] = std::make_unique<WebhookChannel>(std::move(options));
  }
  if (std::unique_ptr<Channel> email = MakeEmailChannel(deployment, clock, problem))
    channels["email"] = std::move(email);
  if (!problem.empty()) channels.clear();
  return channels;
}

std::unique_ptr<Channel> MakeEmailChannel(const Deployment& deployment, const Clock& clock, std::string& problem) {
  const std::optional<EmailChannelSettings>& email = deployment.settings.notifications.email;
  if (!email) return nullptr;
  EmailOptions options{email->url,
                       email->from,
                       email->from_name,
                       email->starttls,
                       FromEnvironment(email->user_env, "the SMTP login", problem),
                       FromEnvironment(email->password_env, "the SMTP password", problem),
                       email->timeout};
  return std::make_unique<EmailChannel>(std::move(options), clock);
}

ChannelSet MakeDryRunChannels(const Deployment& deployment) {
  const NotificationSettings& settings = deployment.settings.notifications;
  ChannelSet channels;
  auto add = [&](const char* name) { channels[name] = std::make_unique<DryRunChannel>(name, !IsRecordChannel(name)); };
  add("log");
  if (settings.file) add("file");
  if (settings.webhook) add("webhook");
  if (settings.email) add("email");
  return channels;
}

DeliverySummary& DeliverySummary::operator+=(const DeliverySummary& other) {
  sent += other.sent;
  digests += other.digests;
  retrying += other.retrying;
  failed += other.failed;
  held += other.held;
  return *this;
}

DeliveryWorker::DeliveryWorker(const Deployment& deployment, TaskStore& store, ChannelSet& channels, const Clock& clock,
                               uint64_t seed, int states_per_commit)
    : deployment_(deployment),
      store_(store),
      channels_(channels),
      clock_(clock),
      random_(seed),
      states_per_commit_(std::max(1, states_per_commit)) {}

Status DeliveryWorker::DeliverDue(int limit, DeliverySummary& summary) {
  Clock::TimePoint now = clock_.Now();
  OutboxQuery due;
  due.due_by = FormatInstant(now);
  due.limit = limit;
  std::vector<OutboxMessage> messages;
  if (Status status = store_.Outbox(due, messages); !status.ok()) return status;
  const NotificationSettings& settings = deployment_.settings.notifications;
  Date today = LocalToday(clock_, deployment_.settings.time_zone);
  // What may go now, by recipient and channel in order of the oldest message; the rest is held.
  std::vector<std::vector<OutboxMessage>> groups;
  std::map<std::pair<std::string, std::string>, size_t> group_of;
  for (OutboxMessage& outbox : messages) {
    Channel* channel = ChannelFor(outbox.channel);
    if (channel != nullptr && channel->reaches_people()) {
      std::optional<Clock::TimePoint> hold = HoldUntil(outbox, now);
      if (hold) {
        outbox.next_attempt_at = FormatInstant(*hold);
        if (Status status = Save(outbox, nullptr); !status.ok()) return status;
        ++summary.held;
        continue;
      }
    }
    auto [entry, added] = group_of.try_emplace({outbox.recipient, outbox.channel}, groups.size());
    if (added) groups.emplace_back();
    groups[entry->second].push_back(std::move(outbox));
  }
  for (std::vector<OutboxMessage>& group : groups) {
    Channel* channel = ChannelFor(group.front().channel);
    bool bundle = channel != nullptr && channel->reaches_people() &&
                  ((settings.digest.daily_minute && group.size() >= 2) ||
                   (settings.digest.burst_limit > 0 && static_cast<int>(group.size()) > settings.digest.burst_limit));
    if (bundle) {
      Message digest = RenderDigest(deployment_, group, today);
      SendResult result = channel->Send(digest);
      std::optional<Clock::TimePoint> retry_at = RetryAt(result, group.front().attempts);
      for (OutboxMessage& member : group) {
        if (Status status = Record(member, result, retry_at, digest.outbox.idempotency_key, summary); !status.ok()) {
          return status;
        }
      }
      if (result.outcome == SendResult::Outcome::kSent) ++summary.digests;
      continue;
    }
    for (OutboxMessage& outbox : group) {
      SendResult result = channel == nullptr
                              ? SendResult::Failed(fmt::format("no «{}» channel is configured", outbox.channel))
                              : channel->Send(RenderMessage(deployment_, outbox, today));
      if (result.outcome == SendResult::Outcome::kSent && !channels_.contains(outbox.channel)) {
        result.error = fmt::format("no «{}» channel is configured: written to the log", outbox.channel);
      }
      std::optional<Clock::TimePoint> retry_at = RetryAt(result, outbox.attempts);
      if (Status status = Record(outbox, result, retry_at, "", summary); !status.ok()) return status;
    }
  }
  return CommitPending();
}

Channel* DeliveryWorker::ChannelFor(const std::string& name) {
  // A channel the deployment does not configure (the default rules send by e-mail) writes to the log.
  auto channel = channels_.find(name);
  if (channel == channels_.end()) channel = channels_.find("log");
  return channel == channels_.end() ? nullptr : channel->second.get();
}

std::optional<Clock::TimePoint> DeliveryWorker::HoldUntil(const OutboxMessage& outbox, Clock::TimePoint now) const {
  const NotificationSettings& settings = deployment_.settings.notifications;
  const Person* person = deployment_.FindPerson(outbox.recipient);
  const std::string& zone =
      person != nullptr && !person->time_zone.empty() ? person->time_zone : deployment_.settings.time_zone;
  Clock::TimePoint at = now;
  // A fresh message waits for the recipient's digest; one already held or retried goes when due.
  if (settings.digest.daily_minute && outbox.attempts == 0 && outbox.next_attempt_at.empty()) {
    at = NextDigestInstant(*settings.digest.daily_minute, zone, now);
  }
  if (settings.quiet_hours) at = NextAllowedInstant(*settings.quiet_hours, deployment_.calendar, zone, at);
  return at > now ? std::optional(at) : std::nullopt;
}

std::optional<Clock::TimePoint> DeliveryWorker::RetryAt(const SendResult& result, int attempts_before) {
  if (result.outcome != SendResult::Outcome::kRetry) return std::nullopt;
  const RetryPolicy& retry = deployment_.settings.notifications.retry;
  // The backoff, or longer when the receiver asked for it — but no longer than the longest wait.
  std::chrono::seconds asked = std::min(result.retry_after, retry.cap);
  return clock_.Now() + std::max(RetryDelay(retry, attempts_before + 1, random_), asked);
}

Status DeliveryWorker::Record(OutboxMessage& outbox, const SendResult& result, std::optional<Clock::TimePoint> retry_at,
                              const std::string& digest_key, DeliverySummary& summary) {
  const RetryPolicy& retry = deployment_.settings.notifications.retry;
  ++outbox.attempts;
  outbox.last_error = result.error;
  const char* event = nullptr;
  if (result.outcome == SendResult::Outcome::kSent) {
    outbox.status = "sent";
    outbox.sent_at = FormatInstant(clock_.Now());
    outbox.next_attempt_at.clear();
    event = "notification sent";
    ++summary.sent;
  } else if (result.outcome == SendResult::Outcome::kRetry && outbox.attempts < retry.max_attempts) {
    outbox.next_attempt_at = FormatInstant(*retry_at);
    spdlog::warn("notification #{} ({}): {}; attempt {} of {}, next at {}", outbox.id, outbox.channel, result.error,
                 outbox.attempts, retry.max_attempts, outbox.next_attempt_at);
    ++summary.retrying;
  } else {
    outbox.status = "failed";
    outbox.next_attempt_at.clear();
    event = "notification failed";
    spdlog::error("notification #{} ({}) failed after {} attempt(s): {}", outbox.id, outbox.channel, outbox.attempts,
                  result.error);
    ++summary.failed;
  }
  return Save(outbox, event, digest_key);
}

Status DeliveryWorker::Save(const OutboxMessage& message, const char* event, const std::string& digest_key) {
  if (!pending_) pending_ = store_.BeginWrite();
  pending_->UpdateDelivery(message);
  if (event != nullptr) {
    nlohmann::json details = {{"id", message.id},
                              {"channel", message.channel},
                              {"recipient", message.recipient},
                              {"attempts", message.attempts},
                              {"key", message.idempotency_key},
                              {"error", message.last_error}};
    if (!digest_key.empty()) details["digest"] = digest_key;
    pending_->Audit("vekha", event, message.task_id, details.dump());
  }
  if (!pending_->status().ok() || ++pending_states_ >= states_per_commit_) return CommitPending();
  return Status::Ok();
}

Status DeliveryWorker::CommitPending() {
  if (!pending_) return Status::Ok();
  Status status = pending_->Commit();
  pending_.reset();
  pending_states_ = 0;
  return status;
}

Status DeliveryWorker::NextDue(std::optional<Clock::TimePoint>& out) {
  std::optional<std::string> next;
  if (Status status = store_.NextDelivery(next); !status.ok()) return status;
  out.reset();
  if (!next) return Status::Ok();
  std::optional<Clock::TimePoint> at = next->empty() ? std::nullopt : ParseInstant(*next);
  out = at ? *at : clock_.Now();
  return Status::Ok();
}

Status DeliveryWorker::Requeue(int64_t id, const std::string& actor) {
  OutboxQuery query;
  query.id = id;
  std::vector<OutboxMessage> found;
  if (Status status = store_.Outbox(query, found); !status.ok()) return status;
  if (found.empty()) return Status::Error(fmt::format("no outbox message #{}", id));
  OutboxMessage message = found.front();
  if (message.status == "sent") return Status::Error(fmt::format("message #{} was sent already", id));
  std::string before = message.status;
  message.status = "queued";
  message.attempts = 0;
  message.next_attempt_at.clear();
  auto transaction = store_.BeginWrite();
  transaction->UpdateDelivery(message);
  nlohmann::json details = {{"id", id}, {"before", before}, {"key", message.idempotency_key}};
  transaction->Audit(actor, "notification requeued", message.task_id, details.dump());
  return transaction->Commit();
}

}  // namespace vekha::notifiers
