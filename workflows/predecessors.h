// Which tasks a dependent task waits for: the tasks of a predecessor activity (depends_on, or the
// activity a deadline counts from) for the same period. Shared by the sync, which opens and dates
// dependents, and by WhyWaiting, which tells people what a task waits for. Pure.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/task.h"

namespace vekha {

// Tasks of each (roadmap, activity), for finding a dependent task's predecessor.
using TaskIndex = std::map<std::pair<std::string, std::string>, std::vector<TaskRecord*>>;

// The predecessors of `task` among the tasks of `activity` for the same period: at the same
// organisation when that activity has tasks there (else at every organisation it has tasks at);
// with the same period key, or else the latest key that opened no later than `task`.
std::vector<const TaskRecord*> PredecessorsOf(const TaskRecord& task, const std::string& activity,
                                              const TaskIndex& index);

}  // namespace vekha
