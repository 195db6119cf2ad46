#include "server/site.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "engine/scratch_directory.h"
#include "reports/render.h"
#include "workflows/outcome_text.h"

namespace vekha::server {

namespace {

constexpr double kMebibyte = 1024.0 * 1024.0;

// What the store's query cannot say (it filters roadmap, organisation and status itself).
bool Matches(const TaskRecord& task, const TaskFilter& filter, const Date& today) {
  if (filter.overdue && !IsOverdue(task, today)) return false;
  if (filter.unfinished && !IsWaiting(task.status) && task.status != TaskStatus::kSubmitted) return false;
  return true;
}

// Undated tasks (external timing not yet dated) after every dated one.
bool ByDeadline(const TaskRecord& a, const TaskRecord& b) {
  if (a.effective_due != b.effective_due) {
    if (!a.effective_due) return false;
    if (!b.effective_due) return true;
    return *a.effective_due < *b.effective_due;
  }
  return a.id < b.id;
}

}  // namespace

std::optional<Verb> ParseVerb(std::string_view name) {
  if (name == "submit") return Verb::kSubmit;
  if (name == "confirm") return Verb::kConfirm;
  if (name == "return") return Verb::kReturn;
  if (name == "waive") return Verb::kWaive;
  if (name == "set-date") return Verb::kSetDate;
  return std::nullopt;
}

Site::Site(SiteContext context) : context_(context), drafts_(context.deployment.settings.database + ".drafts") {}

Date Site::Today() const { return LocalToday(context_.clock, context_.deployment.settings.time_zone); }

Status Site::VisibleTasks(const Person& person, const TaskFilter& filter, std::vector<TaskRecord>& out) {
  out.clear();
  TaskQuery base;
  base.roadmap = filter.roadmap;
  base.organisation = filter.organisation;
  base.status = filter.status;
  std::vector<TaskQuery> queries;
  std::optional<std::vector<std::string>> scope = policy().OrganisationScope(person);
  if (!scope || !filter.organisation.empty()) {
    queries.push_back(base);
  } else {
    for (const std::string& organisation : *scope) {
      queries.push_back(base);
      queries.back().organisation = organisation;
    }
  }
  Date today = Today();
  for (const TaskQuery& query : queries) {
    std::vector<TaskRecord> found;
    if (Status status = context_.store.ListTasks(query, found); !status.ok()) return status;
    for (TaskRecord& task : found) {
      if (Matches(task, filter, today) && policy().MaySee(person, task)) out.push_back(std::move(task));
    }
  }
  std::sort(out.begin(), out.end(), ByDeadline);
  return Status::Ok();
}

Status Site::FindVisible(const Person& person, const std::string& id, std::optional<TaskRecord>& out) {
  out.reset();
  TaskRecord task;
  Status resolved = context_.service.Resolve(id, task);
  // An unknown or ambiguous id is «none you may see», like a hidden task; a store failure is not.
  if (resolved.code() == StatusCode::kNotFound || resolved.code() == StatusCode::kInvalid) return Status::Ok();
  if (!resolved.ok()) return resolved;
  if (policy().MaySee(person, task)) out = task;
  return Status::Ok();
}

Status Site::History(const Person& person, const HistoryFilter& filter, std::vector<AuditEntry>& out) {
  HistoryQuery query;
  const std::string& zone = context_.deployment.settings.time_zone;
  if (filter.from) query.from_at = FormatInstant(StartOfLocalDay(*filter.from, zone));
  if (filter.to) query.to_at = FormatInstant(StartOfLocalDay(AddDays(*filter.to, 1), zone) - std::chrono::seconds{1});
  if (!filter.task.empty()) {
    std::optional<TaskRecord> task;
    if (Status status = FindVisible(person, filter.task, task); !status.ok()) return status;
    query.task_id = task ? task->id : "-";  // "-" matches nothing
  } else if (!policy().SeesEverything(person) || !filter.organisation.empty() || !filter.roadmap.empty()) {
    TaskFilter tasks;
    tasks.organisation = filter.organisation;
    tasks.roadmap = filter.roadmap;
    std::vector<TaskRecord> visible;
    if (Status status = VisibleTasks(person, tasks, visible); !status.ok()) return status;
    for (const TaskRecord& task : visible) query.task_ids.push_back(task.id);
    if (query.task_ids.empty()) query.task_ids.push_back("-");
  }
  std::vector<AuditEntry> entries;
  if (Status status = context_.store.History(query, entries); !status.ok()) return status;
  out.clear();
  for (AuditEntry& entry : entries) {
    if (!filter.event.empty() && entry.event != filter.event) continue;
    if (!filter.notifications && entry.event.starts_with("notification")) continue;
    if (entry.task_id.empty() && !policy().SeesEverything(person)) continue;
    out.push_back(std::move(entry));
  }
  return Status::Ok();
}

Status Site::OwedTasks(const Person& person, std::vector<CalendarEntry>& out) {
  std::vector<TaskRecord> tasks;
  if (Status status = VisibleTasks(person, {}, tasks); !status.ok()) return status;
  out.clear();
  for (const TaskRecord& task : tasks) {
    if (task.status == TaskStatus::kCancelled || task.status == TaskStatus::kUntracked) continue;
    if (policy().IsResponsible(person, task) || policy().IsConfirmer(person, task)) {
      // A calendar needs an absolute link: none when the server's address is unknown.
      out.push_back({task, ActivityTitle(task), OrganisationName(task.organisation), RoadmapTitle(task.roadmap),
                     context_.public_url.empty() ? "" : TaskLink(task.id)});
    }
  }
  return Status::Ok();
}

ActionResult Site::Permitted(const Person& person, const TaskRecord& task, Verb verb) const {
  if (IsAuditor(person)) return {403, "Аудитор просматривает историю и ничего не изменяет."};
  bool allowed = false;
  switch (verb) {
    case Verb::kSubmit:
      allowed = policy().MaySubmit(person, task);
      break;
    case Verb::kConfirm:
    case Verb::kReturn:
      allowed = policy().MayDecide(person, task);
      break;
    case Verb::kWaive:
    case Verb::kSetDate:
      allowed = policy().MayManage(person, task);
      break;
  }
  if (!allowed) return {403, "Это действие с задачей вам не доступно."};
  return {};
}

ActionResult ResultOf(const Result<ActionOutcome>& outcome) {
  if (!outcome.ok()) return {outcome.status().meaning().http_status, outcome.status().message()};
  return {200, OutcomeText(*outcome)};
}

ActionResult Site::Act(const Person& person, const std::string& address, const TaskRecord& task, Verb verb,
                       const FormData& form) {
  if (ActionResult permitted = Permitted(person, task, verb); permitted.status != 200) return permitted;
  context_.service.SetOrigin("web " + address);
  ActionResult result;
  std::optional<Result<ActionOutcome>> outcome;  // the verbs other than submit
  switch (verb) {
    case Verb::kSubmit:
      result = Submit(person, task, form);
      break;
    case Verb::kConfirm:
      outcome = context_.service.Confirm(task.id, person.id);
      break;
    case Verb::kReturn:
    case Verb::kWaive: {
      std::string reason = FieldValue(form.fields, "reason");
      if (reason.empty()) {
        result = {422, "Укажите причину."};
        break;
      }
      outcome = verb == Verb::kReturn ? context_.service.Return(task.id, person.id, reason)
                                      : context_.service.Waive(task.id, person.id, reason);
      break;
    }
    case Verb::kSetDate: {
      std::optional<Date> due = ParseIsoDate(FieldValue(form.fields, "due"));
      std::string opens_text = FieldValue(form.fields, "opens");
      std::optional<Date> opens = opens_text.empty() ? std::nullopt : ParseIsoDate(opens_text);
      if (!due || (!opens_text.empty() && !opens)) {
        result = {422, "Укажите срок датой ГГГГ-ММ-ДД."};
        break;
      }
      outcome = context_.service.SetDate(task.id, person.id, *due, opens);
      break;
    }
  }
  context_.service.SetOrigin("");
  if (result.status != 200) return result;
  if (outcome) result = ResultOf(*outcome);
  if (result.status == 200) {
    SyncSummary summary;  // dependents of finished work open at once
    if (Status synced = context_.service.Sync(summary); !synced.ok())
      return {synced.meaning().http_status, synced.message()};
  }
  return result;
}

ActionResult Site::Submit(const Person& person, const TaskRecord& task, const FormData& form) {
  const Activity* activity = context_.service.ActivityOf(task);
  if (activity == nullptr) return {422, "Мероприятия этой задачи больше нет в дорожной карте."};
  int64_t limit = context_.deployment.settings.max_evidence_bytes;
  ScratchDirectory staging("vekha-upload-");
  if (staging.path().empty()) return {500, "Не удалось создать временный каталог для файлов."};
  SubmitRequest request;
  request.task = task.id;
  request.person = person.id;
  request.comment = FieldValue(form.fields, "comment");
  int staged = 0;
  std::vector<const UploadedFile*> chosen;  // the files of this attempt, kept as the draft if it is refused
  for (const UploadedFile& file : form.files) {
    if (file.data.empty() && file.file_name.empty()) continue;  // a file field left empty
    if (static_cast<int64_t>(file.data.size()) > limit) {
      return {413, fmt::format("Файл «{}» — {} МБ; допускается не более {} МБ. Ничего не сохранено.",
                               SafeFileName(file.file_name),
                               reports::NumberText(static_cast<double>(file.data.size()) / kMebibyte),
                               reports::NumberText(static_cast<double>(limit) / kMebibyte))};
    }
    std::string deliverable = file.field.rfind("file-", 0) == 0 ? file.field.substr(5) : "";
    if (deliverable.empty()) return {422, fmt::format("Поле «{}»: файл не привязан к документу.", file.field)};
    chosen.push_back(&file);
    // Each file in its own directory keeps its name as given, even when two share it.
    std::filesystem::path directory = staging.path() / std::to_string(staged++);
    std::filesystem::create_directories(directory);
    // Staged under a name the file system takes; the name as uploaded is kept as the file's data.
    std::string name = SafeFileName(file.file_name);
    std::filesystem::path path = directory / FileSystemName(name);
    std::ofstream(path, std::ios::binary).write(file.data.data(), static_cast<std::streamsize>(file.data.size()));
    request.files.push_back({deliverable, path.string(), name});
  }
  // The documents this attempt left without a file come from the draft.
  for (const DraftFile& draft : drafts_.Files(task.id, person.id)) {
    bool replaced = std::any_of(chosen.begin(), chosen.end(),
                                [&](const UploadedFile* file) { return file->field == "file-" + draft.deliverable; });
    if (!replaced) request.files.push_back({draft.deliverable, draft.path.string(), draft.name});
  }
  // In the activity's order of documents, whichever attempt each file came from.
  std::stable_sort(request.files.begin(), request.files.end(), [](const SubmittedFile& a, const SubmittedFile& b) {
    return std::make_pair(a.deliverable.size(), a.deliverable) < std::make_pair(b.deliverable.size(), b.deliverable);
  });
  for (const auto& [name, value] : form.fields) {
    if (name.rfind("value-", 0) == 0 && !value.empty()) request.values.push_back({name.substr(6), value});
  }
  ActionResult result = ResultOf(context_.service.Submit(request));
  if (result.status == 200) {
    drafts_.Discard(task.id, person.id);
    return result;
  }
  if (result.status != 422) return result;
  std::vector<std::string> kept;
  for (const UploadedFile* file : chosen) {
    // Only a file for one of the activity's documents is worth keeping.
    std::string number = file->field.substr(5);
    const Deliverable* document = FindDeliverable(*activity, number);
    if (document == nullptr || document->kind != Deliverable::Kind::kDocument ||
        number.find_first_not_of("0123456789") != std::string::npos)
      continue;
    std::string name = SafeFileName(file->file_name);
    if (Status status = drafts_.Keep(task.id, person.id, number, name, file->data); !status.ok()) {
      return {result.status, result.message + " " + status.message()};
    }
    kept.push_back(fmt::format("«{}»", name));
  }
  if (kept.empty()) return result;
  if (!result.message.ends_with('.')) result.message += '.';
  result.message +=
      fmt::format(" Выбранные файлы сохранены как черновик ({}): выбирать их заново не нужно.", fmt::join(kept, ", "));
  return result;
}

std::string Site::ActivityTitle(const TaskRecord& task) const {
  const Activity* activity = context_.service.ActivityOf(task);
  return activity ? activity->title : task.activity;
}

std::string Site::RoadmapTitle(const std::string& roadmap) const {
  for (const Roadmap& candidate : context_.deployment.roadmaps) {
    if (candidate.id == roadmap) return candidate.title;
  }
  return roadmap;
}

std::string Site::OrganisationName(const std::string& organisation) const {
  const Organisation* found = context_.deployment.FindOrganisation(organisation);
  return found ? found->name : organisation;
}

std::string Site::PersonName(const std::string& person) const {
  const Person* found = context_.deployment.FindPerson(person);
  return found ? found->name : person;
}

std::string Site::TaskLink(const std::string& task) const {
  return fmt::format("{}/tasks/{}", context_.public_url, task);
}

}  // namespace vekha::server
