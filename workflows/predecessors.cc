#include "workflows/predecessors.h"

#include <algorithm>

namespace vekha {

std::vector<const TaskRecord*> PredecessorsOf(const TaskRecord& task, const std::string& activity,
                                              const TaskIndex& index) {
  auto found = index.find({task.roadmap, activity});
  if (found == index.end()) return {};
  bool here = std::any_of(found->second.begin(), found->second.end(),
                          [&](const TaskRecord* candidate) { return candidate->organisation == task.organisation; });
  std::vector<const TaskRecord*> candidates;
  for (const TaskRecord* candidate : found->second) {
    if (candidate->status == TaskStatus::kCancelled) continue;
    if (here && candidate->organisation != task.organisation) continue;
    candidates.push_back(candidate);
  }
  const TaskRecord* period = nullptr;
  for (const TaskRecord* candidate : candidates) {
    if (candidate->key == task.key) {
      period = candidate;
      break;
    }
    if (candidate->opens <= task.opens && (period == nullptr || period->opens < candidate->opens)) period = candidate;
  }
  std::vector<const TaskRecord*> predecessors;
  for (const TaskRecord* candidate : candidates) {
    if (period != nullptr && candidate->key == period->key) predecessors.push_back(candidate);
  }
  return predecessors;
}

}  // namespace vekha
