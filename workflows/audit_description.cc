#include "workflows/audit_description.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "engine/date.h"
#include "engine/task.h"

namespace vekha {

namespace {

// A status name as people read it; an unknown name as it is.
std::string StatusWords(const nlohmann::json& name) {
  if (!name.is_string()) return "—";
  std::optional<TaskStatus> status = ParseTaskStatus(name.get<std::string>());
  return status ? std::string(TaskStatusTitle(*status)) : name.get<std::string>();
}

std::string DateWords(const nlohmann::json& value) {
  if (!value.is_string()) return "без срока";
  std::optional<Date> date = ParseIsoDate(value.get<std::string>());
  return date ? DottedDate(*date) : value.get<std::string>();
}

// The engine's own notes on a change («change»), written in English into the log, in Russian.
std::string ChangeWords(const std::string& change) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kExact = {{
      {"opened", "наступил день открытия"},
      {"deadline after the predecessor finished", "срок отсчитан от завершения предшествующего мероприятия"},
      {"its occurrence left the roadmap", "этого периода больше нет в дорожной карте"},
      {"reinstated", "период снова есть в дорожной карте"},
      {"rescheduled", "сроки изменены по дорожной карте"},
      {"tracking now covers its deadline", "срок вошёл в период учёта"},
  }};
  for (const auto& [english, russian] : kExact) {
    if (change == english) return std::string(russian);
  }
  constexpr std::string_view kBeforeTracking = "due before tracking began on ";
  if (change.starts_with(kBeforeTracking)) {
    return fmt::format("срок до начала учёта ({})", DateWords(change.substr(kBeforeTracking.size())));
  }
  constexpr std::string_view kFromEvent = "deadline from the event ";
  if (change.starts_with(kFromEvent)) {
    std::string rest = change.substr(kFromEvent.size());  // «event» on YYYY-MM-DD
    size_t on = rest.rfind(" on ");
    if (on != std::string::npos)
      return fmt::format("срок от события {} {}", rest.substr(0, on), DateWords(rest.substr(on + 4)));
  }
  return change;
}

}  // namespace

std::string DescribeAuditDetails(const std::string& details_json, AuditAudience audience) {
  bool technical = audience == AuditAudience::kAuditors;
  nlohmann::json details = nlohmann::json::parse(details_json, nullptr, false);
  if (details.is_discarded()) return "";
  std::vector<std::string> parts;
  if (details.contains("before") && details.contains("after")) {
    const nlohmann::json& before = details["before"];
    const nlohmann::json& after = details["after"];
    if (before["status"] != after["status"])
      parts.push_back(fmt::format("{} → {}", StatusWords(before["status"]), StatusWords(after["status"])));
    if (before["effective_due"] != after["effective_due"])
      parts.push_back(
          fmt::format("срок {} → {}", DateWords(before["effective_due"]), DateWords(after["effective_due"])));
  }
  // An event's day, and an indicator's value, recorded by a person.
  auto text = [&](const char* key) {
    return details.contains(key) && details[key].is_string() ? details[key].get<std::string>() : "";
  };
  if (details.contains("event") && details.contains("on")) {
    std::string where = text("organisation").empty() ? "" : fmt::format(" ({})", text("organisation"));
    std::string previous = text("previous").empty() ? "" : fmt::format(", было {}", text("previous"));
    parts.push_back(fmt::format("событие «{}»{}: {}{}", text("event"), where, text("on"), previous));
  }
  if (details.contains("indicator") && details.contains("value") && details["value"].is_number()) {
    std::string where = text("organisation").empty() ? "" : fmt::format(" ({})", text("organisation"));
    parts.push_back(fmt::format("показатель «{}»{} за {}: {}", text("indicator"), where, text("period"),
                                details["value"].get<double>()));
  }
  if (details.contains("change") && details["change"].is_string()) parts.push_back(ChangeWords(text("change")));
  // A notification: which rule, to whom, over which channel, and how its delivery went.
  if (details.contains("rule") && details["rule"].is_string()) {
    std::string recipient = text("recipient").empty() ? "" : fmt::format(", получатель {}", text("recipient"));
    parts.push_back(fmt::format("правило «{}»{}", text("rule"), recipient));
  } else if (details.contains("channel") && details["channel"].is_string()) {
    parts.push_back(fmt::format("канал {}, получатель {}", text("channel"), text("recipient")));
    if (details.contains("attempts") && details["attempts"].is_number_integer())
      parts.push_back(fmt::format("попыток: {}", details["attempts"].get<int64_t>()));
    if (!text("error").empty()) parts.push_back(fmt::format("ошибка: {}", text("error")));
  }
  for (const char* key : {"reason", "comment", "note"}) {
    if (details.contains(key) && details[key].is_string() && !details[key].get<std::string>().empty()) {
      parts.push_back(details[key].get<std::string>());
    }
  }
  if (details.contains("files")) {
    for (const nlohmann::json& file : details["files"]) {
      std::string name = file.value("name", "");
      std::string deliverable = file.value("deliverable", "");
      parts.push_back(technical ? fmt::format("файл «{}» для «{}», sha256 {}, {} байт", name, deliverable,
                                              file.value("sha256", ""), file.value("size", int64_t{0}))
                                : fmt::format("файл «{}» для «{}»", name, deliverable));
    }
  }
  if (details.contains("values")) {
    for (const nlohmann::json& value : details["values"]) {
      parts.push_back(fmt::format("«{}» = {} {}", value["name"].get<std::string>(), value["value"].get<double>(),
                                  value["unit"].get<std::string>()));
    }
  }
  if (technical && details.contains("origin") && details["origin"].is_string()) {
    parts.push_back(fmt::format("источник: {}", details["origin"].get<std::string>()));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string EventTitle(const std::string& event) {
  static const std::map<std::string, std::string> kTitles = {
      {"materialised", "задача создана по плану"},
      {"created", "задача создана"},
      {"opened", "задача открыта"},
      {"submitted", "сдана"},
      {"confirmed", "подтверждена"},
      {"done", "выполнена"},
      {"returned", "возвращена на доработку"},
      {"waived", "снята с контроля"},
      {"dated", "назначен срок"},
      {"rescheduled", "срок изменён"},
      {"cancelled", "отменена"},
      {"reinstated", "восстановлена"},
      {"reconciled", "сверена с планом"},
      {"untracked", "до начала учёта"},
      {"tracked", "снова на контроле"},
      {"notification queued", "уведомление поставлено в очередь"},
      {"notification suppressed", "уведомление не отправлено"},
      {"notification requeued", "уведомление отправлено повторно"},
      {"notification sent", "уведомление доставлено"},
      {"notification failed", "уведомление не доставлено"},
      {"flagged", "отмечена правилом"},
      {"event recorded", "записана дата события"},
      {"indicator reported", "сдано значение показателя"}};
  auto found = kTitles.find(event);
  return found == kTitles.end() ? event : found->second;
}

}  // namespace vekha
