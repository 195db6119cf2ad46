// TaskService: resolving tasks, permissions and the lifecycle transitions. Sync is in task_sync.cc.
#include "workflows/task_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/json_text.h"
#include "engine/planner.h"
#include "engine/russian_count.h"
#include "engine/text.h"
#include "workflows/access_policy.h"
#include "workflows/event_dating.h"
#include "workflows/input_checks.h"
#include "workflows/outcome_text.h"

namespace vekha {

namespace {

// «подходит к 2 задачам», «к 21 задаче».
constexpr NounForms kTasksDative{"задаче", "задачам", "задачам"};

std::string Names(const std::vector<const Person*>& people) { return PeopleText(people); }

bool Contains(const std::vector<const Person*>& people, const Person& person) {
  return std::find(people.begin(), people.end(), &person) != people.end();
}

std::string DeliverableList(const Activity& activity, Deliverable::Kind kind) {
  std::vector<std::string> items;
  for (size_t i = 0; i < activity.deliverables.size(); ++i) {
    if (activity.deliverables[i].kind == kind)
      items.push_back(fmt::format("{}: «{}»", i + 1, activity.deliverables[i].title));
  }
  return fmt::format("{}", fmt::join(items, "; "));
}

}  // namespace

std::string TaskJson(const TaskRecord& task) {
  // Written by hand for speed (a sync writes one per task); the keys are in sorted order so the
  // text is canonical JSON, as the audit log requires.
  auto text = [](const std::string& value) { return JsonString(value); };
  auto date = [](const std::optional<Date>& value) {
    return value ? fmt::format("\"{}\"", FormatIsoDate(*value)) : std::string("null");
  };
  return fmt::format(
      R"({{"activity":{},"due":{},"effective_due":{},"finished_on":{},"id":{},"key":{},"kind":"{}","opens":"{}",)"
      R"("organisation":{},"origin":"{}","roadmap":{},"status":"{}"}})",
      text(task.activity), date(task.due), date(task.effective_due), date(task.finished_on), text(task.id),
      text(task.key), RepeatName(task.kind), FormatIsoDate(task.opens), text(task.organisation),
      task.origin == TaskOrigin::kManual ? "manual" : "plan", text(task.roadmap), TaskStatusName(task.status));
}

std::string SubmittedJson(int64_t submission_id, const Submission& submission) {
  nlohmann::json details = {{"submission", submission_id}, {"comment", submission.comment}};
  details["files"] = nlohmann::json::array();
  for (const EvidenceFile& file : submission.files) {
    details["files"].push_back({{"deliverable", file.deliverable},
                                {"sha256", file.sha256},
                                {"size", file.size},
                                {"name", file.original_name},
                                {"media_type", file.media_type}});
  }
  details["values"] = nlohmann::json::array();
  for (const ReportedValue& value : submission.values) {
    details["values"].push_back({{"name", value.name}, {"value", value.value}, {"unit", value.unit}});
  }
  return details.dump();
}

std::string TransitionJson(const std::string& details_json, const TaskRecord& before, const TaskRecord& after,
                           const std::string& origin) {
  nlohmann::json details = nlohmann::json::parse(details_json);
  if (!origin.empty()) details["origin"] = origin;
  details["before"] = nlohmann::json::parse(TaskJson(before));
  details["after"] = nlohmann::json::parse(TaskJson(after));
  return details.dump();
}

TaskService::TaskService(const Deployment& deployment, TaskStore& store, const EvidenceSink& evidence,
                         const Clock& clock, size_t batch_size)
    : deployment_(deployment),
      store_(store),
      evidence_(evidence),
      clock_(clock),
      policy_(deployment, *this),
      batch_size_(batch_size) {}

Date TaskService::Today() const { return LocalToday(clock_, deployment_.settings.time_zone); }

ShiftPolicy TaskService::ShiftFor(const TaskRecord& task) const {
  const Roadmap* roadmap = RoadmapOf(task);
  const Activity* activity = ActivityOf(task);
  if (activity != nullptr && activity->timing.shift) return *activity->timing.shift;
  if (roadmap != nullptr && roadmap->shift) return *roadmap->shift;
  return deployment_.settings.shift;
}

const Roadmap* TaskService::RoadmapOf(const TaskRecord& task) const { return deployment_.FindRoadmap(task.roadmap); }

const Activity* TaskService::ActivityOf(const TaskRecord& task) const {
  return deployment_.FindActivity(task.roadmap, task.activity);
}

std::vector<const Person*> TaskService::ResponsibleFor(const TaskRecord& task) const {
  std::vector<const Person*> people;
  const Activity* activity = ActivityOf(task);
  const Organisation* organisation = deployment_.FindOrganisation(task.organisation);
  if (activity == nullptr || organisation == nullptr) return people;
  for (const PartyRef& party : activity->responsible) {
    for (const Person* person : ResolveParty(deployment_, party, *organisation)) {
      if (!Contains(people, *person)) people.push_back(person);
    }
  }
  return people;
}

std::vector<const Person*> TaskService::ConfirmersOf(const TaskRecord& task) const {
  const Activity* activity = ActivityOf(task);
  const Organisation* organisation = deployment_.FindOrganisation(task.organisation);
  if (activity == nullptr || organisation == nullptr || !activity->confirmer) return {};
  return ResolveParty(deployment_, *activity->confirmer, *organisation);
}

const Person* TaskService::FindActor(const std::string& id, Status& status) const {
  const Person* person = deployment_.FindPerson(id);
  if (person == nullptr) {
    status = Status::NotFound(fmt::format("нет человека «{}»", id));
  } else if (IsAuditor(*person)) {
    status = Status::Forbidden(
        fmt::format("{} — аудитор: аудитор просматривает историю и ничего не изменяет", person->name));
    return nullptr;
  }
  return person;
}

Status TaskService::Resolve(const std::string& text, TaskRecord& task) {
  std::string prefix = NormalizeTaskId(text);
  if (prefix.size() < 4) return Status::Error(fmt::format("«{}»: укажите не меньше 4 знаков номера задачи", text));
  std::vector<TaskRecord> found;
  if (Status status = store_.FindTasksByPrefix(prefix, found); !status.ok()) return status;
  if (found.empty()) return Status::NotFound(fmt::format("нет задачи «{}»; список задач выводит `vekha tasks`", text));
  if (found.size() > 1) {
    std::vector<std::string> ids;
    for (const TaskRecord& candidate : found) ids.push_back(candidate.id);
    if (ids.size() > 5) ids.resize(5);
    return Status::Error(fmt::format("«{}» подходит к {} ({}…): укажите больше знаков", text,
                                     CountOf(found.size(), kTasksDative), fmt::join(ids, ", ")));
  }
  task = found.front();
  return Status::Ok();
}

Status TaskService::Reload(TaskStore::Transaction& transaction, TaskRecord& task) const {
  std::optional<TaskRecord> current = transaction.FindTask(task.id);
  if (!transaction.status().ok()) return transaction.status();
  if (!current) return Status::Conflict(fmt::format("задача {} исчезла из базы", task.id));
  if (current->status != task.status) {
    return Status::Conflict(fmt::format("задачу {} тем временем изменили (теперь она {}); повторите действие", task.id,
                                        TaskStatusTitle(current->status)));
  }
  task = *current;
  return Status::Ok();
}

Status TaskService::Finish(TaskStore::Transaction& transaction, const TaskRecord& before, TaskRecord after,
                           const std::string& actor, const std::string& event, const std::string& details_json) {
  transaction.UpdateTask(after);
  transaction.Audit(actor, event, after.id, TransitionJson(details_json, before, after, origin_));
  return transaction.Commit();
}

Status TaskService::CollectEvidence(const SubmitRequest& request, const Activity& activity,
                                    Submission& submission) const {
  // Validate every argument before storing anything.
  std::vector<std::pair<const Deliverable*, const SubmittedFile*>> files;
  for (const SubmittedFile& file : request.files) {
    const Deliverable* deliverable = nullptr;
    if (!file.deliverable.empty()) {
      deliverable = FindDeliverable(activity, file.deliverable);
      if (deliverable == nullptr) {
        return Status::Error(fmt::format("«{}» — не документ этого мероприятия; документы: {}", file.deliverable,
                                         DeliverableList(activity, Deliverable::Kind::kDocument)));
      }
    } else {
      std::vector<const Deliverable*> documents;
      for (const Deliverable& candidate : activity.deliverables) {
        if (candidate.kind == Deliverable::Kind::kDocument) documents.push_back(&candidate);
      }
      if (documents.size() != 1) {
        return Status::Error(fmt::format("укажите, к какому документу относится «{}»: {}", file.path,
                                         documents.empty() ? "мероприятие не требует документов"
                                                           : DeliverableList(activity, Deliverable::Kind::kDocument)));
      }
      deliverable = documents.front();
    }
    if (deliverable->kind != Deliverable::Kind::kDocument) {
      return Status::Error(fmt::format("«{}» — показатель: укажите его значение", deliverable->title));
    }
    if (!std::filesystem::is_regular_file(file.path)) return Status::Error(fmt::format("нет файла «{}»", file.path));
    files.emplace_back(deliverable, &file);
  }
  for (const SubmittedValue& reported : request.values) {
    const Deliverable* deliverable = FindDeliverable(activity, reported.indicator);
    if (deliverable == nullptr || deliverable->kind != Deliverable::Kind::kIndicator) {
      return Status::Error(fmt::format("«{}» — не показатель этого мероприятия; показатели: {}", reported.indicator,
                                       DeliverableList(activity, Deliverable::Kind::kIndicator)));
    }
    std::optional<double> value = ParseDecimal(reported.value);
    if (!value) {
      return Status::Error(fmt::format("«{}»: для «{}» нужно число{}", reported.value, deliverable->title,
                                       deliverable->unit.empty() ? "" : " в единицах «" + deliverable->unit + "»"));
    }
    submission.values.push_back({deliverable->title, *value, deliverable->unit});
  }
  std::vector<std::string> missing;
  for (const Deliverable& deliverable : activity.deliverables) {
    bool given =
        deliverable.kind == Deliverable::Kind::kDocument
            ? std::any_of(files.begin(), files.end(), [&](const auto& file) { return file.first == &deliverable; })
            : std::any_of(submission.values.begin(), submission.values.end(),
                          [&](const ReportedValue& value) { return value.name == deliverable.title; });
    if (!given) missing.push_back(fmt::format("«{}»", deliverable.title));
  }
  if (!missing.empty() && !activity.allow_partial) {
    return Status::Error(fmt::format("в ответе не хватает: {}", fmt::join(missing, ", ")));
  }
  for (const auto& [deliverable, file] : files) {
    EvidenceFile stored;
    if (Status status = evidence_.Put(file->path, stored); !status.ok()) return status;
    if (!file->name.empty()) stored.original_name = ReplaceInvalidUtf8(file->name);
    stored.deliverable = deliverable->title;
    submission.files.push_back(std::move(stored));
  }
  return Status::Ok();
}

Result<ActionOutcome> TaskService::Submit(const SubmitRequest& request) {
  if (Status typed = RequireUtf8(request.comment, "комментарий"); !typed.ok()) return typed;
  TaskRecord task;
  const Person* person = nullptr;
  if (Status status = ResolveActor(request.task, request.person, task, person); !status.ok()) return status;
  const Activity* activity = ActivityOf(task);
  if (activity == nullptr)
    return Status::Conflict(fmt::format("задача {}: её мероприятия больше нет в дорожной карте", task.id));
  switch (task.status) {
    case TaskStatus::kOpen:
    case TaskStatus::kReturned:
      break;
    case TaskStatus::kScheduled:
      if (activity->timing.event && !task.due) {
        return Status::Conflict(
            fmt::format("задача {} ещё не открыта: она {}", task.id, AwaitedEventText(deployment_, *activity)));
      }
      return Status::Conflict(
          task.opens > Today()
              ? fmt::format("задача {} ещё не открыта: она откроется {}", task.id, FormatIsoDate(task.opens))
              : fmt::format("задача {} ещё не открыта: она ждёт мероприятий, от которых зависит ({})", task.id,
                            fmt::join(activity->depends_on, ", ")));
    case TaskStatus::kSubmitted:
      return Status::Conflict(
          fmt::format("задача {} уже сдана и ждёт подтверждения: {}", task.id, Names(ConfirmersOf(task))));
    default:
      return Status::Conflict(fmt::format("задача {} {}: сдавать нечего", task.id, TaskStatusTitle(task.status)));
  }
  std::vector<const Person*> responsible = ResponsibleFor(task);
  if (!policy_.MaySubmit(*person, task)) {
    return Status::Forbidden(fmt::format("{} не отвечает за задачу {} в «{}»; ответственные: {}", person->name, task.id,
                                         task.organisation, Names(responsible)));
  }
  Submission submission;
  submission.task_id = task.id;
  submission.person = person->id;
  submission.comment = request.comment;
  if (Status collected = CollectEvidence(request, *activity, submission); !collected.ok()) return collected;

  auto transaction = store_.BeginWrite();
  if (Status reloaded = Reload(*transaction, task); !reloaded.ok()) return reloaded;
  int64_t submission_id = transaction->AddSubmission(submission);
  // A value of a catalogue indicator also counts for the indicator, for the task's year.
  for (const ReportedValue& value : submission.values) {
    const Indicator* indicator = deployment_.FindIndicator(value.name);
    if (indicator == nullptr) continue;
    bool keyed_by_year = task.key.size() >= 4 && std::all_of(task.key.begin(), task.key.begin() + 4, ::isdigit);
    transaction->RecordIndicatorValue(
        IndicatorValue{0, indicator->id, indicator->per_organisation ? task.organisation : "",
                       keyed_by_year ? task.key.substr(0, 4) : fmt::format("{}", YearOf(Today())), value.value,
                       person->id, "", task.id, submission.comment});
  }
  TaskRecord after = task;
  bool needs_confirmation = activity->confirmer.has_value();
  after.status = needs_confirmation ? TaskStatus::kSubmitted : TaskStatus::kDone;
  if (!needs_confirmation) after.finished_on = Today();
  if (Status finished =
          Finish(*transaction, task, after, person->id, "submitted", SubmittedJson(submission_id, submission));
      !finished.ok()) {
    return finished;
  }
  ActionOutcome outcome;
  outcome.kind = needs_confirmation ? ActionOutcome::Kind::kSubmitted : ActionOutcome::Kind::kDone;
  outcome.task = task.id;
  outcome.files = submission.files.size();
  outcome.values = submission.values.size();
  if (needs_confirmation) outcome.confirmers = ConfirmersOf(task);
  return outcome;
}

Status TaskService::ResolveActor(const std::string& text, const std::string& person_id, TaskRecord& task,
                                 const Person*& person) {
  if (Status status = Resolve(text, task); !status.ok()) return status;
  Status status;
  person = FindActor(person_id, status);
  return status;
}

Status TaskService::Decide(const std::string& text, const std::string& person_id, TaskStatus decision,
                           const std::string& details_json, TaskRecord& task) {
  const Person* person = nullptr;
  if (Status status = ResolveActor(text, person_id, task, person); !status.ok()) return status;
  if (task.status != TaskStatus::kSubmitted) {
    return Status::Conflict(fmt::format("задача {} {}: подтвердить или вернуть можно только сданную задачу", task.id,
                                        TaskStatusTitle(task.status)));
  }
  if (!policy_.MayDecide(*person, task)) {
    return Status::Forbidden(fmt::format("{} не подтверждает задачу {}; подтверждает: {}", person->name, task.id,
                                         Names(ConfirmersOf(task))));
  }
  auto transaction = store_.BeginWrite();
  if (Status reloaded = Reload(*transaction, task); !reloaded.ok()) return reloaded;
  // Separation of duties: nobody confirms their own submission (read inside the transaction, so a
  // submission made meanwhile counts).
  const Activity* activity = ActivityOf(task);
  if (decision == TaskStatus::kConfirmed && activity != nullptr && activity->confirm_not_by_submitter) {
    std::optional<Submission> latest = transaction->LatestSubmission(task.id);
    if (latest && latest->person == person->id) {
      return Status::Forbidden(
          fmt::format("{} сдал(а) задачу {} сам(а) и не может подтвердить свою работу: подтверждает другой участник "
                      "(или координатор отменяет правило: confirm: {{by: …, not_by_submitter: false}})",
                      person->name, task.id));
    }
  }
  TaskRecord after = task;
  after.status = decision;
  if (IsFinished(decision)) after.finished_on = Today();
  return Finish(*transaction, task, after, person->id, std::string(TaskStatusName(decision)), details_json);
}

Result<ActionOutcome> TaskService::Confirm(const std::string& text, const std::string& person_id) {
  TaskRecord task;
  if (Status status = Decide(text, person_id, TaskStatus::kConfirmed, "{}", task); !status.ok()) return status;
  ActionOutcome outcome;
  outcome.kind = ActionOutcome::Kind::kConfirmed;
  outcome.task = task.id;
  return outcome;
}

Result<ActionOutcome> TaskService::Return(const std::string& text, const std::string& person_id,
                                          const std::string& reason) {
  if (reason.empty()) return Status::Error("укажите причину возврата (--reason)");
  if (Status typed = RequireUtf8(reason, "причина"); !typed.ok()) return typed;
  TaskRecord task;
  nlohmann::json details = {{"reason", reason}};
  if (Status status = Decide(text, person_id, TaskStatus::kReturned, details.dump(), task); !status.ok()) return status;
  ActionOutcome outcome;
  outcome.kind = ActionOutcome::Kind::kReturned;
  outcome.task = task.id;
  outcome.reason = reason;
  return outcome;
}

Result<ActionOutcome> TaskService::Waive(const std::string& text, const std::string& person_id,
                                         const std::string& reason) {
  if (reason.empty()) return Status::Error("укажите причину, по которой задача снимается (--reason)");
  if (Status typed = RequireUtf8(reason, "причина"); !typed.ok()) return typed;
  TaskRecord task;
  const Person* person = nullptr;
  if (Status status = ResolveActor(text, person_id, task, person); !status.ok()) return status;
  if (!policy_.MayManage(*person, task)) {
    const Roadmap* roadmap = RoadmapOf(task);
    return Status::Forbidden(
        fmt::format("снимает задачи только координатор дорожной карты ({})", roadmap ? roadmap->coordinator : "—"));
  }
  if (IsFinished(task.status) || task.status == TaskStatus::kCancelled) {
    return Status::Conflict(fmt::format("задача {} {}: снимать нечего", task.id, TaskStatusTitle(task.status)));
  }
  auto transaction = store_.BeginWrite();
  if (Status reloaded = Reload(*transaction, task); !reloaded.ok()) return reloaded;
  TaskRecord after = task;
  after.status = TaskStatus::kWaived;
  after.finished_on = Today();
  nlohmann::json details = {{"reason", reason}};
  if (Status finished = Finish(*transaction, task, after, person->id, "waived", details.dump()); !finished.ok()) {
    return finished;
  }
  ActionOutcome outcome;
  outcome.kind = ActionOutcome::Kind::kWaived;
  outcome.task = task.id;
  outcome.reason = reason;
  return outcome;
}

Result<ActionOutcome> TaskService::SetDate(const std::string& text, const std::string& person_id, const Date& due,
                                           const std::optional<Date>& opens) {
  TaskRecord task;
  const Person* person = nullptr;
  if (Status status = ResolveActor(text, person_id, task, person); !status.ok()) return status;
  if (!policy_.MayManage(*person, task)) {
    const Roadmap* roadmap = RoadmapOf(task);
    return Status::Forbidden(fmt::format("сроки задачам назначает только координатор дорожной карты ({})",
                                         roadmap ? roadmap->coordinator : "—"));
  }
  if (task.kind != Repeat::kExternal) {
    return Status::Conflict(fmt::format("срок задачи {} задан в дорожной карте; измените его в YAML", task.id));
  }
  if (HasWork(task.status) || task.status == TaskStatus::kCancelled) {
    return Status::Conflict(
        fmt::format("задача {} {}: её сроки больше не меняются", task.id, TaskStatusTitle(task.status)));
  }
  if (Status status = WithinReach(due, Today(), "--due"); !status.ok()) return status;
  if (opens) {
    if (Status status = WithinReach(*opens, Today(), "--opens"); !status.ok()) return status;
  }
  Date new_opens = opens.value_or(std::min(task.opens, due));
  if (due < new_opens) return Status::Error("--due раньше --opens");
  auto transaction = store_.BeginWrite();
  if (Status reloaded = Reload(*transaction, task); !reloaded.ok()) return reloaded;
  TaskRecord after = task;
  after.opens = new_opens;
  after.due = due;
  after.effective_due = deployment_.calendar.Shift(due, ShiftFor(task));
  after.status = TaskStatus::kScheduled;  // Sync opens it when its day comes
  if (Status finished = Finish(*transaction, task, after, person->id, "dated", "{}"); !finished.ok()) return finished;
  ActionOutcome outcome;
  outcome.kind = ActionOutcome::Kind::kDated;
  outcome.task = task.id;
  outcome.opens = new_opens;
  outcome.due = after.effective_due;
  return outcome;
}

Status TaskService::CreateOnDemand(const std::string& activity_ref, const std::string& organisation_id, const Date& due,
                                   const std::string& person_id, std::string& created_id) {
  Status status;
  const Person* person = FindActor(person_id, status);
  if (person == nullptr) return status;
  if (Status reach = WithinReach(due, Today(), "--due"); !reach.ok()) return reach;
  const Roadmap* roadmap = nullptr;
  const Activity* activity = nullptr;
  size_t slash = activity_ref.find('/');
  for (const Roadmap& candidate_roadmap : deployment_.roadmaps) {
    if (slash != std::string::npos && candidate_roadmap.id != activity_ref.substr(0, slash)) continue;
    std::string wanted = slash == std::string::npos ? activity_ref : activity_ref.substr(slash + 1);
    for (const Activity& candidate : candidate_roadmap.activities) {
      if (candidate.id != wanted) continue;
      if (activity != nullptr) {
        return Status::Error(
            fmt::format("«{}» есть в нескольких дорожных картах: напишите карта/мероприятие", activity_ref));
      }
      roadmap = &candidate_roadmap;
      activity = &candidate;
    }
  }
  if (activity == nullptr) return Status::NotFound(fmt::format("нет мероприятия «{}»", activity_ref));
  if (activity->timing.repeat != Repeat::kOnDemand) {
    return Status::Error(fmt::format(
        "у мероприятия «{}» сроки заданы в дорожной карте; вручную создаются только задачи мероприятий «по запросу»",
        activity->id));
  }
  std::vector<const Organisation*> organisations = SelectOrganisations(deployment_, *roadmap, *activity);
  auto organisation = std::find_if(organisations.begin(), organisations.end(),
                                   [&](const Organisation* o) { return o->id == organisation_id; });
  if (organisation == organisations.end()) {
    return Status::Error(
        fmt::format("мероприятие «{}» не проводится в организации «{}»", activity->id, organisation_id));
  }
  TaskRecord task;
  task.roadmap = roadmap->id;
  task.activity = activity->id;
  task.organisation = organisation_id;
  task.kind = Repeat::kOnDemand;
  task.origin = TaskOrigin::kManual;
  task.status = TaskStatus::kOpen;
  task.opens = std::min(Today(), due);
  task.due = due;
  task.effective_due = deployment_.calendar.Shift(due, ShiftFor(task));
  if (!policy_.MaySubmit(*person, task)) {
    return Status::Forbidden(
        fmt::format("{} не может создавать задачи «{}» для «{}»: их создают координатор или ответственные",
                    person->name, activity->id, organisation_id));
  }
  auto transaction = store_.BeginWrite();
  // Manual tasks are numbered per activity and organisation: manual-1, manual-2, …
  TaskQuery earlier;
  earlier.roadmap = task.roadmap;
  earlier.activity = task.activity;
  earlier.organisation = task.organisation;
  earlier.origin = TaskOrigin::kManual;
  int64_t number = transaction->CountTasks(earlier) + 1;
  task.key = fmt::format("manual-{}", number);
  task.id = TaskIdFor(task.roadmap, task.activity, task.organisation, task.key);
  transaction->InsertTask(task);
  nlohmann::json details = {{"after", nlohmann::json::parse(TaskJson(task))}};
  if (!origin_.empty()) details["origin"] = origin_;
  transaction->Audit(person->id, "created", task.id, details.dump());
  if (Status committed = transaction->Commit(); !committed.ok()) return committed;
  created_id = task.id;
  return Status::Ok();
}

}  // namespace vekha
