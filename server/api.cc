// The JSON API: the same tasks, history and actions as the pages, for scripts and other systems.
// Errors are {"error": "…"} with the HTTP status the pages would give.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/json_body.h"
#include "server/web_app.h"
#include "workflows/audit_description.h"

namespace vekha::server {

namespace {

nlohmann::json TaskObject(Site& site, const TaskRecord& task, const Date& today) {
  nlohmann::json json = nlohmann::json::parse(TaskJson(task));
  json["title"] = site.ActivityTitle(task);
  json["organisation_name"] = site.OrganisationName(task.organisation);
  json["overdue"] = IsOverdue(task, today);
  json["link"] = site.TaskLink(task.id);
  if (Result<Waiting> waiting = site.service().WhyWaiting(task);
      waiting.ok() && waiting->kind != Waiting::Kind::kNothing)
    json["waiting"] = WaitingJson(*waiting);
  return json;
}

nlohmann::json EntryObject(const AuditEntry& entry) {
  return {{"seq", entry.seq},      {"at", entry.at},
          {"actor", entry.actor},  {"event", entry.event},
          {"task", entry.task_id}, {"details", nlohmann::json::parse(entry.details, nullptr, false)},
          {"hash", entry.hash},    {"description", DescribeAuditDetails(entry.details)}};
}

}  // namespace

HttpResponse WebApp::Api(const Call& call, std::string_view path) {
  const Person& person = call.person();
  Date today = site_.Today();
  if (path == "/api/me") {
    nlohmann::json roles = nlohmann::json::array();
    for (const RoleAssignment& role : person.roles)
      roles.push_back({{"role", role.role}, {"at", role.at}, {"of", role.of}});
    return HttpResponse::Json(200, JsonBody({{"person", person.id},
                                             {"name", person.name},
                                             {"roles", roles},
                                             {"sees_everything", site_.policy().SeesEverything(person)},
                                             {"auditor", IsAuditor(person)}}));
  }
  if (path == "/api/tasks") {
    TaskFilter filter;
    filter.roadmap = FieldValue(call.query, "roadmap");
    filter.organisation = FieldValue(call.query, "organisation");
    if (std::string status = FieldValue(call.query, "status"); !status.empty()) {
      filter.status = ParseTaskStatus(status);
      if (!filter.status) return HttpResponse::JsonError(400, fmt::format("unknown status «{}»", status));
    }
    filter.overdue = FieldValue(call.query, "overdue") == "true" || FieldValue(call.query, "overdue") == "1";
    filter.unfinished = FieldValue(call.query, "unfinished") == "true" || FieldValue(call.query, "unfinished") == "1";
    std::vector<TaskRecord> tasks;
    if (Status status = site_.VisibleTasks(person, filter, tasks); !status.ok())
      return HttpResponse::JsonError(status.meaning().http_status, status.message());
    nlohmann::json list = nlohmann::json::array();
    for (const TaskRecord& task : tasks) list.push_back(TaskObject(site_, task, today));
    return HttpResponse::Json(200, JsonBody(list));
  }
  if (path.starts_with("/api/tasks/")) {
    std::string id(path.substr(11));
    std::optional<TaskRecord> task;
    if (Status status = site_.FindVisible(person, id, task); !status.ok())
      return HttpResponse::JsonError(status.meaning().http_status, status.message());
    if (!task) return HttpResponse::JsonError(404, fmt::format("no task «{}» you may see", id));
    std::vector<Submission> submissions;
    std::vector<AuditEntry> history;
    HistoryQuery query;
    query.task_id = task->id;
    if (Status status = site_.store().SubmissionsOf(task->id, submissions); !status.ok())
      return HttpResponse::JsonError(status.meaning().http_status, status.message());
    if (Status status = site_.store().History(query, history); !status.ok())
      return HttpResponse::JsonError(status.meaning().http_status, status.message());
    nlohmann::json json = TaskObject(site_, *task, today);
    json["submissions"] = nlohmann::json::array();
    for (const Submission& submission : submissions) {
      nlohmann::json files = nlohmann::json::array();
      for (const EvidenceFile& file : submission.files) {
        files.push_back({{"deliverable", file.deliverable},
                         {"name", file.original_name},
                         {"sha256", file.sha256},
                         {"size", file.size},
                         {"media_type", file.media_type},
                         {"url", fmt::format("/evidence/{}?task={}", file.sha256, task->id)}});
      }
      nlohmann::json values = nlohmann::json::array();
      for (const ReportedValue& value : submission.values) {
        values.push_back({{"name", value.name}, {"value", value.value}, {"unit", value.unit}});
      }
      json["submissions"].push_back({{"id", submission.id},
                                     {"person", submission.person},
                                     {"at", submission.at},
                                     {"comment", submission.comment},
                                     {"files", files},
                                     {"values", values}});
    }
    json["history"] = nlohmann::json::array();
    for (const AuditEntry& entry : history) json["history"].push_back(EntryObject(entry));
    const AccessPolicy& policy = site_.policy();
    json["may"] = {{"submit", policy.MaySubmit(person, *task)},
                   {"decide", policy.MayDecide(person, *task)},
                   {"manage", policy.MayManage(person, *task)}};
    return HttpResponse::Json(200, JsonBody(json));
  }
  if (path == "/api/history") {
    if (FieldValue(call.query, "format") == "csv") return HistoryCsv(call);
    std::vector<AuditEntry> entries;
    if (Status status = site_.History(person, HistoryFilterOf(call), entries); !status.ok()) {
      return HttpResponse::JsonError(status.meaning().http_status, status.message());
    }
    nlohmann::json list = nlohmann::json::array();
    for (const AuditEntry& entry : entries) list.push_back(EntryObject(entry));
    return HttpResponse::Json(200, JsonBody(list));
  }
  if (path == "/api/calendar") return HttpResponse::Json(200, JsonBody({{"url", FeedUrl(person.id)}}));
  return HttpResponse::JsonError(404, fmt::format("no API at {}", path));
}

HttpResponse WebApp::ApiAction(const Call& call, const std::string& id, Verb verb, const FormData& form) {
  std::optional<TaskRecord> task;
  if (Status status = site_.FindVisible(call.person(), id, task); !status.ok())
    return HttpResponse::JsonError(status.meaning().http_status, status.message());
  if (!task) return HttpResponse::JsonError(404, fmt::format("no task «{}» you may see", id));
  ActionResult result = site_.Act(call.person(), call.request.remote_address, *task, verb, form);
  if (result.status != 200) return HttpResponse::JsonError(result.status, result.message);
  std::optional<TaskRecord> after;
  if (Status status = site_.FindVisible(call.person(), task->id, after); !status.ok() || !after) {
    return HttpResponse::Json(200, JsonBody({{"message", result.message}}));
  }
  return HttpResponse::Json(
      200, JsonBody({{"message", result.message}, {"task", TaskObject(site_, *after, site_.Today())}}));
}

}  // namespace vekha::server
