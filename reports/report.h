// The implementation report (order 01-09/155 clause 4: «годовая аналитическая информация
// о реализации Дорожных карт»): how the tasks due in a period were carried out, per roadmap,
// activity and organisation, the indicator values reported with tasks against their targets, and
// the catalogue indicators' yearly targets against the values reported for the period's years. Built from
// the stored tasks and submissions as they stand on `as_of`; the renderers (report_*.h) only lay
// the figures out.
//
// A task belongs to the period when its effective deadline falls in it (undated tasks when they
// open in it); cancelled tasks are left out. Each task counts in exactly one column:
//   done on time / done late  confirmed or done, handed in (the accepted submission's local day,
//                             else the day it finished) on or before / after its deadline;
//   waived;  overdue          still waiting for work past its deadline on `as_of` (as `vekha tasks`);
//   open                      anything else: not yet due, submitted and awaiting confirmation, undated.
// Delays are in working days of the deployment's calendar, counted for tasks done late.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/status.h"
#include "engine/task_store.h"

namespace vekha::reports {

struct ReportOptions {
  Date from;
  Date to;
  Date as_of;                // "today": what is overdue is judged on this day
  std::string roadmap;       // empty: every roadmap
  std::string organisation;  // empty: every organisation
  std::string signatory;     // a person id; empty: the head of the first authority, when there is one
  std::string executor;      // a person id; empty: the coordinator of the first roadmap reported
  // Only the tasks this accepts (a person's view); empty: every task.
  std::function<bool(const TaskRecord&)> includes;
};

struct Tally {
  int on_time = 0;
  int late = 0;
  int overdue = 0;
  int waived = 0;
  int open = 0;
  int delay_days_sum = 0;  // working days, over the tasks done late
  int worst_delay_days = 0;

  int done() const { return on_time + late; }
  int total() const { return on_time + late + overdue + waived + open; }
  // Done on time among those whose deadline has been settled (done or overdue); nullopt without any.
  std::optional<double> OnTimeRate() const;
  // Mean delay of the tasks done late, in working days; 0 without any.
  double AverageDelay() const;
  void Add(const Tally& other);
};

enum class Outcome { kOnTime, kLate, kOverdue, kWaived, kOpen };

// One task of the period, with its outcome: the detail behind the tallies.
struct TaskLine {
  TaskRecord task;
  std::string activity_title;
  std::string organisation_name;
  Outcome outcome = Outcome::kOpen;
  std::optional<Date> handed_in;
  int delay_days = 0;  // working days past the deadline: handed in late, or overdue on as_of
};

struct ActivityLine {
  std::string roadmap;
  std::string activity;
  std::string activity_title;
  std::string group;  // the roadmap's section the activity is in; empty: none
  std::string organisation;
  std::string organisation_name;
  Tally tally;
};

struct RoadmapLine {
  std::string roadmap;
  std::string title;
  std::string source;       // "приказ от 01.06.2021 № 01-09/155"
  std::string coordinator;  // the coordinator's name
  Tally tally;
};

// One reported value of an indicator against the activity's target.
struct IndicatorLine {
  std::string roadmap;
  std::string activity_title;
  std::string organisation_name;
  std::string period_key;
  std::string indicator;
  std::string unit;
  double value = 0;
  std::optional<double> target;
  bool lower_is_better = false;
  std::optional<Date> reported_on;
  // Whether the value reaches the target in the indicator's direction; nullopt without a target.
  std::optional<bool> Met() const;
};

// A catalogue indicator in one year of the period (at one organisation, for an organisation's
// indicator): its target against the value reported, judged as `vekha indicators` judges it.
struct TargetLine {
  std::string indicator;  // the catalogue id
  std::string title;
  std::string unit;
  std::string organisation;       // empty: the municipality's indicator
  std::string organisation_name;  // empty for the municipality
  int year = 0;
  std::optional<double> target;
  bool positive_dynamics = false;  // the target is «положительная динамика»
  bool lower_is_better = false;
  std::optional<double> actual;
  std::string verdict;        // met, not-met, no-value, not-due, no-target
  std::string verdict_title;  // «достигнут», …
  std::optional<bool> on_time;
};

struct Signatory {
  std::string position;  // the role's title
  std::string name;
};

// Who prepared the report, as its «Исполнитель» line names them.
struct Executor {
  std::string name;
  std::string phone;  // empty: none in the YAML
  std::string email;
};

struct Report {
  std::string department;  // the deployment's name
  ReportOptions options;
  Tally total;
  std::vector<RoadmapLine> roadmaps;      // in the deployment's order
  std::vector<ActivityLine> activities;   // by roadmap, then activity order, then organisation
  std::vector<TaskLine> tasks;            // by deadline
  std::vector<IndicatorLine> indicators;  // by roadmap, then deadline
  std::vector<TargetLine> targets;        // the catalogue's years within the period, in catalogue order
  std::optional<Signatory> signatory;
  std::optional<Executor> executor;
};

std::string_view OutcomeName(Outcome outcome);   // on_time, late, overdue, waived, open
std::string_view OutcomeTitle(Outcome outcome);  // Russian

// Reads the tasks and submissions of the period from `store` and tallies them. Fails on a storage
// error, or when options name a roadmap, organisation or signatory the deployment does not have.
Status BuildReport(const Deployment& deployment, TaskStore& store, const ReportOptions& options, Report& out);

}  // namespace vekha::reports
