// TaskService::WhyWaiting: the reason a task is not moving, read from the deployment and the
// stored tasks of the activities it depends on.
#include <fmt/format.h>

#include <algorithm>

#include "engine/russian_count.h"
#include "engine/text.h"
#include "workflows/outcome_text.h"
#include "workflows/predecessors.h"
#include "workflows/task_service.h"

namespace vekha {

namespace {

// The unfinished predecessors named in a sentence: at most this many, then «и ещё N».
constexpr size_t kNamedPredecessors = 3;

std::string DottedOrDash(const std::optional<Date>& date) { return date ? DottedDate(*date) : "без срока"; }

void AddPeople(std::vector<const Person*>& into, const std::vector<const Person*>& people) {
  for (const Person* person : people) {
    if (std::find(into.begin(), into.end(), person) == into.end()) into.push_back(person);
  }
}

}  // namespace

std::string_view WaitingKindName(Waiting::Kind kind) {
  switch (kind) {
    case Waiting::Kind::kNothing:
      return "nothing";
    case Waiting::Kind::kEvent:
      return "event";
    case Waiting::Kind::kDate:
      return "date";
    case Waiting::Kind::kPredecessors:
      return "predecessors";
    case Waiting::Kind::kOpensLater:
      return "opens-later";
    case Waiting::Kind::kResponse:
      return "response";
    case Waiting::Kind::kRework:
      return "rework";
    case Waiting::Kind::kConfirmation:
      return "confirmation";
    case Waiting::Kind::kUntracked:
      return "untracked";
  }
  return "nothing";
}

nlohmann::json WaitingJson(const Waiting& waiting) {
  nlohmann::json who = nlohmann::json::array();
  for (const Person* person : waiting.who) who.push_back(person->id);
  nlohmann::json predecessors = nlohmann::json::array();
  for (const TaskRecord& before : waiting.predecessors) predecessors.push_back(before.id);
  nlohmann::json json = {
      {"kind", WaitingKindName(waiting.kind)}, {"text", waiting.text}, {"who", who}, {"predecessors", predecessors}};
  if (waiting.opens) json["opens"] = FormatIsoDate(*waiting.opens);
  if (waiting.event != nullptr) json["event"] = waiting.event->id;
  return json;
}

Result<Waiting> TaskService::WhyWaiting(const TaskRecord& task) {
  Waiting waiting;
  const Activity* activity = ActivityOf(task);
  const Roadmap* roadmap = RoadmapOf(task);
  const Person* coordinator = roadmap ? deployment_.FindPerson(roadmap->coordinator) : nullptr;
  std::vector<const Person*> coordinators;
  if (coordinator != nullptr) coordinators.push_back(coordinator);
  bool undated_external = task.kind == Repeat::kExternal && !task.due;
  if (undated_external && (task.status == TaskStatus::kOpen || task.status == TaskStatus::kScheduled)) {
    waiting.kind = Waiting::Kind::kDate;
    waiting.who = coordinators;
    waiting.text = fmt::format("{} без срока: срок назначает координатор дорожной карты ({}).",
                               task.status == TaskStatus::kOpen ? "Открыта" : "Запланирована", PeopleText(waiting.who));
    return waiting;
  }
  switch (task.status) {
    case TaskStatus::kOpen:
      waiting.kind = Waiting::Kind::kResponse;
      waiting.who = ResponsibleFor(task);
      waiting.text = fmt::format("Ждёт ответа ответственных: {}.", PeopleText(waiting.who));
      return waiting;
    case TaskStatus::kReturned:
      waiting.kind = Waiting::Kind::kRework;
      waiting.who = ResponsibleFor(task);
      waiting.text = fmt::format("Возвращена на доработку: исправить и сдать снова — {}.", PeopleText(waiting.who));
      return waiting;
    case TaskStatus::kSubmitted:
      waiting.kind = Waiting::Kind::kConfirmation;
      waiting.who = ConfirmersOf(task);
      waiting.text = fmt::format("Сдана и ждёт подтверждения: {}.", PeopleText(waiting.who));
      return waiting;
    case TaskStatus::kUntracked:
      waiting.kind = Waiting::Kind::kUntracked;
      waiting.text =
          fmt::format("Срок прошёл до начала учёта ({}): задача не контролируется.",
                      deployment_.settings.tracking_from ? "с " + DottedDate(*deployment_.settings.tracking_from)
                                                         : "tracking_from");
      return waiting;
    case TaskStatus::kScheduled:
      break;
    default:
      return waiting;
  }
  if (activity == nullptr) return waiting;

  if (activity->timing.event && !task.due) {
    waiting.kind = Waiting::Kind::kEvent;
    waiting.event = deployment_.FindEvent(activity->timing.event->event);
    waiting.who = coordinators;
    waiting.text =
        fmt::format("Ждёт события «{}»: срок будет назначен, когда координатор ({}) запишет его дату.",
                    waiting.event ? waiting.event->title : activity->timing.event->event, PeopleText(waiting.who));
    return waiting;
  }

  std::vector<std::string> predecessor_activities = activity->depends_on;
  if (activity->timing.after) predecessor_activities.push_back(activity->timing.after->activity);
  std::vector<TaskRecord> stored;
  for (const std::string& predecessor : predecessor_activities) {
    TaskQuery query;
    query.roadmap = task.roadmap;
    query.activity = predecessor;
    std::vector<TaskRecord> found;
    if (Status status = store_.ListTasks(query, found); !status.ok()) return status;
    for (TaskRecord& each : found) stored.push_back(std::move(each));
  }
  TaskIndex index;
  for (TaskRecord& each : stored) index[{each.roadmap, each.activity}].push_back(&each);
  for (const std::string& predecessor : predecessor_activities) {
    for (const TaskRecord* before : PredecessorsOf(task, predecessor, index)) {
      bool listed = std::any_of(waiting.predecessors.begin(), waiting.predecessors.end(),
                                [&](const TaskRecord& each) { return each.id == before->id; });
      if (!ClearsDependents(before->status) && !listed) waiting.predecessors.push_back(*before);
    }
  }
  if (!waiting.predecessors.empty()) {
    waiting.kind = Waiting::Kind::kPredecessors;
    std::sort(waiting.predecessors.begin(), waiting.predecessors.end(),
              [](const TaskRecord& a, const TaskRecord& b) { return a.effective_due < b.effective_due; });
    std::vector<std::string> named;
    for (const TaskRecord& before : waiting.predecessors) {
      std::vector<const Person*> acting =
          before.status == TaskStatus::kSubmitted ? ConfirmersOf(before) : ResponsibleFor(before);
      AddPeople(waiting.who, acting);
      if (named.size() == kNamedPredecessors) continue;
      const Activity* before_activity = ActivityOf(before);
      const Organisation* organisation = deployment_.FindOrganisation(before.organisation);
      named.push_back(
          fmt::format("«{}» ({}, срок {}, {}; {}: {})", before_activity ? before_activity->title : before.activity,
                      organisation ? organisation->name : before.organisation, DottedOrDash(before.effective_due),
                      TaskStatusTitle(before.status),
                      before.status == TaskStatus::kSubmitted ? "подтверждает" : "отвечает", PeopleText(acting)));
    }
    size_t more = waiting.predecessors.size() - named.size();
    waiting.text = fmt::format("Откроется, когда будут завершены: {}{}.", fmt::join(named, "; "),
                               more > 0 ? fmt::format(" и ещё {}", CountOf(more, nouns::kTasks)) : "");
    return waiting;
  }
  waiting.kind = Waiting::Kind::kOpensLater;
  waiting.opens = task.opens;
  waiting.who = ResponsibleFor(task);
  waiting.text = fmt::format("Откроется {}; отвечает: {}.", DottedDate(task.opens), PeopleText(waiting.who));
  return waiting;
}

}  // namespace vekha
