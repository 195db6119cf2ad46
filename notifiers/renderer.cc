#include "notifiers/renderer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/message_template.h"

namespace vekha::notifiers {

namespace {

template <typename Item>
const Item* FindById(const std::vector<Item>& items, const std::string& id) {
  for (const Item& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

// The page «Показатели» of a year, on the server the task link points at: the link template up to
// its «/tasks/» path; empty when the template has none.
std::string IndicatorsLink(const std::string& task_link, const std::string& year) {
  size_t path = task_link.find("/tasks/");
  return path == std::string::npos ? "" : fmt::format("{}/indicators?year={}", task_link.substr(0, path), year);
}

}  // namespace

Message RenderMessage(const Deployment& deployment, const OutboxMessage& outbox, const Date& today) {
  nlohmann::json payload = nlohmann::json::parse(outbox.payload, nullptr, false);
  auto field = [&](const char* key) {
    return payload.is_object() && payload.contains(key) && payload[key].is_string() ? payload[key].get<std::string>()
                                                                                    : std::string();
  };
  Message message;
  message.outbox = outbox;
  const Person* person = deployment.FindPerson(outbox.recipient);
  message.recipient_name = person != nullptr ? person->name : outbox.recipient;
  message.recipient_email = person != nullptr ? person->email : "";

  std::map<std::string, std::string> values;
  values["recipient"] = message.recipient_name;
  values["task"] = outbox.task_id;
  values["rule"] = field("title");
  values["period"] = field("key");
  const Roadmap* roadmap = FindById(deployment.roadmaps, field("roadmap"));
  values["roadmap"] = roadmap != nullptr ? roadmap->title : field("roadmap");
  const Activity* activity = roadmap != nullptr ? FindById(roadmap->activities, field("activity")) : nullptr;
  values["activity"] = activity != nullptr ? activity->title : field("activity");
  const Organisation* organisation = deployment.FindOrganisation(field("organisation"));
  values["organisation"] = organisation != nullptr ? organisation->name : field("organisation");
  std::optional<Date> due = ParseIsoDate(field("effective_due"));
  values["due"] = due ? DottedDate(*due) : "не назначен";
  int days = due ? DaysBetween(today, *due) : 0;
  values["days_left"] = std::to_string(std::max(0, days));
  values["days_late"] = std::to_string(std::max(0, -days));
  const std::string& link = deployment.settings.notifications.link;
  if (std::string indicator = field("indicator"); !indicator.empty()) {
    // An indicator rule's message: about an indicator's year, not a task.
    values["indicator"] = values["activity"] = field("indicator_title");
    values["target"] = field("target");
    values["actual"] = field("actual");
    values["unit"] = field("unit");
    if (organisation == nullptr) values["organisation"] = "муниципальный показатель";
    message.link = IndicatorsLink(link, values["period"]);
    values["link"] = message.link.empty() ? fmt::format("vekha indicators --year {}", values["period"]) : message.link;
  } else {
    message.link = link.empty() ? "" : FillTemplate(link, {{"task", outbox.task_id}});
    values["link"] = message.link.empty()
                         ? fmt::format("задача {} (vekha explain-task {})", outbox.task_id, outbox.task_id)
                         : message.link;
  }

  const std::map<std::string, MessageTemplate>& templates = deployment.settings.notifications.templates;
  auto found = templates.find(outbox.template_id);
  if (found == templates.end()) found = templates.find(kFallbackTemplate);
  if (found == templates.end()) {
    message.subject = fmt::format("Vekha: {} — {}", values["rule"], values["activity"]);
    message.body = fmt::format("{}: {} ({}), срок {}.\n{}\n", values["rule"], values["activity"],
                               values["organisation"], values["due"], values["link"]);
    return message;
  }
  message.subject = FillTemplate(found->second.subject, values);
  std::replace(message.subject.begin(), message.subject.end(), '\n', ' ');  // a header is one line
  message.body = FillTemplate(found->second.body, values);
  return message;
}

}  // namespace vekha::notifiers
