#include "workflows/access_policy.h"

#include <algorithm>
#include <set>

#include "engine/planner.h"
#include "workflows/task_service.h"

namespace vekha {

namespace {

bool Includes(const std::vector<const Person*>& people, const Person& person) {
  return std::find(people.begin(), people.end(), &person) != people.end();
}

}  // namespace

bool HoldsRole(const Person& person, const std::string& role) {
  return std::any_of(person.roles.begin(), person.roles.end(),
                     [&](const RoleAssignment& assignment) { return assignment.role == role; });
}

bool IsAuditor(const Person& person) { return HoldsRole(person, kAuditorRole); }

bool AccessPolicy::SeesEverything(const Person& person) const {
  return IsAuditor(person) || HoldsRole(person, kHeadRole);
}

bool AccessPolicy::Coordinates(const Person& person, const std::string& roadmap) const {
  return std::any_of(deployment_.roadmaps.begin(), deployment_.roadmaps.end(), [&](const Roadmap& candidate) {
    return candidate.id == roadmap && candidate.coordinator == person.id;
  });
}

bool AccessPolicy::CoordinatesAny(const Person& person) const {
  return std::any_of(deployment_.roadmaps.begin(), deployment_.roadmaps.end(),
                     [&](const Roadmap& roadmap) { return roadmap.coordinator == person.id; });
}

std::vector<const Person*> AccessPolicy::InvitablePeople(const Person& coordinator) const {
  std::set<std::string> named;
  for (const Roadmap& roadmap : deployment_.roadmaps) {
    if (roadmap.coordinator != coordinator.id) continue;
    for (const Activity& activity : roadmap.activities) {
      for (const Organisation* organisation : SelectOrganisations(deployment_, roadmap, activity)) {
        auto add = [&](const PartyRef& party) {
          for (const Person* person : ResolveParty(deployment_, party, *organisation)) named.insert(person->id);
        };
        for (const PartyRef& party : activity.responsible) add(party);
        if (activity.confirmer) add(*activity.confirmer);
      }
    }
  }
  named.erase(coordinator.id);
  std::vector<const Person*> people;
  for (const Person& person : deployment_.people) {
    if (named.contains(person.id)) people.push_back(&person);
  }
  return people;
}

bool AccessPolicy::IsResponsible(const Person& person, const TaskRecord& task) const {
  return Includes(service_.ResponsibleFor(task), person);
}

bool AccessPolicy::IsConfirmer(const Person& person, const TaskRecord& task) const {
  return Includes(service_.ConfirmersOf(task), person);
}

bool AccessPolicy::HoldsRoleAt(const Person& person, const std::string& organisation) const {
  return std::any_of(person.roles.begin(), person.roles.end(), [&](const RoleAssignment& assignment) {
    return assignment.at == organisation ||
           std::find(assignment.of.begin(), assignment.of.end(), organisation) != assignment.of.end();
  });
}

bool AccessPolicy::MaySee(const Person& person, const TaskRecord& task) const {
  return SeesEverything(person) || Coordinates(person, task.roadmap) || HoldsRoleAt(person, task.organisation) ||
         IsResponsible(person, task) || IsConfirmer(person, task);
}

bool AccessPolicy::MaySubmit(const Person& person, const TaskRecord& task) const {
  return !IsAuditor(person) && (Coordinates(person, task.roadmap) || IsResponsible(person, task));
}

bool AccessPolicy::MayDecide(const Person& person, const TaskRecord& task) const {
  return !IsAuditor(person) && IsConfirmer(person, task);
}

bool AccessPolicy::MayManage(const Person& person, const TaskRecord& task) const {
  return !IsAuditor(person) && Coordinates(person, task.roadmap);
}

bool AccessPolicy::MayRecordEvents(const Person& person) const { return !IsAuditor(person) && CoordinatesAny(person); }

bool AccessPolicy::MayReportAt(const Person& person, const std::string& organisation) const {
  if (IsAuditor(person)) return false;
  if (CoordinatesAny(person)) return true;
  return !organisation.empty() && std::any_of(person.roles.begin(), person.roles.end(),
                                              [&](const RoleAssignment& role) { return role.at == organisation; });
}

std::optional<std::vector<std::string>> AccessPolicy::OrganisationScope(const Person& person) const {
  if (SeesEverything(person) || CoordinatesAny(person)) return std::nullopt;
  for (const Roadmap& roadmap : deployment_.roadmaps) {
    for (const Activity& activity : roadmap.activities) {
      auto names_elsewhere = [&](const PartyRef& party) {
        return party.kind == PartyRef::Kind::kPerson ? party.person == person.id
               : party.kind == PartyRef::Kind::kRoleAt
                   ? std::any_of(person.roles.begin(), person.roles.end(),
                                 [&](const RoleAssignment& role) {
                                   return role.role == party.role && role.at == party.organisation;
                                 })
                   : false;
      };
      if (std::any_of(activity.responsible.begin(), activity.responsible.end(), names_elsewhere) ||
          (activity.confirmer && names_elsewhere(*activity.confirmer))) {
        return std::nullopt;
      }
    }
  }
  std::vector<std::string> organisations;
  for (const RoleAssignment& role : person.roles) {
    organisations.push_back(role.at);
    organisations.insert(organisations.end(), role.of.begin(), role.of.end());
  }
  std::sort(organisations.begin(), organisations.end());
  organisations.erase(std::unique(organisations.begin(), organisations.end()), organisations.end());
  return organisations;
}

}  // namespace vekha
