// Tasks: one occurrence of one activity for one organisation (docs/product.md, «Tasks and their lifecycle»), as stored.
// A plain value; the lifecycle rules live in workflows/lifecycle.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/date.h"
#include "engine/timing.h"

namespace vekha {

// scheduled → open → submitted → confirmed | returned (→ open again); waived; cancelled. An
// activity without a confirmer goes from submitted to done. "Overdue" is never stored.
// kUntracked: an occurrence due before the deployment's tracking began (settings.tracking_from);
// neither overdue nor reminded, and its dependents may open as if it were finished.
enum class TaskStatus { kScheduled, kOpen, kSubmitted, kConfirmed, kDone, kReturned, kWaived, kCancelled, kUntracked };

std::string_view TaskStatusName(TaskStatus status);
std::optional<TaskStatus> ParseTaskStatus(std::string_view name);
// Russian, for people.
std::string_view TaskStatusTitle(TaskStatus status);

// Finished work: confirmed, done, or waived. Dependents may open.
bool IsFinished(TaskStatus status);
// Nothing more is expected of the task: finished, or due before tracking began. Dependents may open.
bool ClearsDependents(TaskStatus status);
// Someone has acted on the task: it must never be cancelled or rescheduled by a reload.
bool HasWork(TaskStatus status);
// Still waiting for work: scheduled, open or returned.
bool IsWaiting(TaskStatus status);

// Where the task comes from: the roadmap's timing, or a person (on-demand activities).
enum class TaskOrigin { kPlan, kManual };

struct TaskRecord {
  std::string id;  // TaskIdFor(...) for planned tasks
  std::string roadmap;
  std::string activity;
  std::string organisation;
  std::string key;  // period key, "once", "continuous", or "manual-…" for on-demand tasks
  Repeat kind = Repeat::kOnce;
  TaskOrigin origin = TaskOrigin::kPlan;
  TaskStatus status = TaskStatus::kScheduled;
  Date opens;
  std::optional<Date> due;
  std::optional<Date> effective_due;
  std::optional<Date> finished_on;  // the day it was confirmed, done or waived
  bool operator==(const TaskRecord&) const = default;
};

// The stable short id of the task identified by (roadmap, activity, organisation, key): twelve
// Crockford base-32 characters of its SHA-256.
inline constexpr size_t kTaskIdLength = 12;
// Past its deadline and still waiting for work ("overdue" is derived from the clock, never stored).
bool IsOverdue(const TaskRecord& task, const Date& today);

std::string TaskIdFor(std::string_view roadmap, std::string_view activity, std::string_view organisation,
                      std::string_view key);
// Upper-cases and drops dashes and spaces, so people may type "4k7q-x2m9".
std::string NormalizeTaskId(std::string_view text);

}  // namespace vekha
