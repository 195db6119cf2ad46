// ActionOutcome: what a change made through TaskService did, as data — which task, what it became,
// what the submission held, who confirms it, the dates and values recorded. The presentation layers
// word it (workflows/outcome_text.h gives the Russian sentence the CLI and the pages print).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/model.h"

namespace vekha {

struct ActionOutcome {
  enum class Kind {
    kSubmitted,  // handed in, waiting for its confirmers
    kDone,       // handed in, finished (the activity has no confirmer)
    kConfirmed,
    kReturned,
    kWaived,
    kDated,
    kEventRecorded,
    kIndicatorReported,
  };
  Kind kind = Kind::kDone;
  std::string task;  // the task acted on; empty for events and indicators
  size_t files = 0;  // kSubmitted, kDone
  size_t values = 0;
  std::vector<const Person*> confirmers;  // kSubmitted: who confirms it
  std::string reason;                     // kReturned, kWaived
  std::optional<Date> opens;              // kDated: the task's opening day and deadline (none: undated)
  std::optional<Date> due;
  std::string subject;                  // kEventRecorded, kIndicatorReported: the event's or indicator's title
  const Organisation* where = nullptr;  // … at this organisation; null: the municipality's own
  std::optional<Date> on;               // kEventRecorded: the day, and the day it replaced
  std::optional<Date> replaced;
  int year = 0;  // kIndicatorReported: the year, the value and its unit
  double value = 0;
  std::string unit;
};

}  // namespace vekha
