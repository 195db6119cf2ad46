#include "workflows/monitoring_json.h"

#include <fmt/format.h>

namespace vekha {

namespace {

nlohmann::ordered_json Optional(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json IndicatorRowsJson(const std::vector<IndicatorRow>& rows) {
  nlohmann::ordered_json json = {{"indicators", nlohmann::ordered_json::array()}};
  for (const IndicatorRow& row : rows) {
    const Indicator& indicator = *row.indicator;
    nlohmann::ordered_json targets = nlohmann::ordered_json::object();
    for (const IndicatorTarget& target : indicator.targets) {
      targets[fmt::format("{}", target.year)] =
          target.positive_dynamics ? nlohmann::ordered_json("positive-dynamics") : Optional(target.value);
    }
    nlohmann::ordered_json entry = {{"id", indicator.id},
                                    {"title", indicator.title},
                                    {"unit", indicator.unit},
                                    {"better", indicator.lower_is_better ? "lower" : "higher"},
                                    {"level", indicator.per_organisation ? "organisation" : "municipality"},
                                    {"organisation", row.organisation ? row.organisation->id : ""},
                                    {"measured", indicator.measured},
                                    {"group", indicator.group},
                                    {"source", indicator.source},
                                    {"baseline", Optional(indicator.baseline)},
                                    {"targets", targets},
                                    {"years", nlohmann::ordered_json::array()}};
    for (const IndicatorYear& year : row.years) {
      entry["years"].push_back({{"year", year.year},
                                {"target", Optional(year.target)},
                                {"positive_dynamics", year.positive_dynamics},
                                {"actual", Optional(year.actual)},
                                {"verdict", IndicatorVerdictKey(year.verdict)},
                                {"due", FormatIsoDate(year.due)},
                                {"reported_at", year.reported_at},
                                {"reported_by", year.reported_by},
                                {"on_time", year.on_time ? nlohmann::ordered_json(*year.on_time) : nullptr},
                                {"change", Optional(year.change)}});
    }
    json["indicators"].push_back(std::move(entry));
  }
  return json;
}

nlohmann::ordered_json EventsJson(const Deployment& deployment, const std::vector<EventDate>& dates,
                                  const std::map<std::string, int>& waiting) {
  nlohmann::ordered_json json = {{"events", nlohmann::ordered_json::array()}};
  for (const EventDefinition& event : deployment.events) {
    auto count = waiting.find(event.id);
    nlohmann::ordered_json entry = {{"id", event.id},
                                    {"title", event.title},
                                    {"scope", event.per_organisation ? "organisation" : "municipality"},
                                    {"repeat", event.yearly ? "yearly" : "once"},
                                    {"waiting_tasks", count == waiting.end() ? 0 : count->second},
                                    {"dates", nlohmann::ordered_json::array()}};
    for (const EventDate& date : dates) {
      if (date.event != event.id) continue;
      entry["dates"].push_back({{"organisation", date.organisation},
                                {"key", date.key},
                                {"on", FormatIsoDate(date.on)},
                                {"person", date.person},
                                {"recorded_at", date.recorded_at},
                                {"note", date.note}});
    }
    json["events"].push_back(std::move(entry));
  }
  return json;
}

Status CountTasksWaitingForEvents(const Deployment& deployment, TaskStore& store, std::map<std::string, int>& waiting) {
  for (const Roadmap& roadmap : deployment.roadmaps) {
    for (const Activity& activity : roadmap.activities) {
      if (!activity.timing.event) continue;
      TaskQuery query;
      query.roadmap = roadmap.id;
      query.activity = activity.id;
      query.status = TaskStatus::kScheduled;
      std::vector<TaskRecord> tasks;
      if (Status status = store.ListTasks(query, tasks); !status.ok()) return status;
      int& count = waiting[activity.timing.event->event];
      for (const TaskRecord& task : tasks) count += task.due ? 0 : 1;
    }
  }
  return Status::Ok();
}

}  // namespace vekha
