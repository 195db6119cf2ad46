// TaskService: keeps a TaskStore in step with a deployment and carries out the task lifecycle of
// docs/product.md («Tasks and their lifecycle») on it. Sync() materialises one task per (roadmap, activity,
// organisation, period key), reconciles a changed YAML (new occurrences appear, unstarted vanished ones are cancelled,
// nothing with work on it is touched), opens tasks whose day has come and whose predecessors are done, and dates
// relative deadlines. The lifecycle calls check who may act and refuse with the reason. Every change is audited in the
// same transaction. Not thread-safe: one service per thread.
#pragma once

#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/task_store.h"
#include "workflows/access_policy.h"
#include "workflows/action_outcome.h"
#include "workflows/submit_request.h"
#include "workflows/task_waiting.h"

namespace vekha {

struct SyncSummary {
  int created = 0;
  int opened = 0;
  int rescheduled = 0;
  int dated = 0;  // relative deadlines fixed after the predecessor finished or the event happened
  int cancelled = 0;
  int reinstated = 0;
  int kept = 0;       // tasks with work whose occurrence left the YAML: kept unchanged
  int untracked = 0;  // set aside as due before tracking began (settings.tracking_from)
  int tracked = 0;    // tracked again after tracking_from moved earlier
  bool changed() const {
    return created + opened + rescheduled + dated + cancelled + reinstated + untracked + tracked > 0;
  }
};

class TaskService {
 public:
  // All referenced objects must outlive the service. Sync() materialises in transactions of at
  // most `batch_size` tasks, so a crash loses at most one batch, which the next Sync() redoes.
  TaskService(const Deployment& deployment, TaskStore& store, const EvidenceSink& evidence, const Clock& clock,
              size_t batch_size = 20'000);

  Status Sync(SyncSummary& summary);
  // What the rules read of the deployment besides the tasks, as a digest (workflows/next_check.h),
  // computed once: the deployment does not change under a service.
  const std::string& DeploymentInputs();

  // Where the following actions come from ("web 192.0.2.7"), recorded in their audit events as
  // `origin`; empty (the CLI) records none.
  void SetOrigin(std::string origin) { origin_ = std::move(origin); }

  // Finds a task by id or unique id prefix (case and dashes ignored).
  Status Resolve(const std::string& text, TaskRecord& task);

  // Each says what it did (workflows/outcome_text.h words it), or refuses with the reason.
  Result<ActionOutcome> Submit(const SubmitRequest& request);
  Result<ActionOutcome> Confirm(const std::string& task, const std::string& person);
  Result<ActionOutcome> Return(const std::string& task, const std::string& person, const std::string& reason);
  Result<ActionOutcome> Waive(const std::string& task, const std::string& person, const std::string& reason);
  // Dates a task of an external-timing activity (or re-dates an open one).
  Result<ActionOutcome> SetDate(const std::string& task, const std::string& person, const Date& due,
                                const std::optional<Date>& opens);
  // Records the day an event happened at `organisation` (empty: the municipality's event), replacing
  // the date recorded for that year (or for all time, for a one-off event); the tasks counting from
  // it are dated by the next Sync. A roadmap's coordinator records events (task_events.cc).
  Result<ActionOutcome> RecordEvent(const std::string& event, const std::string& organisation, const Date& on,
                                    const std::string& person, const std::string& note);
  // Records a catalogue indicator's value for a year, at `organisation` (empty: the municipality's
  // indicator). A roadmap's coordinator records any; a person holding a role at the organisation
  // records its own (task_events.cc).
  Result<ActionOutcome> RecordIndicator(const std::string& indicator, const std::string& organisation, int year,
                                        double value, const std::string& person, const std::string& comment);
  // Creates a task of an on-demand activity ("roadmap/activity" or a unique activity id).
  Status CreateOnDemand(const std::string& activity, const std::string& organisation, const Date& due,
                        const std::string& person, std::string& created_id);

  // What `task` waits for and who must act (task_waiting.cc).
  Result<Waiting> WhyWaiting(const TaskRecord& task);

  // Who may see and do what: the rules every action here is checked against.
  const AccessPolicy& policy() const { return policy_; }

  // The configuration behind a stored task; nullptr when it left the YAML.
  const Roadmap* RoadmapOf(const TaskRecord& task) const;
  const Activity* ActivityOf(const TaskRecord& task) const;
  // The people responsible for, and confirming, a stored task.
  std::vector<const Person*> ResponsibleFor(const TaskRecord& task) const;
  std::vector<const Person*> ConfirmersOf(const TaskRecord& task) const;

 private:
  Date Today() const;
  // The shift policy of a task's activity, roadmap or deployment, most specific first.
  ShiftPolicy ShiftFor(const TaskRecord& task) const;
  // The person acting; nullptr (with the reason) when unknown or an auditor, who changes nothing.
  const Person* FindActor(const std::string& id, Status& status) const;
  // Resolves the task and the acting person; an error names whichever is unknown.
  Status ResolveActor(const std::string& text, const std::string& person_id, TaskRecord& task, const Person*& person);
  // The confirmer's decision on a submitted task: confirmed or returned.
  Status Decide(const std::string& text, const std::string& person_id, TaskStatus decision,
                const std::string& details_json, TaskRecord& task);
  // Loads the task inside `transaction` and checks it is still as `expected`.
  Status Reload(TaskStore::Transaction& transaction, TaskRecord& task) const;
  Status Finish(TaskStore::Transaction& transaction, const TaskRecord& before, TaskRecord after,
                const std::string& actor, const std::string& event, const std::string& details_json);
  Status CollectEvidence(const SubmitRequest& request, const Activity& activity, Submission& submission) const;

  // Sync steps (task_sync.cc). Materialise fills `planned_ids`, sorted, for CancelVanished; Advance
  // opens and dates what is due, reading only candidate tasks and the predecessors they wait for.
  // With `advanced_through`, no task has changed since that day was advanced: a task that waited
  // for its predecessors then waits still, and only the tasks opening after it are candidates.
  Status Materialise(SyncSummary& summary, std::vector<std::string>& planned_ids);
  // A digest of every planned task's identity and dates, in planning order.
  std::string PlanDigest() const;
  void CancelVanished(TaskStore::Transaction& transaction, const std::vector<std::string>& planned_ids,
                      SyncSummary& summary);
  void Advance(TaskStore::Transaction& transaction, const std::optional<Date>& advanced_through, SyncSummary& summary);
  // Sets aside the scheduled and open tasks due before settings.tracking_from (untracked), and
  // tracks again the untracked ones due on or after it, or every one when it is unset.
  void ApplyTrackingStart(TaskStore::Transaction& transaction, SyncSummary& summary);
  // Dates (or re-dates, while nobody has worked on them) the tasks counting from an event from
  // its recorded or implied day (task_events.cc).
  void DateFromEvents(TaskStore::Transaction& transaction, SyncSummary& summary);

  const Deployment& deployment_;
  TaskStore& store_;
  const EvidenceSink& evidence_;
  const Clock& clock_;
  AccessPolicy policy_;
  size_t batch_size_;
  std::string origin_;
  std::optional<std::string> plan_digest_;  // the deployment's, computed at the first Sync
  std::optional<std::string> deployment_inputs_;
  // The day of the last Advance and the store's count of task changes just after it.
  struct AdvanceMark {
    Date day;
    int64_t task_changes = 0;
  };
  std::optional<AdvanceMark> advanced_;
};

// A stored task as canonical JSON for the audit log.
std::string TaskJson(const TaskRecord& task);
// What a «submitted» event records of a submission, as canonical JSON: its id, comment, files and
// values — written by Submit, compared with the tables by the audit verifier.
std::string SubmittedJson(int64_t submission_id, const Submission& submission);
// An audit event's details: `details_json` (an object) with the task's state before and after,
// and where the action came from when `origin` is not empty.
std::string TransitionJson(const std::string& details_json, const TaskRecord& before, const TaskRecord& after,
                           const std::string& origin = "");

}  // namespace vekha
