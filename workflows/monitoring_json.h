// What the roadmaps monitor as JSON, the same for `vekha indicators|event list --format json` and
// the API: the indicators' status rows, and the events with their recorded days and the tasks
// waiting for each. Keys are English; titles are the deployment's own. Pure functions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/task_store.h"
#include "workflows/indicator_status.h"

namespace vekha {

// {"indicators": [{id, title, unit, better, level, organisation, …, targets, years: [{year,
// target, actual, verdict, due, reported_at, reported_by, on_time, change}]}]}
nlohmann::ordered_json IndicatorRowsJson(const std::vector<IndicatorRow>& rows);

// {"events": [{id, title, scope, repeat, waiting_tasks, dates: [{organisation, key, on, person,
// recorded_at, note}]}]}; `waiting` counts the undated tasks per event id.
nlohmann::ordered_json EventsJson(const Deployment& deployment, const std::vector<EventDate>& dates,
                                  const std::map<std::string, int>& waiting);

// The undated tasks still waiting for each event: scheduled tasks of activities anchored on it.
Status CountTasksWaitingForEvents(const Deployment& deployment, TaskStore& store, std::map<std::string, int>& waiting);

}  // namespace vekha
