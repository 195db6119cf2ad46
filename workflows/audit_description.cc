#include "workflows/audit_description.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace vekha {

std::string DescribeAuditDetails(const std::string& details_json) {
  nlohmann::json details = nlohmann::json::parse(details_json, nullptr, false);
  if (details.is_discarded()) return "";
  std::vector<std::string> parts;
  if (details.contains("before") && details.contains("after")) {
    const nlohmann::json& before = details["before"];
    const nlohmann::json& after = details["after"];
    if (before["status"] != after["status"])
      parts.push_back(fmt::format("{} → {}", before["status"].get<std::string>(), after["status"].get<std::string>()));
    if (before["effective_due"] != after["effective_due"])
      parts.push_back(fmt::format("срок {} → {}", before["effective_due"].dump(), after["effective_due"].dump()));
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
  for (const char* key : {"change", "reason", "comment", "note"}) {
    if (details.contains(key) && details[key].is_string() && !details[key].get<std::string>().empty()) {
      parts.push_back(details[key].get<std::string>());
    }
  }
  if (details.contains("files")) {
    for (const nlohmann::json& file : details["files"]) {
      parts.push_back(fmt::format("файл «{}» для «{}», sha256 {}, {} байт", file["name"].get<std::string>(),
                                  file["deliverable"].get<std::string>(), file["sha256"].get<std::string>(),
                                  file["size"].get<int64_t>()));
    }
  }
  if (details.contains("values")) {
    for (const nlohmann::json& value : details["values"]) {
      parts.push_back(fmt::format("«{}» = {} {}", value["name"].get<std::string>(), value["value"].get<double>(),
                                  value["unit"].get<std::string>()));
    }
  }
  if (details.contains("origin") && details["origin"].is_string()) {
    parts.push_back(fmt::format("источник: {}", details["origin"].get<std::string>()));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace vekha
