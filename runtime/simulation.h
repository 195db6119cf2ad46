// Simulation: what `vekha simulate` runs (docs/product.md, «The daemon and notifications») — the daemon's cycle (sync
// with the YAML, fire the rules, deliver what is due) on a virtual clock, waking when the daemon would (just after each
// local midnight, and when a held or retried message falls due) and when the script's people act;
// channels are dry runs, so nothing leaves the machine. The timeline is read back from the audit
// log the engine writes, so it shows what the real engine did, plus the days tasks fell overdue.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "runtime/workspace.h"
#include "workflows/simulation_script.h"

namespace vekha::runtime {

// One thing that happened. `kind`: opened, reminded, overdue, escalated, held-back, sent, failed,
// submitted, confirmed, returned, waived, dated, cancelled, reconciled, created, flagged, refused.
struct TimelineEntry {
  std::string at;  // ISO 8601 UTC instant
  std::string kind;
  std::string task;
  std::string roadmap;
  std::string activity;  // or, for a message of an indicator rule, its subject ("indicator/ID/YEAR")
  std::string organisation;
  std::string due;      // the task's effective deadline, when it has one
  std::string person;   // who acted, or who the message is for
  std::string rule;     // reminded, escalated, held-back
  std::string channel;  // sent, failed
  std::string detail;   // why an action was refused, a return's reason, the digest a message went in
                        // ("digest/…"), a delivery note, the event and its day, the indicator, year and value
};

struct SimulationResult {
  int planned = 0;  // tasks materialised
  int wakes = 0;    // engine cycles run
  std::vector<TimelineEntry> timeline;
  std::map<std::string, int> totals;  // per kind
};

// Runs the engine of `workspace` (which must use `clock`) from the start of local day `from` to
// the end of `to`, with `script`'s people acting (may be null). Fails on a storage error only: a
// refused action is a timeline entry.
Result<SimulationResult> Simulate(Workspace& workspace, FakeClock& clock, const SimulationScript* script,
                                  const Date& from, const Date& to);

}  // namespace vekha::runtime
