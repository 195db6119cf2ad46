// The domain model of a deployment: organisations, roles, people, roadmaps and their activities,
// as loaded from YAML by workflows/. Plain values: built once by the loader, then read-only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
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
  std::string at;              // the organisation where the role is held
  std::vector<std::string> of;  // organisations the role covers besides `at` (a curator's schools)
  SourcePosition where;
};

struct Person {
  std::string id;
  std::string name;
  std::string email;
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
  std::string unit;                 // indicators
  std::optional<double> target;     // indicators
  bool lower_is_better = false;     // indicators
};

struct Activity {
  std::string id;
  std::string title;
  std::string timing_text;  // the «Сроки» phrase as written, empty for a structured timing
  TimingSpec timing;
  std::vector<PartyRef> responsible;
  OrganisationSelector for_organisations;  // empty = the roadmap's owner
  std::optional<PartyRef> confirmer;
  std::vector<Deliverable> deliverables;
  std::vector<std::string> depends_on;
  bool allow_partial = false;
  std::string source;  // where in the order the row comes from, e.g. "L130"
  std::vector<std::string> rules_off;  // rule ids that do not apply to this activity
  SourcePosition where;
  SourcePosition timing_where;
  SourcePosition depends_on_where;
  SourcePosition rules_off_where;
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

struct Settings {
  std::string name;
  std::string time_zone = "Europe/Moscow";
  std::string database = "vekha.sqlite3";  // resolved against the deployment directory
  ShiftPolicy shift = ShiftPolicy::kNext;
  int64_t max_evidence_bytes = 50LL << 20;  // the largest evidence file accepted
};

struct Deployment {
  Settings settings;
  std::map<std::string, std::string> roles;  // id → title
  std::vector<Organisation> organisations;
  std::vector<Person> people;
  std::vector<Roadmap> roadmaps;
  WorkCalendar calendar;

  const Organisation* FindOrganisation(const std::string& id) const;
  const Person* FindPerson(const std::string& id) const;
};

}  // namespace vekha
