// TaskService::Sync: materialisation, reconciliation with the YAML, opening, relative deadlines.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/json_text.h"
#include "engine/planner.h"
#include "engine/sha256.h"
#include "workflows/next_check.h"
#include "workflows/predecessors.h"
#include "workflows/task_service.h"

namespace vekha {

namespace {

// From this many planned tasks, a first materialisation is a bulk load (TaskStore::BeginBulkLoad).
constexpr size_t kBulkLoadTasks = 50'000;
// The marker holding the digest of the plan last materialised in full.
constexpr const char* kPlanMaterialised = "plan materialised";

// What the materialiser keeps of a planned task until it is stored: small, because a sync may
// plan millions.
struct DesiredTask {
  const Roadmap* roadmap;
  const Activity* activity;
  const Organisation* organisation;
  Occurrence occurrence;
  Repeat kind;
};

TaskRecord RecordOf(const DesiredTask& desired, std::string id) {
  TaskRecord task;
  task.id = std::move(id);
  task.roadmap = desired.roadmap->id;
  task.activity = desired.activity->id;
  task.organisation = desired.organisation->id;
  task.key = desired.occurrence.key;
  task.kind = desired.kind;
  task.origin = TaskOrigin::kPlan;
  task.status = TaskStatus::kScheduled;
  task.opens = desired.occurrence.opens;
  task.due = desired.occurrence.due;
  task.effective_due = desired.occurrence.effective_due;
  return task;
}

// A new task's audit details: its dates, as canonical JSON built by appending, because a sync may
// write a million of them. Nothing else is needed: a planned task is created scheduled, unfinished
// and from the plan, its kind is its activity's, and its identity (roadmap, activity, organisation,
// period key) is what its id is the hash of, which `audit verify` checks.
std::string MaterialisedJson(const TaskRecord& task) {
  auto date = [](std::string& out, const std::optional<Date>& value) {
    if (value) {
      out += '"';
      out += FormatIsoDate(*value);
      out += '"';
    } else {
      out += "null";
    }
  };
  std::string json;
  json.reserve(64);
  json += R"({"due":)";
  date(json, task.due);
  json += R"(,"effective_due":)";
  date(json, task.effective_due);
  json += R"(,"opens":)";
  date(json, task.opens);
  json += '}';
  return json;
}

bool SameDates(const TaskRecord& a, const TaskRecord& b) {
  return a.opens == b.opens && a.due == b.due && a.effective_due == b.effective_due;
}

std::string Change(const std::string& change, const TaskRecord& before, const TaskRecord& after) {
  return TransitionJson(nlohmann::json{{"change", change}}.dump(), before, after);
}

bool AllCleared(const std::vector<const TaskRecord*>& tasks) {
  return std::all_of(tasks.begin(), tasks.end(), [](const TaskRecord* task) { return ClearsDependents(task->status); });
}

}  // namespace

Status TaskService::Sync(SyncSummary& summary) {
  // The stored tasks need a look only when the plan differs from the last one materialised in
  // full (a changed YAML, another deployment's process, a crash mid-way): the digest of the plan
  // is kept as a marker in the same transaction that completes the materialisation.
  if (!plan_digest_) plan_digest_ = PlanDigest();
  bool reconciled = false;
  {
    auto check = store_.BeginWrite();
    reconciled = check->Marker(kPlanMaterialised) == *plan_digest_;
    if (Status status = check->Commit(); !status.ok()) return status;
  }
  // Opening and dating what is due changes nothing on a day already looked at when no task has
  // changed since: the daemon's wakes for deliveries cost nothing here.
  int64_t task_changes = 0;
  if (Status status = store_.TaskChanges(task_changes); !status.ok()) return status;
  bool unchanged = reconciled && advanced_ && advanced_->task_changes == task_changes;
  if (unchanged && advanced_->day == Today()) return Status::Ok();

  std::vector<std::string> planned_ids;
  if (!reconciled) {
    if (Status status = Materialise(summary, planned_ids); !status.ok()) return status;
  }
  auto transaction = store_.BeginWrite();
  if (!reconciled) {
    CancelVanished(*transaction, planned_ids, summary);
    transaction->SetMarker(kPlanMaterialised, *plan_digest_);
  }
  if (!unchanged) {
    DateFromEvents(*transaction, summary);
    ApplyTrackingStart(*transaction, summary);
  }
  Advance(*transaction, unchanged ? std::optional<Date>(advanced_->day) : std::nullopt, summary);
  if (Status status = transaction->Commit(); !status.ok()) return status;
  if (Status status = store_.TaskChanges(task_changes); !status.ok()) return status;
  advanced_ = AdvanceMark{Today(), task_changes};
  return Status::Ok();
}

const std::string& TaskService::DeploymentInputs() {
  if (!deployment_inputs_) deployment_inputs_ = DeploymentInputsDigest(deployment_);
  return *deployment_inputs_;
}

std::string TaskService::PlanDigest() const {
  PlanFilter everything;
  everything.deadlines = false;
  everything.people = false;
  Sha256 digest;
  ForEachPlannedTask(deployment_, everything, [&](const PlannedTask& planned) {
    const Occurrence& occurrence = planned.occurrence;
    digest.Update(fmt::format("{}\x1F{}\x1F{}\x1F{}\x1F{}\x1F{}\x1F{}\x1F{}\x1E", planned.roadmap->id,
                              planned.activity->id, planned.organisation->id, occurrence.key, RepeatName(planned.kind),
                              FormatIsoDate(occurrence.opens), IsoOrEmpty(occurrence.due),
                              IsoOrEmpty(occurrence.effective_due)));
  });
  return digest.FinishHex();
}

Status TaskService::Materialise(SyncSummary& summary, std::vector<std::string>& planned_ids) {
  PlanFilter everything;
  everything.deadlines = false;  // neither instants nor people are stored with tasks
  everything.people = false;
  // Counted first (expanding the timings again is cheaper than growing a million records).
  size_t count = 0;
  ForEachPlannedTask(deployment_, everything, [&](const PlannedTask&) { ++count; });
  std::vector<DesiredTask> desired;
  desired.reserve(count);
  ForEachPlannedTask(deployment_, everything, [&](const PlannedTask& planned) {
    desired.push_back({planned.roadmap, planned.activity, planned.organisation, planned.occurrence, planned.kind});
  });
  // Tasks go in id order: ids are hashes, so inserting in their order appends to the table's
  // B-tree instead of rewriting pages all over it in every batch. A million tasks are sorted as
  // small (id, index) pairs rather than moved around themselves.
  struct ById {
    std::array<char, kTaskIdLength> id;
    uint32_t index;
    bool operator<(const ById& other) const { return id < other.id; }
  };
  std::vector<ById> order(desired.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    const DesiredTask& task = desired[i];
    std::string id = TaskIdFor(task.roadmap->id, task.activity->id, task.organisation->id, task.occurrence.key);
    std::copy_n(id.begin(), kTaskIdLength, order[i].id.begin());
    order[i].index = i;
  }
  std::sort(order.begin(), order.end());
  planned_ids.reserve(order.size());
  for (const ById& entry : order) planned_ids.emplace_back(entry.id.begin(), entry.id.end());

  // A first materialisation of a large plan loads the empty table without its secondary indexes.
  bool bulk = false;
  if (desired.size() >= kBulkLoadTasks) {
    auto check = store_.BeginWrite();
    bulk = check->CountTasks({}) == 0;
    if (Status status = check->Commit(); !status.ok()) return status;
    if (bulk) {
      if (Status status = store_.BeginBulkLoad(); !status.ok()) return status;
    }
  }

  for (size_t start = 0; start < desired.size(); start += batch_size_) {
    auto transaction = store_.BeginWrite();
    size_t end = std::min(desired.size(), start + batch_size_);
    // A batch whose id range holds no task yet (a first materialisation) needs no look-ups.
    TaskQuery range;
    range.id_from = planned_ids[start];
    range.id_to = planned_ids[end - 1];
    bool fresh = transaction->CountTasks(range) == 0;
    for (size_t i = start; i < end; ++i) {
      const DesiredTask& plan = desired[order[i].index];
      TaskRecord wanted = RecordOf(plan, planned_ids[i]);
      std::optional<TaskRecord> existing = fresh ? std::nullopt : transaction->FindTask(wanted.id);
      if (!existing) {
        transaction->InsertTask(wanted);
        transaction->Audit("vekha", "materialised", wanted.id, MaterialisedJson(wanted));
        ++summary.created;
        continue;
      }
      TaskRecord after = *existing;
      if (existing->status == TaskStatus::kCancelled) {
        after.status = TaskStatus::kScheduled;  // set aside again by ApplyTrackingStart if due before tracking
        after.opens = wanted.opens;
        after.due = wanted.due;
        after.effective_due = wanted.effective_due;
        transaction->UpdateTask(after);
        transaction->Audit("vekha", "reconciled", after.id, Change("reinstated", *existing, after));
        ++summary.reinstated;
        continue;
      }
      // Dates follow the YAML until someone has worked on the task; a coordinator's date on an
      // external task and a deadline fixed after a predecessor finished stay as they are.
      bool dated_by_hand = !wanted.due && existing->due;
      bool relative = plan.activity->timing.after.has_value();  // dated when its predecessor finished
      if (HasWork(existing->status) || dated_by_hand || relative || SameDates(*existing, wanted)) continue;
      after.opens = wanted.opens;
      after.due = wanted.due;
      after.effective_due = wanted.effective_due;
      // ApplyTrackingStart sets an untracked task aside again when its new deadline is still early.
      if (after.status == TaskStatus::kUntracked || (after.status == TaskStatus::kOpen && Today() < after.opens))
        after.status = TaskStatus::kScheduled;
      transaction->UpdateTask(after);
      transaction->Audit("vekha", "reconciled", after.id, Change("rescheduled", *existing, after));
      ++summary.rescheduled;
    }
    if (Status status = transaction->Commit(); !status.ok()) return status;
  }
  return bulk ? store_.EndBulkLoad() : Status::Ok();
}

void TaskService::CancelVanished(TaskStore::Transaction& transaction, const std::vector<std::string>& planned_ids,
                                 SyncSummary& summary) {
  // Every planned task exists and is live after Materialise; so when the live planned tasks are
  // exactly as many as the planned ids, none vanished and only hand-made tasks need a look.
  TaskQuery planned;
  planned.origin = TaskOrigin::kPlan;
  TaskQuery cancelled = planned;
  cancelled.status = TaskStatus::kCancelled;
  int64_t live = transaction.CountTasks(planned) - transaction.CountTasks(cancelled);
  std::vector<TaskRecord> suspects;
  if (live != static_cast<int64_t>(planned_ids.size())) suspects = transaction.Tasks(planned);
  TaskQuery manual;
  manual.origin = TaskOrigin::kManual;
  for (TaskRecord& task : transaction.Tasks(manual)) suspects.push_back(std::move(task));

  for (const TaskRecord& task : suspects) {
    if (task.status == TaskStatus::kCancelled) continue;
    bool still_planned = task.origin == TaskOrigin::kPlan
                             ? std::binary_search(planned_ids.begin(), planned_ids.end(), task.id)
                             : ActivityOf(task) != nullptr;
    if (still_planned) continue;
    if (HasWork(task.status)) {
      ++summary.kept;
      continue;
    }
    TaskRecord after = task;
    after.status = TaskStatus::kCancelled;
    transaction.UpdateTask(after);
    transaction.Audit("vekha", "cancelled", task.id, Change("its occurrence left the roadmap", task, after));
    ++summary.cancelled;
  }
}

void TaskService::Advance(TaskStore::Transaction& transaction, const std::optional<Date>& advanced_through,
                          SyncSummary& summary) {
  Date today = Today();
  // Candidates: scheduled tasks whose day has come, and every scheduled task whose deadline counts
  // from a predecessor's completion (it opens when that finishes, whatever its provisional date).
  TaskQuery due_now;
  due_now.status = TaskStatus::kScheduled;
  if (advanced_through) due_now.opens_from = AddDays(*advanced_through, 1);
  due_now.opens_to = today;
  std::vector<TaskRecord> candidates = transaction.Tasks(due_now);
  for (const Roadmap& roadmap : deployment_.roadmaps) {
    for (const Activity& activity : roadmap.activities) {
      if (!activity.timing.after || advanced_through) continue;
      TaskQuery relative;
      relative.roadmap = roadmap.id;
      relative.activity = activity.id;
      relative.status = TaskStatus::kScheduled;
      for (TaskRecord& task : transaction.Tasks(relative)) {
        if (today < task.opens) candidates.push_back(std::move(task));  // the others are in already
      }
    }
  }
  if (candidates.empty()) return;
  std::set<std::pair<std::string, std::string>> predecessor_activities;
  for (const TaskRecord& task : candidates) {
    const Activity* activity = ActivityOf(task);
    if (activity == nullptr) continue;
    for (const std::string& dependency : activity->depends_on)
      predecessor_activities.insert({task.roadmap, dependency});
    if (activity->timing.after) predecessor_activities.insert({task.roadmap, activity->timing.after->activity});
  }
  std::vector<TaskRecord> predecessors;
  for (const auto& [roadmap, activity] : predecessor_activities) {
    TaskQuery query;
    query.roadmap = roadmap;
    query.activity = activity;
    for (TaskRecord& task : transaction.Tasks(query)) predecessors.push_back(std::move(task));
  }
  TaskIndex index;
  for (TaskRecord& task : predecessors) index[{task.roadmap, task.activity}].push_back(&task);

  for (TaskRecord& task : candidates) {
    const Activity* activity = ActivityOf(task);
    if (activity == nullptr) continue;
    bool waiting = activity->timing.event && !task.due;  // until its event is recorded
    for (const std::string& dependency : activity->depends_on) {
      waiting = waiting || !AllCleared(PredecessorsOf(task, dependency, index));
    }
    if (const std::optional<RelativeDeadline>& after = activity->timing.after) {
      // Due a number of (working) days after the last predecessor of the period finished.
      std::vector<const TaskRecord*> anchors = PredecessorsOf(task, after->activity, index);
      std::optional<Date> finished;
      for (const TaskRecord* anchor : anchors) {
        if (anchor->finished_on && (!finished || *finished < *anchor->finished_on)) finished = anchor->finished_on;
      }
      if (anchors.empty() || !AllCleared(anchors) || !finished) {
        waiting = true;
      } else {
        TaskRecord dated = task;
        dated.opens = *finished;
        dated.due = after->working_days ? deployment_.calendar.AddWorkingDays(*finished, after->days)
                                        : AddDays(*finished, after->days);
        dated.effective_due = deployment_.calendar.Shift(*dated.due, ShiftFor(task));
        if (!SameDates(dated, task)) {
          transaction.UpdateTask(dated);
          transaction.Audit("vekha", "dated", task.id, Change("deadline after the predecessor finished", task, dated));
          task = dated;
          ++summary.dated;
        }
      }
    }
    if (waiting || today < task.opens) continue;
    TaskRecord opened = task;
    opened.status = TaskStatus::kOpen;
    transaction.UpdateTask(opened);
    transaction.Audit("vekha", "opened", task.id, Change("opened", task, opened));
    task = opened;
    ++summary.opened;
  }
}

void TaskService::ApplyTrackingStart(TaskStore::Transaction& transaction, SyncSummary& summary) {
  const std::optional<Date>& from = deployment_.settings.tracking_from;
  if (from) {
    std::string reason = fmt::format("due before tracking began on {}", FormatIsoDate(*from));
    for (TaskStatus waiting : {TaskStatus::kScheduled, TaskStatus::kOpen}) {
      TaskQuery early;
      early.status = waiting;
      early.due_to = AddDays(*from, -1);
      for (const TaskRecord& task : transaction.Tasks(early)) {
        TaskRecord after = task;
        after.status = TaskStatus::kUntracked;
        transaction.UpdateTask(after);
        transaction.Audit("vekha", "untracked", task.id, Change(reason, task, after));
        ++summary.untracked;
      }
    }
  }
  TaskQuery set_aside;
  set_aside.status = TaskStatus::kUntracked;
  if (from) set_aside.due_from = *from;
  for (const TaskRecord& task : transaction.Tasks(set_aside)) {
    TaskRecord after = task;
    after.status = TaskStatus::kScheduled;  // Advance opens it when its day has come
    transaction.UpdateTask(after);
    transaction.Audit("vekha", "tracked", task.id, Change("tracking now covers its deadline", task, after));
    ++summary.tracked;
  }
}

}  // namespace vekha
