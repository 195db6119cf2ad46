// The domain model of a deployment: organisations, roles, people, roadmaps and their activities,
// as loaded from YAML by workflows/. Plain values: built once by the loader, then read-only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/channel_settings.h"
#include "engine/date.h"
#include "engine/http_settings.h"
#include "engine/source_position.h"
#include "engine/timing.h"
#include "engine/work_calendar.h"

namespace vekha {

struct Organisation {
  std::string id;
  std::string name;
  std::string kind;  // authority, school, kindergarten, … (see kOrganisationKinds in workflows)
  std::string parent;
  std::vector<std::string> tags;
  std::string time_zone;  // IANA name; empty = the deployment's default
  SourcePosition where;
};

struct RoleAssignment {
  std::string role;
  std::string at;               // the organisation where the role is held
  std::vector<std::string> of;  // organisations the role covers besides `at` (a curator's schools)
  SourcePosition where;
};

struct Person {
  std::string id;
  std::string name;
  std::string email;
  std::string phone;      // as written, for the «Исполнитель» line of reports; empty: none
  std::string time_zone;  // for quiet hours; empty: the deployment's
  std::vector<RoleAssignment> roles;
  SourcePosition where;
};

// Who a task is for: a role at the task's organisation ("director"), a role at a named
// organisation ("specialist@mku"), or a named person.
struct PartyRef {
  enum class Kind { kRole, kRoleAt, kPerson };
  Kind kind = Kind::kRole;
  std::string role;
  std::string organisation;
  std::string person;
  std::string text;  // as written
  SourcePosition where;
};

// Which organisations an activity fans out to: one task per selected organisation.
struct OrganisationSelector {
  std::vector<std::string> kinds;
  std::vector<std::string> tags;
  std::vector<std::string> ids;
  SourcePosition where;
  bool empty() const { return kinds.empty() && tags.empty() && ids.empty(); }
};

struct Deliverable {
  enum class Kind { kDocument, kIndicator };
  Kind kind = Kind::kDocument;
  std::string title;
  std::string unit;              // indicators
  std::optional<double> target;  // indicators
  bool lower_is_better = false;  // indicators
};

struct Activity {
  std::string id;
  std::string title;
  std::string timing_text;  // the «Сроки» phrase as written, empty for a structured timing
  TimingSpec timing;
  std::vector<PartyRef> responsible;
  OrganisationSelector for_organisations;  // empty = the roadmap's owner
  std::optional<PartyRef> confirmer;
  bool confirm_not_by_submitter = true;  // a confirmer may not confirm their own submission
  std::vector<Deliverable> deliverables;
  std::vector<std::string> depends_on;
  bool allow_partial = false;
  std::string source;  // where in the order the row comes from, e.g. "L130"
  std::string group;   // the order's section headings above the row («Проект 1 / 1. Повысить…»)
  std::string result;  // the order's «Ожидаемый результат», as written
  std::vector<std::string> rules_off;  // rule ids that do not apply to this activity
  SourcePosition where;
  SourcePosition timing_where;
  SourcePosition depends_on_where;
  SourcePosition rules_off_where;
};

// Something that happens and that deadlines count from: at each organisation («ОО включена в
// проект», «получены результаты ВПР») or once for the municipality («начало экзаменационного
// периода»). Its date is recorded by a coordinator, or implied by the completion of an activity.
struct EventDefinition {
  std::string id;
  std::string title;
  std::vector<std::string> phrases;  // how «Сроки» cells name it («получения результатов ВПР»)
  bool per_organisation = false;   // `scope: organisation`; else the municipality's
  bool yearly = true;              // a date each year, or one for all time (`repeat: once`)
  std::string implied_by_roadmap;  // `implied_by: roadmap/activity`: finishing that task dates it
  std::string implied_by_activity;
  SourcePosition where;
};

// A target of a catalogue indicator for one year: a value, or «положительная динамика» (better
// than the year before).
struct IndicatorTarget {
  int year = 0;
  std::optional<double> value;
  bool positive_dynamics = false;
};

// An indicator the roadmaps monitor (seed 000's 83 programme indicators, the МСОКО catalogue):
// what it measures, in which unit and direction, at which level, and its target for each year.
// Values come with tasks' submissions or by hand (`vekha indicators record`).
struct Indicator {
  std::string id;
  std::string title;
  std::string unit;
  bool lower_is_better = false;
  bool per_organisation = false;           // `level: organisation`; else the municipality's
  OrganisationSelector for_organisations;  // with per_organisation: which (default: every school)
  std::string measured;  // how: «на начало учебного года», «за последние 3 года»…
  std::string group;     // the document's section («Проект 1. …»)
  std::string source;                    // where in the document («L394»)
  std::optional<double> baseline;        // «Исходное значение»
  std::vector<IndicatorTarget> targets;  // by year, ascending
  MonthDay report_by{1, 31};             // a year's value is due on this day of the next year
  SourcePosition where;
};

struct SourceDocument {
  std::string issuer;
  std::string number;
  std::optional<Date> date;
  std::string reference;  // appendix, clause, lines
};

struct Roadmap {
  std::string id;
  std::string title;
  SourceDocument source;
  Date from;
  Date to;
  YearType year_type = YearType::kCalendar;
  std::string owner;        // organisation
  std::string coordinator;  // person
  std::optional<ShiftPolicy> shift;
  std::vector<Activity> activities;
  std::vector<std::string> rules_off;  // rule ids that do not apply to this roadmap
  SourcePosition where;
  SourcePosition rules_off_where;
};

// vekha.yaml's settings; the notifications' and the web server's have their own headers.
struct Settings {
  std::string name;
  std::string time_zone = "Europe/Moscow";
  std::string database = "vekha.sqlite3";  // resolved against the deployment directory
  ShiftPolicy shift = ShiftPolicy::kNext;
  int64_t max_evidence_bytes = 50LL << 20;  // the largest evidence file accepted
  NotificationSettings notifications;
  HttpSettings http;
  std::string audit_signing_key;  // the key signing the audit log's checkpoints; empty: none
  // The first day the deployment tracks: occurrences due earlier are set aside as untracked
  // (neither overdue nor reminded). Unset: every occurrence is tracked.
  std::optional<Date> tracking_from;
};

// Look-up tables over a deployment's lists, by position (so a copied deployment keeps them valid).
struct DeploymentIndex {
  std::unordered_map<std::string, size_t> organisations;  // id → position
  std::unordered_map<std::string, size_t> people;         // id → position
  // "role\x1Forganisation" → positions of the people holding the role there (at it, or covering it
  // with `of`), in file order.
  std::unordered_map<std::string, std::vector<size_t>> holders;
  std::unordered_map<std::string, size_t> roadmaps;  // id → position
  // "roadmap\x1Factivity" → the roadmap's position and the activity's within it
  std::unordered_map<std::string, std::pair<size_t, size_t>> activities;
  std::unordered_map<std::string, size_t> events;      // id → position
  std::unordered_map<std::string, size_t> indicators;  // id → position
};

struct Deployment {
  Settings settings;
  std::map<std::string, std::string> roles;  // id → title
  std::vector<Organisation> organisations;
  std::vector<Person> people;
  std::vector<Roadmap> roadmaps;
  std::vector<EventDefinition> events;
  std::vector<Indicator> indicators;
  WorkCalendar calendar;
  DeploymentIndex index;  // built by Index(); the look-ups scan the lists when it is out of date

  const Organisation* FindOrganisation(const std::string& id) const;
  const Roadmap* FindRoadmap(const std::string& id) const;
  const Activity* FindActivity(const std::string& roadmap, const std::string& activity) const;
  const Person* FindPerson(const std::string& id) const;
  const EventDefinition* FindEvent(const std::string& id) const;
  const Indicator* FindIndicator(const std::string& id) const;
  // The people holding `role` at `organisation` (or covering it with `of`), in file order.
  std::vector<const Person*> HoldersOf(const std::string& role, const std::string& organisation) const;
  // (Re)builds `index` from the lists; the loader calls it once they are complete.
  void Index();

 private:
  bool Indexed() const {
    return index.organisations.size() == organisations.size() && index.people.size() == people.size() &&
           index.roadmaps.size() == roadmaps.size() && index.events.size() == events.size() &&
           index.indicators.size() == indicators.size();
  }
};

}  // namespace vekha
