#include "runtime/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>

#include "engine/scratch_directory.h"
#include "notifiers/delivery_worker.h"
#include "runtime/cycle.h"
#include "workflows/indicator_rules.h"
#include "workflows/input_checks.h"

namespace vekha::runtime {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr int kDeliveryBatch = 10'000;  // per cycle; cycles repeat while more are due

// The statuses a verb acts on.
bool Actionable(ScriptVerb verb, TaskStatus status) {
  switch (verb) {
    case ScriptVerb::kSubmit:
      return status == TaskStatus::kOpen || status == TaskStatus::kReturned;
    case ScriptVerb::kConfirm:
    case ScriptVerb::kReturn:
      return status == TaskStatus::kSubmitted;
    case ScriptVerb::kWaive:
    case ScriptVerb::kSetDate:
      return IsWaiting(status);
    case ScriptVerb::kRecordEvent:
    case ScriptVerb::kRecordIndicator:
      return false;  // about an event or an indicator, not a task
  }
  return false;
}

// The timeline kind of an audit event; empty for events the timeline leaves out.
std::string KindOf(const std::string& event) {
  static const std::map<std::string, std::string, std::less<>> kKinds = {{"opened", "opened"},
                                                                         {"submitted", "submitted"},
                                                                         {"confirmed", "confirmed"},
                                                                         {"returned", "returned"},
                                                                         {"waived", "waived"},
                                                                         {"dated", "dated"},
                                                                         {"cancelled", "cancelled"},
                                                                         {"untracked", "untracked"},
                                                                         {"reconciled", "reconciled"},
                                                                         {"created", "created"},
                                                                         {"flagged", "flagged"},
                                                                         {"notification queued", "reminded"},
                                                                         {"notification suppressed", "held-back"},
                                                                         {"notification sent", "sent"},
                                                                         {"notification failed", "failed"},
                                                                         {"event recorded", "event"},
                                                                         {"indicator reported", "value"}};
  auto found = kKinds.find(event);
  return found == kKinds.end() ? "" : found->second;
}

class Simulator {
 public:
  Simulator(Workspace& workspace, FakeClock& clock, const SimulationScript* script, SimulationResult& result)
      : workspace_(workspace),
        clock_(clock),
        script_(script),
        result_(result),
        zone_(workspace.deployment().settings.time_zone),
        channels_(notifiers::MakeDryRunChannels(workspace.deployment())),
        worker_(workspace.deployment(), workspace.store(), channels_, clock, /*seed=*/1,
                /*states_per_commit=*/kDeliveryBatch) {}

  Status Run(const Date& from, const Date& to) {
    Clock::TimePoint end = StartOfLocalDay(AddDays(to, 1), zone_);
    Clock::TimePoint start = StartOfLocalDay(from, zone_);
    clock_.Set(start);
    RefuseActionsBefore(start);
    Clock::TimePoint now = NextWake(start, AddDays(from, -1), zone_, std::nullopt);  // the first day's wake
    std::optional<Date> overdue_noted;
    while (now < end) {
      clock_.Set(now);
      Date today = LocalToday(clock_, zone_);
      if (Status status = Act(now, today); !status.ok()) return status;
      if (Status status = Cycle(); !status.ok()) return status;
      if (Status status = Collect(today); !status.ok()) return status;
      if (overdue_noted != today) {
        if (Status status = NoteOverdue(today, overdue_noted.has_value()); !status.ok()) return status;
        overdue_noted = today;
      }
      std::optional<Clock::TimePoint> next;
      if (Status status = NextWakeAfter(now, today, next); !status.ok()) return status;
      now = *next;
    }
    for (const TimelineEntry& entry : result_.timeline) ++result_.totals[entry.kind];
    return Status::Ok();
  }

 private:
  Status Cycle() {
    for (;;) {
      ++result_.wakes;
      Result<CycleResult> cycle = RunCycle(workspace_, worker_, kDeliveryBatch);
      if (!cycle.ok()) return cycle.status();
      if (!cycle->more_due) return Status::Ok();
    }
  }

  // The earliest of: the engine's next wake (the next day, a due delivery), a script action,
  // today's routines. Always later than `now`: the virtual clock only moves on.
  Status NextWakeAfter(Clock::TimePoint now, const Date& today, std::optional<Clock::TimePoint>& next) {
    std::optional<Clock::TimePoint> delivery;
    if (Status status = worker_.NextDue(delivery); !status.ok()) return status;
    next = NextWake(now, today, zone_, delivery, seconds{1});
    auto consider = [&](Clock::TimePoint candidate) {
      if (candidate > now && candidate < *next) next = candidate;
    };
    if (script_ != nullptr) {
      if (!script_->routines.empty()) consider(At(today, script_->routine_minute));
      if (next_action_ < script_->actions.size()) {
        const ScriptedAction& action = script_->actions[next_action_];
        consider(At(action.on, action.minute));
      }
    }
    return Status::Ok();
  }

  Clock::TimePoint At(const Date& day, int minute) const { return StartOfLocalDay(day, zone_) + minutes{minute}; }

  void RefuseActionsBefore(Clock::TimePoint start) {
    if (script_ == nullptr) return;
    for (; next_action_ < script_->actions.size(); ++next_action_) {
      const ScriptedAction& action = script_->actions[next_action_];
      if (At(action.on, action.minute) >= start) break;
      Refuse(action.verb, action.person, action.where, "dated before the simulated period", nullptr, &action.task);
    }
  }

  // The script's actions that are due, then (once a day, at their time) the routines.
  Status Act(Clock::TimePoint now, const Date& today) {
    if (script_ == nullptr) return Status::Ok();
    for (; next_action_ < script_->actions.size(); ++next_action_) {
      const ScriptedAction& action = script_->actions[next_action_];
      if (At(action.on, action.minute) > now) break;
      if (Status status = Perform(action, today); !status.ok()) return status;
    }
    if (!script_->routines.empty() && routines_ran_ != today && now >= At(today, script_->routine_minute)) {
      routines_ran_ = today;
      return RunRoutines(today);
    }
    return Status::Ok();
  }

  Status Perform(const ScriptedAction& action, const Date& today) {
    if (action.verb == ScriptVerb::kRecordEvent) {
      std::string organisation = action.task.organisations.empty() ? "" : action.task.organisations.front();
      Result<ActionOutcome> recorded = workspace_.service().RecordEvent(
          action.event, organisation, action.due.value_or(action.on), action.person, action.comment);
      if (!recorded.ok())
        Refuse(action.verb, action.person, action.where, recorded.status().message(), nullptr, &action.task);
      return Status::Ok();
    }
    if (action.verb == ScriptVerb::kRecordIndicator) {
      std::string organisation = action.task.organisations.empty() ? "" : action.task.organisations.front();
      Result<ActionOutcome> recorded = workspace_.service().RecordIndicator(
          action.indicator, organisation, action.year, action.value, action.person, action.comment);
      if (!recorded.ok())
        Refuse(action.verb, action.person, action.where, recorded.status().message(), nullptr, &action.task);
      return Status::Ok();
    }
    std::vector<TaskRecord> candidates;
    TaskQuery query;
    query.roadmap = action.task.roadmap;
    query.activity = action.task.activity;
    if (!action.task.organisations.empty()) query.organisation = action.task.organisations.front();
    if (Status status = workspace_.store().ListTasks(query, candidates); !status.ok()) return status;
    const TaskRecord* chosen = nullptr;
    for (const TaskRecord& task : candidates) {
      if (!action.task.Matches(task) || !Actionable(action.verb, task.status)) continue;
      if (chosen == nullptr || EarlierDue(task, *chosen)) chosen = &task;
    }
    if (chosen == nullptr) {
      Refuse(action.verb, action.person, action.where,
             fmt::format("no task of «{}» is ready to {}", action.task.activity, ScriptVerbName(action.verb)), nullptr,
             &action.task);
      return Status::Ok();
    }
    TaskService& service = workspace_.service();
    Status acted;
    switch (action.verb) {
      case ScriptVerb::kSubmit:
        acted = service.Submit({chosen->id, action.person, action.files, action.values, action.comment}).status();
        break;
      case ScriptVerb::kConfirm:
        acted = service.Confirm(chosen->id, action.person).status();
        break;
      case ScriptVerb::kReturn:
        acted = service.Return(chosen->id, action.person, action.reason).status();
        break;
      case ScriptVerb::kWaive:
        acted = service.Waive(chosen->id, action.person, action.reason).status();
        break;
      case ScriptVerb::kSetDate:
        acted = service.SetDate(chosen->id, action.person, *action.due, std::nullopt).status();
        break;
      case ScriptVerb::kRecordEvent:
      case ScriptVerb::kRecordIndicator:
        break;  // handled above
    }
    if (!acted.ok()) {
      Refuse(action.verb, action.person, action.where, acted.message(), chosen);
    } else if (action.verb == ScriptVerb::kReturn) {
      returned_on_[chosen->id] = today;
    }
    return Status::Ok();
  }

  static bool EarlierDue(const TaskRecord& a, const TaskRecord& b) {
    Date far = MakeDate(9999, 12, 31);
    return std::tie(a.effective_due ? *a.effective_due : far, a.opens) <
           std::tie(b.effective_due ? *b.effective_due : far, b.opens);
  }

  // A refused action or routine, with the script line it comes from and why.
  void Refuse(ScriptVerb verb, const std::string& person, const SourcePosition& where, const std::string& why,
              const TaskRecord* task, const TaskSelector* wanted = nullptr) {
    TimelineEntry entry;
    entry.at = FormatInstant(clock_.Now());
    entry.kind = "refused";
    entry.person = person;
    if (task != nullptr) {
      Describe(*task, entry);
    } else if (wanted != nullptr) {
      entry.roadmap = wanted->roadmap;
      entry.activity = wanted->activity;
      if (!wanted->organisations.empty()) entry.organisation = wanted->organisations.front();
    }
    entry.detail = fmt::format("{} ({}:{}): {}", ScriptVerbName(verb), where.file, where.line, why);
    result_.timeline.push_back(std::move(entry));
  }

  // A dated action still to come will act on the task in the routine's place: a submit or waive
  // instead of a submit routine, a confirm or return instead of a confirm routine.
  bool LeftToAction(ScriptVerb routine_verb, const TaskRecord& task) const {
    for (size_t index = next_action_; index < script_->actions.size(); ++index) {
      const ScriptedAction& action = script_->actions[index];
      bool competes = routine_verb == ScriptVerb::kSubmit
                          ? action.verb == ScriptVerb::kSubmit || action.verb == ScriptVerb::kWaive
                          : action.verb == ScriptVerb::kConfirm || action.verb == ScriptVerb::kReturn;
      if (competes && action.task.Matches(task)) return true;
    }
    return false;
  }

  const Routine* RoutineFor(ScriptVerb verb, const TaskRecord& task) const {
    for (const Routine& routine : script_->routines) {
      if (routine.verb == verb && routine.tasks.Matches(task)) return LeftToAction(verb, task) ? nullptr : &routine;
    }
    return nullptr;
  }

  Status RunRoutines(const Date& today) {
    const WorkCalendar& calendar = workspace_.deployment().calendar;
    TaskService& service = workspace_.service();
    // A submitting routine acts some working days before a deadline: tasks due later than that
    // (with a week to spare for the calendar's edges) are not read.
    int most_days_before = 0;
    for (const Routine& routine : script_->routines) {
      if (routine.verb == ScriptVerb::kSubmit) most_days_before = std::max(most_days_before, routine.working_days);
    }
    Date latest_due_to_submit = AddDays(calendar.AddWorkingDays(today, most_days_before), 7);
    for (TaskStatus status : {TaskStatus::kOpen, TaskStatus::kReturned, TaskStatus::kSubmitted}) {
      std::vector<TaskRecord> tasks;
      TaskQuery query;
      query.status = status;
      if (status != TaskStatus::kSubmitted) query.due_to = latest_due_to_submit;
      if (Status listed = workspace_.store().ListTasks(query, tasks); !listed.ok()) return listed;
      ScriptVerb verb = status == TaskStatus::kSubmitted ? ScriptVerb::kConfirm : ScriptVerb::kSubmit;
      for (const TaskRecord& task : tasks) {
        const Routine* routine = RoutineFor(verb, task);
        if (routine == nullptr || ReturnedOn(task.id, today) || refused_.contains(task.id)) continue;
        std::optional<Date> day;
        if (Status found = RoutineDay(*routine, task, calendar, day); !found.ok()) return found;
        if (!day || *day > today) continue;
        std::vector<const Person*> people =
            verb == ScriptVerb::kSubmit ? service.ResponsibleFor(task) : service.ConfirmersOf(task);
        std::string person = !routine->person.empty() ? routine->person : people.empty() ? "" : people.front()->id;
        if (person.empty()) continue;  // nobody to act: the rules say so
        Status acted;
        if (verb == ScriptVerb::kSubmit) {
          SubmitRequest request{task.id, person, {}, {}, routine->comment};
          acted = CompleteEvidence(task, request);
          if (acted.ok()) acted = service.Submit(request).status();
        } else {
          acted = service.Confirm(task.id, person).status();
        }
        if (!acted.ok()) {
          refused_.insert(task.id);  // reported once; the rules keep reminding
          Refuse(verb, person, routine->where, acted.message(), &task);
        }
      }
    }
    return Status::Ok();
  }

  // What a routine submits: a generated document for each document the activity asks for, and
  // each indicator at its target (0 when it has none).
  Status CompleteEvidence(const TaskRecord& task, SubmitRequest& request) {
    const Activity* activity = workspace_.service().ActivityOf(task);
    if (activity == nullptr) return Status::Ok();
    for (size_t index = 0; index < activity->deliverables.size(); ++index) {
      const Deliverable& deliverable = activity->deliverables[index];
      if (deliverable.kind == Deliverable::Kind::kIndicator) {
        request.values.push_back({std::to_string(index + 1), fmt::format("{}", deliverable.target.value_or(0))});
        continue;
      }
      if (documents_.path().empty())
        return Status::Error("не удалось создать временный каталог для документов моделирования");
      std::filesystem::path file = documents_.path() / fmt::format("{}-{}.txt", task.id, index + 1);
      std::ofstream out(file);
      out << fmt::format("«{}»\n{}, срок {}.\nДокумент создан `vekha simulate` вместо настоящего.\n", deliverable.title,
                         task.organisation, task.effective_due ? FormatIsoDate(*task.effective_due) : "—");
      if (!out.flush()) return Status::Error(fmt::format("не удалось записать {}", file.string()));
      request.files.push_back({std::to_string(index + 1), file.string()});
    }
    return Status::Ok();
  }

  // The day a routine acts on `task`: working days before its deadline, or after its submission.
  Status RoutineDay(const Routine& routine, const TaskRecord& task, const WorkCalendar& calendar,
                    std::optional<Date>& day) {
    if (routine.verb == ScriptVerb::kSubmit) {
      if (task.effective_due)
        day = std::max(task.opens, calendar.AddWorkingDays(*task.effective_due, -routine.working_days));
      return Status::Ok();
    }
    std::vector<Submission> submissions;
    if (Status status = workspace_.store().SubmissionsOf(task.id, submissions); !status.ok()) return status;
    if (submissions.empty()) return Status::Ok();
    std::optional<Clock::TimePoint> at = ParseInstant(submissions.back().at);
    if (at) day = calendar.AddWorkingDays(LocalDateOf(*at, zone_), routine.working_days);
    return Status::Ok();
  }

  // The audit events written since the last look, as timeline entries.
  Status Collect(const Date& today) {
    HistoryQuery query;
    query.after_seq = last_seq_;
    std::vector<AuditEntry> events;
    if (Status status = workspace_.store().History(query, events); !status.ok()) return status;
    if (events.empty()) return Status::Ok();
    last_seq_ = events.back().seq;
    std::unordered_map<std::string, TaskRecord> tasks;
    if (Status status = LoadTasks(events, tasks); !status.ok()) return status;
    for (const AuditEntry& event : events) {
      if (event.event == "materialised") {
        ++result_.planned;
        continue;
      }
      TimelineEntry entry;
      entry.kind = KindOf(event.event);
      if (entry.kind.empty()) continue;
      entry.at = event.at;
      entry.person = event.actor;
      auto task = tasks.find(event.task_id);
      if (task != tasks.end()) Describe(task->second, entry);
      if (IsIndicatorSubject(event.task_id)) entry.activity = event.task_id;
      nlohmann::json details = nlohmann::json::parse(event.details, nullptr, /*allow_exceptions=*/false);
      if (event.event.starts_with("notification")) {
        entry.person = details.value("recipient", "");
        entry.rule = details.value("rule", "");
        entry.channel = details.value("channel", "");
        entry.detail = details.contains("digest") ? details.value("digest", "") : details.value("error", "");
        if (entry.kind == "reminded" && task != tasks.end() && IsOverdue(task->second, today) &&
            !Responsible(task->second, entry.person)) {
          entry.kind = "escalated";
        }
      } else if (entry.kind == "returned" || entry.kind == "waived") {
        entry.detail = details.value("reason", "");
      } else if (entry.kind == "reconciled") {
        entry.detail = details.value("change", "");
      } else if (entry.kind == "flagged") {
        entry.rule = details.value("rule", "");
        entry.detail = details.value("flag", "");
      } else if (entry.kind == "event") {
        entry.organisation = details.value("organisation", "");
        entry.detail = fmt::format("{} {}", details.value("event", ""), details.value("on", ""));
      } else if (entry.kind == "value") {
        entry.organisation = details.value("organisation", "");
        entry.detail = fmt::format("{} {}: {}", details.value("indicator", ""), details.value("period", ""),
                                   details.contains("value") ? DecimalText(details["value"].get<double>()) : "");
      }
      if (entry.kind == "returned") returned_on_[event.task_id] = today;
      result_.timeline.push_back(std::move(entry));
    }
    return Status::Ok();
  }

  Status LoadTasks(const std::vector<AuditEntry>& events, std::unordered_map<std::string, TaskRecord>& tasks) {
    std::set<std::string> ids;
    for (const AuditEntry& event : events) {
      if (event.event != "materialised" && !event.task_id.empty()) ids.insert(event.task_id);
    }
    if (ids.empty()) return Status::Ok();
    TaskQuery query;
    query.ids.assign(ids.begin(), ids.end());
    std::vector<TaskRecord> found;
    if (Status status = workspace_.store().ListTasks(query, found); !status.ok()) return status;
    for (TaskRecord& task : found) tasks.emplace(task.id, std::move(task));
    return Status::Ok();
  }

  bool ReturnedOn(const std::string& task, const Date& day) const {
    auto found = returned_on_.find(task);
    return found != returned_on_.end() && found->second == day;
  }

  bool Responsible(const TaskRecord& task, const std::string& person) {
    std::vector<const Person*> people = workspace_.service().ResponsibleFor(task);
    return std::any_of(people.begin(), people.end(), [&](const Person* p) { return p->id == person; });
  }

  static void Describe(const TaskRecord& task, TimelineEntry& entry) {
    entry.task = task.id;
    entry.roadmap = task.roadmap;
    entry.activity = task.activity;
    entry.organisation = task.organisation;
    entry.due = task.effective_due ? FormatIsoDate(*task.effective_due) : "";
  }

  // Tasks whose deadline was yesterday and that still wait for work; on the first day, every task
  // already past its deadline. ListTasks gives them in deadline order.
  Status NoteOverdue(const Date& today, bool only_yesterday) {
    TaskQuery query;
    query.due_to = AddDays(today, -1);
    if (only_yesterday) query.due_from = query.due_to;
    std::vector<TaskRecord> tasks;
    if (Status status = workspace_.store().ListTasks(query, tasks); !status.ok()) return status;
    for (const TaskRecord& task : tasks) {
      if (!IsOverdue(task, today)) continue;
      TimelineEntry entry;
      entry.at = FormatInstant(clock_.Now());
      entry.kind = "overdue";
      Describe(task, entry);
      result_.timeline.push_back(std::move(entry));
    }
    return Status::Ok();
  }

  Workspace& workspace_;
  FakeClock& clock_;
  const SimulationScript* script_;
  SimulationResult& result_;
  std::string zone_;
  notifiers::ChannelSet channels_;
  notifiers::DeliveryWorker worker_;
  int64_t last_seq_ = 0;
  size_t next_action_ = 0;
  std::optional<Date> routines_ran_;
  std::map<std::string, Date> returned_on_;
  std::set<std::string> refused_;  // tasks a routine could not act on: not tried again
  ScratchDirectory documents_{
      "vekha-simulate-documents-"};  // a routine resubmits a returned task the next day at the earliest
};

}  // namespace

Result<SimulationResult> Simulate(Workspace& workspace, FakeClock& clock, const SimulationScript* script,
                                  const Date& from, const Date& to) {
  SimulationResult result;
  if (Status status = Simulator(workspace, clock, script, result).Run(from, to); !status.ok()) return status;
  return result;
}

}  // namespace vekha::runtime
