// SimulationScript: what people do during `vekha simulate` — dated actions (who submits, confirms,
// returns, waives or dates which task, records which event or reports which indicator's value,
// when) and routines (the responsible
// person submits N working days before each deadline; the confirmer confirms N working days after
// each submission). Loaded from YAML and checked against the deployment: every unknown person,
// activity, organisation or key is reported with file:line:column; a script with errors is not used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/model.h"
#include "engine/source_position.h"
#include "engine/task.h"
#include "workflows/diagnostics.h"
#include "workflows/submit_request.h"

namespace vekha {

enum class ScriptVerb { kSubmit, kConfirm, kReturn, kWaive, kSetDate, kRecordEvent, kRecordIndicator };

std::string_view ScriptVerbName(ScriptVerb verb);

// Which tasks an action or routine is about. Empty fields match any task.
struct TaskSelector {
  std::string roadmap;
  std::string activity;
  std::vector<std::string> organisations;
  std::optional<Date> due;  // the period whose deadline (as planned, or as shifted) is this day

  bool Matches(const TaskRecord& task) const;
};

// One dated action: at `minute` (local) of `on`, `person` does `verb` to the one task `task`
// selects that the verb applies to (of several, the one with the earliest deadline).
struct ScriptedAction {
  Date on;
  int minute = 10 * 60;
  std::string person;
  ScriptVerb verb = ScriptVerb::kSubmit;
  TaskSelector task;
  std::vector<SubmittedFile> files;  // paths resolved against the script's directory
  std::vector<SubmittedValue> values;
  std::string comment;
  std::string reason;       // return, waive
  std::optional<Date> due;  // set-date: the deadline; record-event: the event's day (default `on`)
  std::string event;        // record-event: the event's id (at task.organisations, if any)
  std::string indicator;    // record-indicator: the catalogue id (at task.organisations, if any)
  int year = 0;             // record-indicator: the year the value is for
  double value = 0;         // record-indicator: the value
  SourcePosition where;
};

// A habit applied to every task it selects: submit `working_days` before the deadline (negative:
// after it, i.e. late), or confirm `working_days` after the submission — by the task's own
// responsible person or confirmer unless `person` is set. A task a dated action is still to act on
// (submit or waive; confirm or return) is left to that action.
struct Routine {
  ScriptVerb verb = ScriptVerb::kSubmit;
  TaskSelector tasks;
  int working_days = 0;
  std::string person;
  std::string comment;
  SourcePosition where;
};

struct SimulationScript {
  std::string path;
  int routine_minute = 10 * 60;         // when, local time, routines act on their day
  std::vector<ScriptedAction> actions;  // in time order (stable for equal times)
  std::vector<Routine> routines;        // first match applies
};

// Loads and checks `path`. False (with the problems in `diagnostics`) when anything is wrong.
bool LoadSimulationScript(const std::string& path, const Deployment& deployment, SimulationScript& script,
                          Diagnostics& diagnostics);

}  // namespace vekha
