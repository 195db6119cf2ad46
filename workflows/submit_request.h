// What a person hands in to finish a task, as data: the files with the deliverable each is for,
// the indicators' values as typed, a comment. The CLI, the web pages and the simulation each build
// one from their own input; TaskService::Submit checks it against the activity.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"

namespace vekha {

// A document handed in: the file at `path`, for the deliverable `deliverable` names — its number
// (1-based) or its title; empty when the activity asks for one document only.
struct SubmittedFile {
  std::string deliverable;
  std::string path;
  std::string name = {};  // the file's name as uploaded, kept as the evidence's name; empty: the path's
};

// An indicator's value as typed ("45", "45,5"), for the deliverable `indicator` names (its number
// or title).
struct SubmittedValue {
  std::string indicator;
  std::string value;
};

struct SubmitRequest {
  std::string task;    // id or unique prefix
  std::string person;  // who submits
  std::vector<SubmittedFile> files;
  std::vector<SubmittedValue> values;
  std::string comment;
};

// The deliverable of `activity` that "N" (1-based) or a title (case ignored) names; nullptr when
// none does.
const Deliverable* FindDeliverable(const Activity& activity, std::string_view name);

}  // namespace vekha
