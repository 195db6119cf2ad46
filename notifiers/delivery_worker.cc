#include "notifiers/delivery_worker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

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
  if (settings.email) {
    const EmailChannelSettings& email = *settings.email;
    EmailOptions options{email.url,
                         email.from,
                         email.from_name,
                         email.starttls,
                         FromEnvironment(email.user_env, "the SMTP login", problem),
                         FromEnvironment(email.password_env, "the SMTP password", problem),
                         email.timeout};
    channels["email"] = std::make_unique<EmailChannel>(std::move(options), clock);
  }
  if (!problem.empty()) channels.clear();
  return channels;
}

ChannelSet MakeDryRunChannels(const Deployment& deployment) {
  const NotificationSettings& settings = deployment.settings.notifications;
  ChannelSet channels;
  channels["log"] = std::make_unique<DryRunChannel>("log", false);
  if (settings.file) channels["file"] = std::make_unique<DryRunChannel>("file", false);
  if (settings.webhook) channels["webhook"] = std::make_unique<DryRunChannel>("webhook", true);
  if (settings.email) channels["email"] = std::make_unique<DryRunChannel>("email", true);
  return channels;
}

DeliverySummary& DeliverySummary::operator+=(const DeliverySummary& other) {
  sent += other.sent;
  retrying += other.retrying;
  failed += other.failed;
  held += other.held;
  return *this;
}

DeliveryWorker::DeliveryWorker(const Deployment& deployment, TaskStore& store, ChannelSet& channels,
                               const Clock& clock, uint64_t seed, int states_per_commit)
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
  for (OutboxMessage& outbox : messages) {
    // A channel the deployment does not configure (the default rules send by e-mail) writes to the log.
    auto channel = channels_.find(outbox.channel);
    bool rerouted = channel == channels_.end();
    if (rerouted) channel = channels_.find("log");
    const Person* person = deployment_.FindPerson(outbox.recipient);
    if (channel != channels_.end() && channel->second->reaches_people() && settings.quiet_hours) {
      std::string zone = person != nullptr && !person->time_zone.empty() ? person->time_zone
                                                                        : deployment_.settings.time_zone;
      Clock::TimePoint allowed = NextAllowedInstant(*settings.quiet_hours, deployment_.calendar, zone, now);
      if (allowed > now) {
        outbox.next_attempt_at = FormatInstant(allowed);
        if (Status status = Save(outbox, nullptr); !status.ok()) return status;
        ++summary.held;
        continue;
      }
    }
    SendResult result = channel == channels_.end()
                            ? SendResult::Failed(fmt::format("no «{}» channel is configured", outbox.channel))
                            : channel->second->Send(RenderMessage(deployment_, outbox, today));
    ++outbox.attempts;
    outbox.last_error = result.error;
    if (rerouted && result.outcome == SendResult::Outcome::kSent) {
      outbox.last_error = fmt::format("no «{}» channel is configured: written to the log", outbox.channel);
    }
    const char* event = nullptr;
    if (result.outcome == SendResult::Outcome::kSent) {
      outbox.status = "sent";
      outbox.sent_at = FormatInstant(clock_.Now());
      outbox.next_attempt_at.clear();
      event = "notification sent";
      ++summary.sent;
    } else if (result.outcome == SendResult::Outcome::kRetry && outbox.attempts < settings.retry.max_attempts) {
      outbox.next_attempt_at = FormatInstant(clock_.Now() + RetryDelay(settings.retry, outbox.attempts, random_));
      spdlog::warn("notification #{} ({}): {}; attempt {} of {}, next at {}", outbox.id, outbox.channel, result.error,
                   outbox.attempts, settings.retry.max_attempts, outbox.next_attempt_at);
      ++summary.retrying;
    } else {
      outbox.status = "failed";
      outbox.next_attempt_at.clear();
      event = "notification failed";
      spdlog::error("notification #{} ({}) failed after {} attempt(s): {}", outbox.id, outbox.channel, outbox.attempts,
                    result.error);
      ++summary.failed;
    }
    if (Status status = Save(outbox, event); !status.ok()) return status;
  }
  return CommitPending();
}

Status DeliveryWorker::Save(const OutboxMessage& message, const char* event) {
  if (!pending_) pending_ = store_.BeginWrite();
  pending_->UpdateDelivery(message);
  if (event != nullptr) {
    nlohmann::json details = {{"id", message.id},           {"channel", message.channel},
                              {"recipient", message.recipient}, {"attempts", message.attempts},
                              {"key", message.idempotency_key}, {"error", message.last_error}};
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
