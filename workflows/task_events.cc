// What the roadmaps monitor, on the TaskService: RecordEvent and the sync step that dates tasks
// counting from events (by the rules of event_dating.h), and RecordIndicator.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "workflows/event_dating.h"
#include "workflows/indicator_status.h"
#include "workflows/input_checks.h"
#include "workflows/task_service.h"

namespace vekha {

Result<ActionOutcome> TaskService::RecordEvent(const std::string& event_id, const std::string& organisation,
                                               const Date& on, const std::string& person_id, const std::string& note) {
  Status status;
  const Person* person = FindActor(person_id, status);
  if (person == nullptr) return status;
  const EventDefinition* event = deployment_.FindEvent(event_id);
  if (event == nullptr) {
    std::vector<std::string> ids;
    for (const EventDefinition& each : deployment_.events) ids.push_back(each.id);
    return Status::NotFound(fmt::format("нет события «{}»; события развёртывания: {}", event_id,
                                        ids.empty() ? "нет" : fmt::format("{}", fmt::join(ids, ", "))));
  }
  if (!policy_.MayRecordEvents(*person))
    return Status::Forbidden(
        fmt::format("{} не координирует ни одной дорожной карты: события записывают координаторы", person->name));
  if (event->per_organisation && deployment_.FindOrganisation(organisation) == nullptr) {
    return Status::Error(
        organisation.empty()
            ? fmt::format("событие «{}» бывает в каждой организации: укажите организацию (--org)", event->title)
            : fmt::format("нет организации «{}»", organisation));
  }
  if (!event->per_organisation && !organisation.empty()) {
    return Status::Error(
        fmt::format("событие «{}» — общее для муниципалитета: организацию не указывают", event->title));
  }
  if (Status reach = WithinReach(on, Today(), "--on"); !reach.ok()) return reach;
  if (Status typed = RequireUtf8(note, "примечание"); !typed.ok()) return typed;

  EventDate date{event->id, organisation, EventKeyOf(*event, on), on, person->id, "", note};
  auto transaction = store_.BeginWrite();
  std::optional<Date> before;
  for (const EventDate& recorded : transaction->EventDates(event->id)) {
    if (recorded.organisation == organisation && recorded.key == date.key) before = recorded.on;
  }
  transaction->RecordEventDate(date);
  nlohmann::json details = {
      {"event", event->id}, {"organisation", organisation}, {"key", date.key}, {"on", FormatIsoDate(on)}};
  if (before) details["previous"] = FormatIsoDate(*before);
  if (!note.empty()) details["note"] = note;
  if (!origin_.empty()) details["origin"] = origin_;
  transaction->Audit(person->id, "event recorded", "", details.dump());
  if (Status committed = transaction->Commit(); !committed.ok()) return committed;
  ActionOutcome outcome;
  outcome.kind = ActionOutcome::Kind::kEventRecorded;
  outcome.subject = event->title;
  outcome.where = organisation.empty() ? nullptr : deployment_.FindOrganisation(organisation);
  outcome.on = on;
  outcome.replaced = before;
  return outcome;
}

Result<ActionOutcome> TaskService::RecordIndicator(const std::string& indicator_id, const std::string& organisation,
                                                   int year, double value, const std::string& person_id,
                                                   const std::string& comment) {
  Status status;
  const Person* person = FindActor(person_id, status);
  if (person == nullptr) return status;
  const Indicator* indicator = deployment_.FindIndicator(indicator_id);
  if (indicator == nullptr) return Status::NotFound(fmt::format("нет показателя «{}»", indicator_id));
  if (indicator->per_organisation && organisation.empty()) {
    return Status::Error(
        fmt::format("показатель «{}» измеряется в каждой организации: укажите организацию (--org)", indicator->title));
  }
  if (!indicator->per_organisation && !organisation.empty()) {
    return Status::Error(fmt::format("показатель «{}» — муниципальный: организацию не указывают", indicator->title));
  }
  if (!organisation.empty()) {
    std::vector<const Organisation*> covered = OrganisationsOf(deployment_, *indicator);
    if (std::none_of(covered.begin(), covered.end(),
                     [&](const Organisation* each) { return each->id == organisation; })) {
      return Status::Error(fmt::format("показатель «{}» не измеряется в «{}»", indicator->title, organisation));
    }
  }
  if (!policy_.MayReportAt(*person, organisation)) {
    return Status::Forbidden(
        fmt::format("{} не может сообщать значение «{}»{}: его сообщает координатор или сотрудник организации",
                    person->name, indicator->title, organisation.empty() ? "" : " в " + organisation));
  }
  if (std::abs(year - YearOf(Today())) > kYearsWithinReach) {
    return Status::Error(
        fmt::format("{} год дальше {} лет от сегодняшнего дня: проверьте год", year, kYearsWithinReach));
  }
  if (Status typed = RequireUtf8(comment, "комментарий"); !typed.ok()) return typed;
  auto transaction = store_.BeginWrite();
  int64_t id = transaction->RecordIndicatorValue(
      IndicatorValue{0, indicator->id, organisation, fmt::format("{}", year), value, person->id, "", "", comment});
  nlohmann::json details = {{"indicator", indicator->id},
                            {"organisation", organisation},
                            {"period", fmt::format("{}", year)},
                            {"value", value},
                            {"value_id", id}};
  if (!comment.empty()) details["comment"] = comment;
  if (!origin_.empty()) details["origin"] = origin_;
  transaction->Audit(person->id, "indicator reported", "", details.dump());
  if (Status committed = transaction->Commit(); !committed.ok()) return committed;
  ActionOutcome outcome;
  outcome.kind = ActionOutcome::Kind::kIndicatorReported;
  outcome.subject = indicator->title;
  outcome.where = organisation.empty() ? nullptr : deployment_.FindOrganisation(organisation);
  outcome.year = year;
  outcome.value = value;
  outcome.unit = indicator->unit;
  return outcome;
}

void TaskService::DateFromEvents(TaskStore::Transaction& transaction, SyncSummary& summary) {
  if (deployment_.events.empty()) return;
  std::vector<EventDate> dates = transaction.EventDates("");
  // Days implied by finished tasks of an event's `implied_by` activity, where none was recorded.
  for (const EventDefinition& event : deployment_.events) {
    if (event.implied_by_activity.empty()) continue;
    TaskQuery implying;
    implying.roadmap = event.implied_by_roadmap;
    implying.activity = event.implied_by_activity;
    for (const TaskRecord& task : transaction.Tasks(implying)) {
      if (!IsFinished(task.status) || task.status == TaskStatus::kWaived || !task.finished_on) continue;
      EventDate implied{event.id,
                        event.per_organisation ? task.organisation : "",
                        EventKeyOf(event, *task.finished_on),
                        *task.finished_on,
                        "vekha",
                        "",
                        ""};
      bool recorded = std::any_of(dates.begin(), dates.end(), [&](const EventDate& date) {
        return date.event == implied.event && date.organisation == implied.organisation && date.key == implied.key &&
               date.person != "vekha";
      });
      if (!recorded) dates.push_back(std::move(implied));
    }
  }
  for (const Roadmap& roadmap : deployment_.roadmaps) {
    for (const Activity& activity : roadmap.activities) {
      if (!activity.timing.event) continue;
      const EventDefinition* event = deployment_.FindEvent(activity.timing.event->event);
      if (event == nullptr) continue;
      TaskQuery query;
      query.roadmap = roadmap.id;
      query.activity = activity.id;
      for (const TaskRecord& task : transaction.Tasks(query)) {
        if (HasWork(task.status) || task.status == TaskStatus::kCancelled) continue;
        std::optional<Date> day = EventDayFor(*event, task, dates);
        if (!day) continue;
        const EventAnchor& anchor = *activity.timing.event;
        TaskRecord dated = task;
        dated.due = EventDeadline(anchor, *day, deployment_.calendar);
        // Before an event the deadline moves back off a day off, so it stays before the event.
        dated.effective_due =
            deployment_.calendar.Shift(*dated.due, anchor.before ? ShiftPolicy::kPrevious : ShiftFor(task));
        if (!anchor.before) dated.opens = *day;
        if (*dated.due < dated.opens) dated.opens = *dated.due;
        if (dated.status == TaskStatus::kOpen && Today() < dated.opens) dated.status = TaskStatus::kScheduled;
        if (dated.opens == task.opens && dated.due == task.due && dated.effective_due == task.effective_due) continue;
        transaction.UpdateTask(dated);
        nlohmann::json change = {
            {"change", fmt::format("deadline from the event «{}» on {}", event->id, FormatIsoDate(*day))}};
        transaction.Audit("vekha", "dated", task.id, TransitionJson(change.dump(), task, dated));
        ++summary.dated;
      }
    }
  }
}

}  // namespace vekha
