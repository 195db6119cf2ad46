#include "reports/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/clock.h"
#include "workflows/indicator_status.h"

namespace vekha::reports {

std::optional<double> Tally::OnTimeRate() const {
  int settled = on_time + late + overdue;
  if (settled == 0) return std::nullopt;
  return static_cast<double>(on_time) / settled;
}

double Tally::AverageDelay() const { return late == 0 ? 0.0 : static_cast<double>(delay_days_sum) / late; }

void Tally::Add(const Tally& other) {
  on_time += other.on_time;
  late += other.late;
  overdue += other.overdue;
  waived += other.waived;
  open += other.open;
  delay_days_sum += other.delay_days_sum;
  worst_delay_days = std::max(worst_delay_days, other.worst_delay_days);
}

std::optional<bool> IndicatorLine::Met() const {
  if (!target) return std::nullopt;
  return lower_is_better ? value <= *target : value >= *target;
}

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOnTime:
      return "on_time";
    case Outcome::kLate:
      return "late";
    case Outcome::kOverdue:
      return "overdue";
    case Outcome::kWaived:
      return "waived";
    case Outcome::kOpen:
      return "open";
  }
  return "open";
}

std::string_view OutcomeTitle(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOnTime:
      return "выполнено в срок";
    case Outcome::kLate:
      return "выполнено с опозданием";
    case Outcome::kOverdue:
      return "просрочено";
    case Outcome::kWaived:
      return "снято";
    case Outcome::kOpen:
      return "в работе";
  }
  return "в работе";
}

namespace {

void Count(const TaskLine& line, Tally& tally) {
  switch (line.outcome) {
    case Outcome::kOnTime:
      ++tally.on_time;
      break;
    case Outcome::kLate:
      ++tally.late;
      tally.delay_days_sum += line.delay_days;
      tally.worst_delay_days = std::max(tally.worst_delay_days, line.delay_days);
      break;
    case Outcome::kOverdue:
      ++tally.overdue;
      break;
    case Outcome::kWaived:
      ++tally.waived;
      break;
    case Outcome::kOpen:
      ++tally.open;
      break;
  }
}

bool InPeriod(const TaskRecord& task, const ReportOptions& options) {
  if (task.status == TaskStatus::kCancelled || task.status == TaskStatus::kUntracked) return false;
  if (task.effective_due) return *task.effective_due >= options.from && *task.effective_due <= options.to;
  return task.opens >= options.from && task.opens <= options.to;
}

std::string SourceText(const SourceDocument& source) {
  std::string text = source.date ? fmt::format("приказ от {:02}.{:02}.{}", DayOf(*source.date), MonthOf(*source.date),
                                               YearOf(*source.date))
                                 : std::string();
  if (!source.number.empty()) text += (text.empty() ? "приказ № " : " № ") + source.number;
  return text;
}

std::optional<Signatory> FindSignatory(const Deployment& deployment, const std::string& person_id) {
  auto role_title = [&](const std::string& role) {
    auto found = deployment.roles.find(role);
    return found == deployment.roles.end() ? role : found->second;
  };
  if (!person_id.empty()) {
    const Person* person = deployment.FindPerson(person_id);
    if (!person) return std::nullopt;
    return Signatory{person->roles.empty() ? "" : role_title(person->roles.front().role), person->name};
  }
  for (const Organisation& organisation : deployment.organisations) {
    if (organisation.kind != "authority") continue;
    for (const Person& person : deployment.people) {
      for (const RoleAssignment& role : person.roles) {
        if (role.role == "head" && role.at == organisation.id) return Signatory{role_title(role.role), person.name};
      }
    }
  }
  return std::nullopt;
}

bool HasIndicators(const Activity& activity) {
  return std::any_of(activity.deliverables.begin(), activity.deliverables.end(),
                     [](const Deliverable& deliverable) { return deliverable.kind == Deliverable::Kind::kIndicator; });
}

// The values of the latest submission that reported any, one line per indicator of the activity.
void AddIndicatorLines(const Activity& activity, const TaskLine& line, const std::vector<Submission>& submissions,
                       const std::string& time_zone, std::vector<IndicatorLine>& out) {
  auto reported = std::find_if(submissions.rbegin(), submissions.rend(),
                               [](const Submission& submission) { return !submission.values.empty(); });
  if (reported == submissions.rend()) return;
  std::optional<Date> reported_on;
  if (auto at = ParseInstant(reported->at)) reported_on = LocalDateOf(*at, time_zone);
  for (const Deliverable& deliverable : activity.deliverables) {
    if (deliverable.kind != Deliverable::Kind::kIndicator) continue;
    auto value = std::find_if(reported->values.begin(), reported->values.end(),
                              [&](const ReportedValue& candidate) { return candidate.name == deliverable.title; });
    if (value == reported->values.end()) continue;
    out.push_back(IndicatorLine{line.task.roadmap, line.activity_title, line.organisation_name, line.task.key,
                                deliverable.title, deliverable.unit, value->value, deliverable.target,
                                deliverable.lower_is_better, reported_on});
  }
}

// The catalogue indicators in each calendar year the period touches, for the report's organisation
// (the municipality's indicators too) or every one.
std::vector<TargetLine> TargetLines(const Deployment& deployment, const std::vector<IndicatorValue>& values,
                                    const ReportOptions& options) {
  std::vector<TargetLine> lines;
  IndicatorFilter filter;
  filter.organisation = options.organisation;
  std::vector<IndicatorRow> rows = IndicatorStatus(deployment, values, options.as_of, filter);
  if (!options.organisation.empty()) {
    filter.organisation.clear();
    for (IndicatorRow& row : IndicatorStatus(deployment, values, options.as_of, filter)) {
      if (row.organisation == nullptr) rows.push_back(std::move(row));
    }
  }
  for (const IndicatorRow& row : rows) {
    for (const IndicatorYear& year : row.years) {
      if (year.year < YearOf(options.from) || year.year > YearOf(options.to)) continue;
      const Indicator& indicator = *row.indicator;
      lines.push_back(
          TargetLine{indicator.id, indicator.title, indicator.unit, row.organisation ? row.organisation->id : "",
                     row.organisation ? row.organisation->name : "", year.year, year.target, year.positive_dynamics,
                     indicator.lower_is_better, year.actual, std::string(IndicatorVerdictKey(year.verdict)),
                     std::string(IndicatorVerdictTitle(year.verdict)), year.on_time});
    }
  }
  return lines;
}

}  // namespace

Status BuildReport(const Deployment& deployment, TaskStore& store, const ReportOptions& options, Report& out) {
  out = Report{};
  out.department = deployment.settings.name;
  out.options = options;
  if (!options.roadmap.empty() && std::none_of(deployment.roadmaps.begin(), deployment.roadmaps.end(),
                                               [&](const Roadmap& roadmap) { return roadmap.id == options.roadmap; })) {
    return Status::Error(fmt::format("нет дорожной карты «{}»", options.roadmap));
  }
  if (!options.organisation.empty() && !deployment.FindOrganisation(options.organisation)) {
    return Status::Error(fmt::format("нет организации «{}»", options.organisation));
  }
  std::string executor = options.executor;
  for (const Roadmap& roadmap : deployment.roadmaps) {
    if (!executor.empty()) break;
    if (options.roadmap.empty() || roadmap.id == options.roadmap) executor = roadmap.coordinator;
  }
  if (const Person* person = deployment.FindPerson(executor)) {
    out.executor = Executor{person->name, person->phone, person->email};
  } else if (!options.executor.empty()) {
    return Status::Error(fmt::format("нет человека «{}», который подготовил бы отчёт (--executor)", options.executor));
  }
  out.signatory = FindSignatory(deployment, options.signatory);
  if (!options.signatory.empty() && !out.signatory) {
    return Status::Error(fmt::format("нет человека «{}», который подписал бы отчёт", options.signatory));
  }

  std::map<std::string, size_t> organisation_order;
  for (const Organisation& organisation : deployment.organisations) {
    organisation_order.emplace(organisation.id, organisation_order.size());
  }
  auto organisation_name = [&](const std::string& id) {
    const Organisation* organisation = deployment.FindOrganisation(id);
    return organisation ? organisation->name : id;
  };
  auto zone_of = [&](const std::string& id) {
    const Organisation* organisation = deployment.FindOrganisation(id);
    return organisation && !organisation->time_zone.empty() ? organisation->time_zone : deployment.settings.time_zone;
  };

  for (const Roadmap& roadmap : deployment.roadmaps) {
    if (!options.roadmap.empty() && roadmap.id != options.roadmap) continue;
    TaskQuery query;
    query.roadmap = roadmap.id;
    query.organisation = options.organisation;
    std::vector<TaskRecord> tasks;
    if (Status status = store.ListTasks(query, tasks); !status.ok()) return status;

    const Person* coordinator = deployment.FindPerson(roadmap.coordinator);
    RoadmapLine roadmap_line{roadmap.id,
                             roadmap.title,
                             SourceText(roadmap.source),
                             coordinator ? coordinator->name : roadmap.coordinator,
                             {}};
    // (activity index, organisation order) → line, so the lines come out in the roadmap's order.
    std::map<std::pair<size_t, size_t>, ActivityLine> activity_lines;
    for (const TaskRecord& task : tasks) {
      if (!InPeriod(task, options) || (options.includes && !options.includes(task))) continue;
      auto activity = std::find_if(roadmap.activities.begin(), roadmap.activities.end(),
                                   [&](const Activity& candidate) { return candidate.id == task.activity; });
      TaskLine line{task,
                    activity == roadmap.activities.end() ? task.activity : activity->title,
                    organisation_name(task.organisation),
                    Outcome::kOpen,
                    std::nullopt,
                    0};
      bool done = task.status == TaskStatus::kConfirmed || task.status == TaskStatus::kDone;
      bool reports_values = activity != roadmap.activities.end() && HasIndicators(*activity);
      std::vector<Submission> submissions;
      if (done || reports_values) {
        if (Status status = store.SubmissionsOf(task.id, submissions); !status.ok()) return status;
      }
      std::string time_zone = zone_of(task.organisation);
      if (reports_values) AddIndicatorLines(*activity, line, submissions, time_zone, out.indicators);
      if (done) {
        // Handed in: the accepted (latest) submission's local day, else the day the task finished.
        line.handed_in = task.finished_on;
        if (!submissions.empty()) {
          if (auto at = ParseInstant(submissions.back().at)) line.handed_in = LocalDateOf(*at, time_zone);
        }
        bool late = task.effective_due && line.handed_in && *line.handed_in > *task.effective_due;
        line.outcome = late ? Outcome::kLate : Outcome::kOnTime;
        if (late) line.delay_days = deployment.calendar.WorkingDaysBetween(*task.effective_due, *line.handed_in);
      } else if (task.status == TaskStatus::kWaived) {
        line.outcome = Outcome::kWaived;
      } else if (IsOverdue(task, options.as_of)) {
        line.outcome = Outcome::kOverdue;
        line.delay_days = deployment.calendar.WorkingDaysBetween(*task.effective_due, options.as_of);
      }
      size_t activity_index = static_cast<size_t>(activity - roadmap.activities.begin());
      auto order = organisation_order.find(task.organisation);
      auto [entry, added] = activity_lines.try_emplace(
          {activity_index, order == organisation_order.end() ? organisation_order.size() : order->second});
      if (added) {
        entry->second = ActivityLine{roadmap.id,
                                     task.activity,
                                     line.activity_title,
                                     activity == roadmap.activities.end() ? "" : activity->group,
                                     task.organisation,
                                     line.organisation_name,
                                     {}};
      }
      Count(line, entry->second.tally);
      Count(line, roadmap_line.tally);
      out.tasks.push_back(std::move(line));
    }
    for (auto& [order, line] : activity_lines) out.activities.push_back(std::move(line));
    out.total.Add(roadmap_line.tally);
    out.roadmaps.push_back(std::move(roadmap_line));
  }
  std::stable_sort(out.tasks.begin(), out.tasks.end(), [](const TaskLine& a, const TaskLine& b) {
    return a.task.effective_due.value_or(a.task.opens) < b.task.effective_due.value_or(b.task.opens);
  });
  if (!deployment.indicators.empty()) {
    std::vector<IndicatorValue> values;
    if (Status status = store.IndicatorValues("", values); !status.ok()) return status;
    out.targets = TargetLines(deployment, values, options);
  }
  return Status::Ok();
}

}  // namespace vekha::reports
