// How a deployment's notifications are sent (vekha.yaml `notifications:`): the catch-up policy
// after downtime, quiet hours, retries, digests, the channels' settings and template overrides.
// Plain values: the loader (workflows/notification_settings.h) fills them, the delivery worker
// and the channels (notifiers/) read them.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace vekha {

// How reminders whose moment passed while Vekha was down are sent (docs/product.md, «The daemon and notifications»).
enum class CatchUpPolicy {
  kLatest,  // only the most advanced stage per task, once
  kAll,     // every missed firing
  kSkip,    // none: missed moments are recorded as fired, nothing is queued
};

// No message to a person between `from` and `to` (local minutes of the day; `from` > `to` spans
// midnight) nor, with `days_off`, on the calendar's non-working days.
struct QuietHours {
  int from_minute = 21 * 60;
  int to_minute = 8 * 60;
  bool days_off = true;
};

struct RetryPolicy {
  int max_attempts = 8;
  std::chrono::seconds base{60};          // the delay after the first failure, doubled each time
  std::chrono::seconds cap{6 * 60 * 60};  // the longest delay
};

// Bundling messages to one person by one channel (e-mail, webhook) into one: with `daily_minute`,
// a person's messages wait for that local minute and go out together; otherwise a burst of more
// than `burst_limit` messages due at once (after downtime) goes as one. 0 never bundles a burst.
struct DigestSettings {
  std::optional<int> daily_minute;
  int burst_limit = 5;
};

struct FileChannelSettings {
  std::string path;  // JSON lines, appended; resolved against the deployment directory
};

struct WebhookChannelSettings {
  std::string url;
  std::string secret_env;  // the environment variable holding the HMAC-SHA256 secret
  std::chrono::seconds timeout{10};
};

struct EmailChannelSettings {
  std::string url;   // smtp://host:587 (STARTTLS) or smtps://host:465
  std::string from;  // the sender's address
  std::string from_name;
  bool starttls = true;  // refuse to send unencrypted over smtp://
  std::string user_env;  // environment variables with the login and password, when AUTH is needed
  std::string password_env;
  std::chrono::seconds timeout{30};
};

struct MessageTemplate {
  std::string subject;
  std::string body;
};

// The channels that keep a record for operators (log, file) rather than reach a person (email,
// webhook): quiet hours, digests and the catch-up pick apply to the latter only.
inline bool IsRecordChannel(std::string_view channel) { return channel == "log" || channel == "file"; }

struct NotificationSettings {
  CatchUpPolicy catch_up = CatchUpPolicy::kLatest;
  std::string link;  // a task's address, with {task}: https://vekha.example.ru/tasks/{task}
  std::optional<QuietHours> quiet_hours = QuietHours{};
  RetryPolicy retry;
  DigestSettings digest;
  std::optional<FileChannelSettings> file;
  std::optional<WebhookChannelSettings> webhook;
  std::optional<EmailChannelSettings> email;
  std::map<std::string, MessageTemplate> templates;  // overrides of the defaults, by template id
};

}  // namespace vekha
