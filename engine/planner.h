// The planner: expands every activity of a deployment into tasks — one per occurrence and
// selected organisation — with the responsible people resolved by role (docs/product.md, «Tasks and their lifecycle»).
// Pure function of the Deployment; thread-safe. PlannedTask points into the Deployment, which must outlive it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/occurrences.h"

namespace vekha {

struct PlannedTask {
  const Roadmap* roadmap = nullptr;
  const Activity* activity = nullptr;
  const Organisation* organisation = nullptr;
  Occurrence occurrence;
  Repeat kind = Repeat::kOnce;
  std::vector<const Person*> responsible;            // empty: nobody holds the role (a finding)
  std::vector<std::string> unassigned;               // the responsible entries nobody holds, as written
  std::optional<std::chrono::sys_seconds> deadline;  // end of effective_due in the org's zone
};

struct PlanFilter {
  std::optional<Date> from;  // tasks due (or, undated, open) within [from, to]
  std::optional<Date> to;
  std::string organisation;
  std::string roadmap;
  std::string person;
  bool deadlines = true;  // compute PlannedTask::deadline (a time-zone conversion per task)
  bool people = true;     // resolve PlannedTask::responsible and ::unassigned (`person` needs it)
};

// The organisations an activity's tasks are for.
std::vector<const Organisation*> SelectOrganisations(const Deployment& deployment, const Roadmap& roadmap,
                                                     const Activity& activity);

// The organisations a selector picks, in file order.
std::vector<const Organisation*> SelectOrganisations(const Deployment& deployment,
                                                     const OrganisationSelector& selector);

// The people who hold `party` for a task at `organisation`.
std::vector<const Person*> ResolveParty(const Deployment& deployment, const PartyRef& party,
                                        const Organisation& organisation);

// The expansion context of a roadmap within a deployment.
ExpansionContext ContextFor(const Deployment& deployment, const Roadmap& roadmap);

// Calls `visit` with every task the filter selects, roadmap by roadmap and activity by activity,
// without collecting them: for callers that keep less of each task than a PlannedTask.
void ForEachPlannedTask(const Deployment& deployment, const PlanFilter& filter,
                        const std::function<void(const PlannedTask&)>& visit);

// Tasks sorted by effective due date (undated last), then roadmap, activity, organisation.
std::vector<PlannedTask> PlanTasks(const Deployment& deployment, const PlanFilter& filter);

}  // namespace vekha
