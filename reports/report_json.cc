// The report as JSON: every figure of the Report, dates in ISO form, rates as fractions.
#include <nlohmann/json.hpp>

#include "reports/render.h"

namespace vekha::reports {

namespace {

using Json = nlohmann::ordered_json;

Json IsoOrNull(const std::optional<Date>& date) { return date ? Json(FormatIsoDate(*date)) : Json(nullptr); }

Json TallyJson(const Tally& tally) {
  std::optional<double> rate = tally.OnTimeRate();
  return Json{{"total", tally.total()},
              {"on_time", tally.on_time},
              {"late", tally.late},
              {"overdue", tally.overdue},
              {"waived", tally.waived},
              {"open", tally.open},
              {"on_time_rate", rate ? Json(*rate) : Json(nullptr)},
              {"average_delay_working_days", tally.AverageDelay()},
              {"worst_delay_working_days", tally.worst_delay_days}};
}

}  // namespace

std::string RenderJson(const Report& report) {
  Json json;
  json["title"] = kReportTitle;
  json["department"] = report.department;
  json["from"] = FormatIsoDate(report.options.from);
  json["to"] = FormatIsoDate(report.options.to);
  json["as_of"] = FormatIsoDate(report.options.as_of);
  if (!report.options.roadmap.empty()) json["roadmap"] = report.options.roadmap;
  if (!report.options.organisation.empty()) json["organisation"] = report.options.organisation;
  json["summary"] = TallyJson(report.total);
  json["roadmaps"] = Json::array();
  for (const RoadmapLine& line : report.roadmaps) {
    json["roadmaps"].push_back(
        {{"id", line.roadmap}, {"title", line.title}, {"source", line.source}, {"tally", TallyJson(line.tally)}});
  }
  json["activities"] = Json::array();
  for (const ActivityLine& line : report.activities) {
    json["activities"].push_back({{"roadmap", line.roadmap},
                                  {"activity", line.activity},
                                  {"title", line.activity_title},
                                  {"organisation", line.organisation},
                                  {"organisation_name", line.organisation_name},
                                  {"tally", TallyJson(line.tally)}});
  }
  json["tasks"] = Json::array();
  for (const TaskLine& line : report.tasks) {
    json["tasks"].push_back({{"id", line.task.id},
                             {"roadmap", line.task.roadmap},
                             {"activity", line.task.activity},
                             {"organisation", line.task.organisation},
                             {"period", line.task.key},
                             {"status", TaskStatusName(line.task.status)},
                             {"due", IsoOrNull(line.task.effective_due)},
                             {"handed_in", IsoOrNull(line.handed_in)},
                             {"outcome", OutcomeName(line.outcome)},
                             {"delay_working_days", line.delay_days}});
  }
  json["indicators"] = Json::array();
  for (const IndicatorLine& line : report.indicators) {
    std::optional<bool> met = line.Met();
    json["indicators"].push_back({{"roadmap", line.roadmap},
                                  {"activity", line.activity_title},
                                  {"organisation", line.organisation_name},
                                  {"period", line.period_key},
                                  {"indicator", line.indicator},
                                  {"unit", line.unit},
                                  {"value", line.value},
                                  {"target", line.target ? Json(*line.target) : Json(nullptr)},
                                  {"better", line.lower_is_better ? "lower" : "higher"},
                                  {"met", met ? Json(*met) : Json(nullptr)},
                                  {"reported_on", IsoOrNull(line.reported_on)}});
  }
  json["targets"] = Json::array();
  for (const TargetLine& line : report.targets) {
    json["targets"].push_back({{"indicator", line.indicator},
                               {"title", line.title},
                               {"unit", line.unit},
                               {"organisation", line.organisation},
                               {"year", line.year},
                               {"target", line.target ? Json(*line.target) : Json(nullptr)},
                               {"positive_dynamics", line.positive_dynamics},
                               {"better", line.lower_is_better ? "lower" : "higher"},
                               {"actual", line.actual ? Json(*line.actual) : Json(nullptr)},
                               {"verdict", line.verdict},
                               {"on_time", line.on_time ? Json(*line.on_time) : Json(nullptr)}});
  }
  if (report.signatory)
    json["signatory"] = {{"position", report.signatory->position}, {"name", report.signatory->name}};
  if (report.executor) {
    json["executor"] = {
        {"name", report.executor->name}, {"phone", report.executor->phone}, {"email", report.executor->email}};
  }
  // Text that is not UTF-8 becomes U+FFFD rather than an exception that would abort the report.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace vekha::reports
