#include "workflows/notification_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "engine/embedded_file.h"
#include "engine/message_template.h"
#include "engine/text.h"
#include "workflows/diagnostics.h"

namespace vekha {

namespace {

const std::vector<std::string> kNotificationKeys = {"catch_up", "link",    "quiet_hours", "retry",    "digest",
                                                    "file",     "webhook", "email",       "templates"};
const std::vector<std::string> kDigestKeys = {"daily_at", "burst_limit"};
const std::vector<std::string> kQuietHoursKeys = {"from", "to", "days_off"};
const std::vector<std::string> kRetryKeys = {"max_attempts", "base_seconds", "max_seconds"};
const std::vector<std::string> kFileChannelKeys = {"path"};
const std::vector<std::string> kWebhookKeys = {"url", "secret_env", "timeout_seconds"};
const std::vector<std::string> kEmailKeys = {"url",      "from",         "from_name",      "starttls",
                                             "user_env", "password_env", "timeout_seconds"};
const std::vector<std::string> kTemplateKeys = {"subject", "body"};
const std::vector<std::string> kCatchUpPolicies = {"latest", "all", "skip"};

// Reports placeholders of a template text that Vekha does not fill, at their position.
void CheckPlaceholders(YamlReader& reader, const YAML::Node& text_node, const std::string& text) {
  std::vector<std::string> known(kTemplatePlaceholders.begin(), kTemplatePlaceholders.end());
  for (const PlaceholderUse& use : PlaceholdersIn(text)) {
    if (std::find(known.begin(), known.end(), use.name) != known.end()) continue;
    std::vector<std::string> hints;
    for (const std::string& near : NearestWords(use.name, known, 3, 1)) {
      hints.push_back(fmt::format("может быть, {{{}}}?", near));
    }
    reader.diagnostics().Error(
        reader.PositionInScalar(text_node, static_cast<int>(use.offset)),
        fmt::format("неизвестная подстановка {{{}}}; Веха подставляет {{{}}}", use.name, fmt::join(known, "}, {")),
        std::move(hints));
  }
}

std::optional<std::string> ReadUrl(YamlReader& reader, const YAML::Node& map, const std::vector<std::string>& schemes) {
  auto url = reader.String(map, "url", true);
  if (!url) return std::nullopt;
  for (const std::string& scheme : schemes) {
    if (url->rfind(scheme + "://", 0) == 0 && url->size() > scheme.size() + 3) return url;
  }
  reader.Error(map["url"], fmt::format("«{}» is not a {} address", *url, fmt::join(schemes, " or ")));
  return std::nullopt;
}

std::chrono::seconds ReadSeconds(YamlReader& reader, const YAML::Node& map, const std::string& key, int max,
                                 std::chrono::seconds fallback) {
  auto value = reader.Integer(map, key, 1, max);
  return value ? std::chrono::seconds{*value} : fallback;
}

void LoadQuietHours(YamlReader& reader, const YAML::Node& node, NotificationSettings& settings) {
  if (node.IsScalar() && (node.Scalar() == "off" || node.Scalar() == "false")) {
    settings.quiet_hours.reset();
    return;
  }
  if (!reader.ExpectMap(node, "«quiet_hours» (словарь или off)")) return;
  reader.CheckKeys(node, kQuietHoursKeys, "«quiet_hours»");
  QuietHours quiet;
  if (auto from = reader.ClockTime(node, "from", true)) quiet.from_minute = *from;
  if (auto to = reader.ClockTime(node, "to", true)) quiet.to_minute = *to;
  quiet.days_off = reader.Boolean(node, "days_off").value_or(true);
  settings.quiet_hours = quiet;
}

void LoadChannels(YamlReader& reader, const YAML::Node& root, const std::filesystem::path& base,
                  NotificationSettings& settings) {
  if (const YAML::Node& node = root["file"]) {
    if (reader.ExpectMap(node, "«file»")) {
      reader.CheckKeys(node, kFileChannelKeys, "«file»");
      if (auto path = reader.String(node, "path", true)) {
        std::filesystem::path resolved(*path);
        if (resolved.is_relative()) resolved = (base / resolved).lexically_normal();
        settings.file = FileChannelSettings{resolved.string()};
      }
    }
  }
  if (const YAML::Node& node = root["webhook"]) {
    if (reader.ExpectMap(node, "«webhook»")) {
      reader.CheckKeys(node, kWebhookKeys, "«webhook»");
      WebhookChannelSettings webhook;
      webhook.secret_env = reader.String(node, "secret_env", false).value_or("");
      webhook.timeout = ReadSeconds(reader, node, "timeout_seconds", 300, webhook.timeout);
      if (auto url = ReadUrl(reader, node, {"http", "https"})) {
        webhook.url = *url;
        settings.webhook = webhook;
      }
    }
  }
  if (const YAML::Node& node = root["email"]) {
    if (reader.ExpectMap(node, "«email»")) {
      reader.CheckKeys(node, kEmailKeys, "«email»");
      EmailChannelSettings email;
      email.from = reader.EmailAddress(node, "from", true).value_or("");
      email.from_name = reader.String(node, "from_name", false).value_or("Vekha");
      email.starttls = reader.Boolean(node, "starttls").value_or(true);
      email.user_env = reader.String(node, "user_env", false).value_or("");
      email.password_env = reader.String(node, "password_env", false).value_or("");
      email.timeout = ReadSeconds(reader, node, "timeout_seconds", 300, email.timeout);
      if (auto url = ReadUrl(reader, node, {"smtp", "smtps"})) {
        email.url = *url;
        settings.email = email;
      }
    }
  }
}

void LoadTemplates(YamlReader& reader, const YAML::Node& node, std::map<std::string, MessageTemplate>& templates) {
  if (!reader.ExpectMap(node, "«templates»")) return;
  for (const auto& entry : node) {
    std::string id = entry.first.as<std::string>();
    const YAML::Node& body = entry.second;
    if (!reader.ExpectMap(body, fmt::format("template «{}»", id))) continue;
    reader.CheckKeys(body, kTemplateKeys, fmt::format("template «{}»", id));
    MessageTemplate message = templates.contains(id) ? templates[id] : MessageTemplate{};
    if (auto subject = reader.String(body, "subject", !templates.contains(id))) {
      CheckPlaceholders(reader, body["subject"], *subject);
      message.subject = *subject;
    }
    if (auto text = reader.String(body, "body", !templates.contains(id))) {
      CheckPlaceholders(reader, body["body"], *text);
      message.body = *text;
    }
    templates[id] = std::move(message);
  }
}

}  // namespace

const std::map<std::string, MessageTemplate>& DefaultTemplates() {
  static const std::map<std::string, MessageTemplate> kTemplates = [] {
    std::map<std::string, MessageTemplate> templates;
    Diagnostics diagnostics;
    for (const EmbeddedFile& file : EmbeddedDefaultTemplates()) {
      YamlReader reader(std::string(file.name), diagnostics);
      if (!reader.LoadText(std::string(file.contents))) continue;
      LoadTemplates(reader, reader.root()["templates"], templates);
    }
    if (diagnostics.HasErrors()) throw std::logic_error("the compiled-in templates do not load");
    return templates;
  }();
  return kTemplates;
}

void LoadNotificationSettings(YamlReader& reader, const YAML::Node& node, const std::filesystem::path& base,
                              NotificationSettings& settings) {
  settings.templates = DefaultTemplates();
  if (!node) return;
  if (!reader.ExpectMap(node, "«notifications»")) return;
  reader.CheckKeys(node, kNotificationKeys, "«notifications»");
  if (auto policy = reader.String(node, "catch_up", false)) {
    if (*policy == "latest") {
      settings.catch_up = CatchUpPolicy::kLatest;
    } else if (*policy == "all") {
      settings.catch_up = CatchUpPolicy::kAll;
    } else if (*policy == "skip") {
      settings.catch_up = CatchUpPolicy::kSkip;
    } else {
      reader.Error(node["catch_up"],
                   fmt::format("неизвестный порядок навёрстывания «{}»; допустимо latest, all или skip", *policy),
                   DidYouMean(*policy, kCatchUpPolicies));
    }
  }
  if (auto link = reader.String(node, "link", false)) {
    CheckPlaceholders(reader, node["link"], *link);
    settings.link = *link;
  }
  if (const YAML::Node& quiet = node["quiet_hours"]) LoadQuietHours(reader, quiet, settings);
  if (const YAML::Node& digest = node["digest"]; digest && reader.ExpectMap(digest, "«digest»")) {
    reader.CheckKeys(digest, kDigestKeys, "«digest»");
    if (digest["daily_at"]) settings.digest.daily_minute = reader.ClockTime(digest, "daily_at", true);
    if (auto limit = reader.Integer(digest, "burst_limit", 0, 10'000)) settings.digest.burst_limit = *limit;
  }
  if (const YAML::Node& retry = node["retry"]) {
    if (reader.ExpectMap(retry, "«retry»")) {
      reader.CheckKeys(retry, kRetryKeys, "«retry»");
      if (auto attempts = reader.Integer(retry, "max_attempts", 1, 100)) settings.retry.max_attempts = *attempts;
      settings.retry.base = ReadSeconds(reader, retry, "base_seconds", 86'400, settings.retry.base);
      settings.retry.cap = ReadSeconds(reader, retry, "max_seconds", 7 * 86'400, settings.retry.cap);
    }
  }
  LoadChannels(reader, node, base, settings);
  if (const YAML::Node& templates = node["templates"]) LoadTemplates(reader, templates, settings.templates);
}

}  // namespace vekha
