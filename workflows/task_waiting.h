// Why a task is not moving and who must act: a scheduled task waits for its event, for a date from
// the coordinator, for the tasks it depends on or for its opening day; a submitted one for its
// confirmers; an open or returned one for its responsible people; one due before tracking began is
// set aside. As data (the API's "waiting") and as one Russian sentence (pages, `vekha tasks`).
// TaskService::WhyWaiting builds it from the stored tasks.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "engine/task.h"

namespace vekha {

struct Waiting {
  enum class Kind {
    kNothing,       // finished or cancelled
    kEvent,         // an undated task counting from an event not recorded yet
    kDate,          // an external-timing task (open or not) the coordinator has not dated yet
    kPredecessors,  // tasks it depends on are not finished
    kOpensLater,    // its opening day has not come
    kResponse,      // open: the responsible people have not answered
    kRework,        // returned: the responsible people must answer again
    kConfirmation,  // submitted: the confirmers have not decided
    kUntracked,     // due before tracking began
  };
  Kind kind = Kind::kNothing;
  std::optional<Date> opens;               // kOpensLater
  const EventDefinition* event = nullptr;  // kEvent
  std::vector<TaskRecord> predecessors;    // kPredecessors: the unfinished ones, by deadline
  std::vector<const Person*> who;          // who must act next
  std::string text;                        // the sentence for people; empty for kNothing
};

// "event", "date", "predecessors", "opens-later", "response", "rework", "confirmation",
// "untracked", "nothing".
std::string_view WaitingKindName(Waiting::Kind kind);

// {"kind", "text", "who": [person ids], "predecessors": [task ids], "opens"?, "event"?}: the same
// object in the API and `vekha tasks --format json`.
nlohmann::json WaitingJson(const Waiting& waiting);

}  // namespace vekha
