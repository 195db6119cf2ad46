#include "engine/planner.h"

#include <date/tz.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace vekha {

namespace {

std::string HolderKey(const std::string& role, const std::string& organisation) { return role + '\x1F' + organisation; }

std::string ActivityKey(const std::string& roadmap, const std::string& activity) { return roadmap + '\x1F' + activity; }

// The item of `list` with this id: through `index` when it is current (an entry that no longer
// names the item at its position means the list changed, so the list is scanned), else by a scan.
template <typename T>
const T* FindById(const std::vector<T>& list, const std::unordered_map<std::string, size_t>& index, bool indexed,
                  const std::string& id) {
  if (indexed) {
    auto found = index.find(id);
    if (found == index.end()) return nullptr;
    if (found->second < list.size() && list[found->second].id == id) return &list[found->second];
  }
  for (const T& item : list) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

}  // namespace

const Organisation* Deployment::FindOrganisation(const std::string& id) const {
  return FindById(organisations, index.organisations, Indexed(), id);
}

const Roadmap* Deployment::FindRoadmap(const std::string& id) const {
  return FindById(roadmaps, index.roadmaps, Indexed(), id);
}

const Activity* Deployment::FindActivity(const std::string& roadmap_id, const std::string& activity_id) const {
  if (Indexed()) {
    auto found = index.activities.find(ActivityKey(roadmap_id, activity_id));
    if (found == index.activities.end()) return nullptr;
    const Roadmap& roadmap = roadmaps[found->second.first];
    // A roadmap's activities may have changed since the index was built: check, then scan.
    if (found->second.second < roadmap.activities.size() &&
        roadmap.activities[found->second.second].id == activity_id) {
      return &roadmap.activities[found->second.second];
    }
  }
  const Roadmap* roadmap = FindRoadmap(roadmap_id);
  if (roadmap == nullptr) return nullptr;
  for (const Activity& activity : roadmap->activities) {
    if (activity.id == activity_id) return &activity;
  }
  return nullptr;
}

const EventDefinition* Deployment::FindEvent(const std::string& id) const {
  return FindById(events, index.events, Indexed(), id);
}

const Indicator* Deployment::FindIndicator(const std::string& id) const {
  return FindById(indicators, index.indicators, Indexed(), id);
}

const Person* Deployment::FindPerson(const std::string& id) const {
  return FindById(people, index.people, Indexed(), id);
}

void Deployment::Index() {
  index = DeploymentIndex{};
  for (size_t i = 0; i < organisations.size(); ++i) index.organisations.emplace(organisations[i].id, i);
  for (size_t r = 0; r < roadmaps.size(); ++r) {
    index.roadmaps.emplace(roadmaps[r].id, r);
    for (size_t a = 0; a < roadmaps[r].activities.size(); ++a) {
      index.activities.emplace(ActivityKey(roadmaps[r].id, roadmaps[r].activities[a].id), std::make_pair(r, a));
    }
  }
  for (size_t i = 0; i < events.size(); ++i) index.events.emplace(events[i].id, i);
  for (size_t i = 0; i < indicators.size(); ++i) index.indicators.emplace(indicators[i].id, i);
  for (size_t i = 0; i < people.size(); ++i) {
    index.people.emplace(people[i].id, i);
    for (const RoleAssignment& assignment : people[i].roles) {
      auto add = [&](const std::string& place) {
        std::vector<size_t>& holders = index.holders[HolderKey(assignment.role, place)];
        if (holders.empty() || holders.back() != i) holders.push_back(i);
      };
      add(assignment.at);
      for (const std::string& covered : assignment.of) add(covered);
    }
  }
}

namespace {

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool Matches(const OrganisationSelector& selector, const Organisation& organisation) {
  if (Contains(selector.ids, organisation.id)) return true;
  if (selector.kinds.empty() && selector.tags.empty()) return false;
  bool kind_ok = selector.kinds.empty() || Contains(selector.kinds, organisation.kind);
  bool tag_ok =
      selector.tags.empty() || std::any_of(organisation.tags.begin(), organisation.tags.end(),
                                           [&](const std::string& tag) { return Contains(selector.tags, tag); });
  return kind_ok && tag_ok;
}

bool Holds(const RoleAssignment& assignment, const std::string& role, const std::string& organisation) {
  return assignment.role == role && (assignment.at == organisation || Contains(assignment.of, organisation));
}

// The zone by name, or nullptr when unknown (the loader rejects unknown zones).
const date::time_zone* ZoneOf(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::optional<std::chrono::sys_seconds> DeadlineOf(const Occurrence& occurrence, const date::time_zone* zone) {
  if (!occurrence.effective_due || zone == nullptr) return std::nullopt;
  auto day_after =
      date::local_days{date::year_month_day{date::year{YearOf(*occurrence.effective_due)},
                                            date::month{static_cast<unsigned>(MonthOf(*occurrence.effective_due))},
                                            date::day{static_cast<unsigned>(DayOf(*occurrence.effective_due))}}} +
      date::days{1};
  return std::chrono::sys_seconds{std::chrono::duration_cast<std::chrono::seconds>(
      zone->to_sys(day_after, date::choose::earliest).time_since_epoch())};
}

bool InFilter(const PlannedTask& task, const PlanFilter& filter) {
  if (!filter.roadmap.empty() && task.roadmap->id != filter.roadmap) return false;
  if (!filter.organisation.empty() && task.organisation->id != filter.organisation) return false;
  if (!filter.person.empty() && std::none_of(task.responsible.begin(), task.responsible.end(),
                                             [&](const Person* person) { return person->id == filter.person; })) {
    return false;
  }
  const Occurrence& occurrence = task.occurrence;
  if (occurrence.effective_due) {
    if (filter.from && *occurrence.effective_due < *filter.from) return false;
    if (filter.to && *filter.to < *occurrence.effective_due) return false;
    return true;
  }
  // Undated (continuous, external) tasks are listed while they are open within the range.
  return !filter.to || !(*filter.to < occurrence.opens);
}

}  // namespace

std::vector<const Person*> Deployment::HoldersOf(const std::string& role, const std::string& organisation) const {
  std::vector<const Person*> holders;
  if (Indexed()) {
    if (auto found = index.holders.find(HolderKey(role, organisation)); found != index.holders.end()) {
      for (size_t position : found->second) holders.push_back(&people[position]);
    }
    return holders;
  }
  for (const Person& person : people) {
    if (std::any_of(person.roles.begin(), person.roles.end(),
                    [&](const RoleAssignment& assignment) { return Holds(assignment, role, organisation); })) {
      holders.push_back(&person);
    }
  }
  return holders;
}

std::vector<const Organisation*> SelectOrganisations(const Deployment& deployment, const Roadmap& roadmap,
                                                     const Activity& activity) {
  std::vector<const Organisation*> selected;
  if (activity.for_organisations.empty()) {
    if (const Organisation* owner = deployment.FindOrganisation(roadmap.owner)) selected.push_back(owner);
    return selected;
  }
  return SelectOrganisations(deployment, activity.for_organisations);
}

std::vector<const Organisation*> SelectOrganisations(const Deployment& deployment,
                                                     const OrganisationSelector& selector) {
  std::vector<const Organisation*> selected;
  for (const Organisation& organisation : deployment.organisations) {
    if (Matches(selector, organisation)) selected.push_back(&organisation);
  }
  return selected;
}

std::vector<const Person*> ResolveParty(const Deployment& deployment, const PartyRef& party,
                                        const Organisation& organisation) {
  std::vector<const Person*> people;
  if (party.kind == PartyRef::Kind::kPerson) {
    if (const Person* person = deployment.FindPerson(party.person)) people.push_back(person);
    return people;
  }
  const std::string& where = party.kind == PartyRef::Kind::kRoleAt ? party.organisation : organisation.id;
  return deployment.HoldersOf(party.role, where);
}

ExpansionContext ContextFor(const Deployment& deployment, const Roadmap& roadmap) {
  ExpansionContext context;
  context.from = roadmap.from;
  context.to = roadmap.to;
  context.year_type = roadmap.year_type;
  context.shift = roadmap.shift.value_or(deployment.settings.shift);
  context.calendar = &deployment.calendar;
  return context;
}

void ForEachPlannedTask(const Deployment& deployment, const PlanFilter& filter,
                        const std::function<void(const PlannedTask&)>& visit) {
  static const std::vector<PartyRef> kNobody;  // what is resolved when people are not wanted
  for (const Roadmap& roadmap : deployment.roadmaps) {
    if (!filter.roadmap.empty() && roadmap.id != filter.roadmap) continue;
    ExpansionContext context = ContextFor(deployment, roadmap);
    // Activities with a relative deadline need their predecessor expanded first; the loader has
    // rejected cycles, so resolving on demand terminates.
    std::map<std::string, Expansion> expanded;
    auto expand = [&](const Activity& activity, auto& self) -> const Expansion& {
      if (auto found = expanded.find(activity.id); found != expanded.end()) return found->second;
      const std::vector<Occurrence>* predecessor = nullptr;
      if (activity.timing.after) {
        for (const Activity& other : roadmap.activities) {
          if (other.id == activity.timing.after->activity) predecessor = &self(other, self).occurrences;
        }
      }
      return expanded[activity.id] = ExpandTiming(activity.timing, context, predecessor);
    };
    for (const Activity& activity : roadmap.activities) {
      const Expansion& expansion = expand(activity, expand);
      for (const Organisation* organisation : SelectOrganisations(deployment, roadmap, activity)) {
        std::vector<const Person*> responsible;
        std::vector<std::string> unassigned;
        for (const PartyRef& party : filter.people ? activity.responsible : kNobody) {
          std::vector<const Person*> holders = ResolveParty(deployment, party, *organisation);
          if (holders.empty()) unassigned.push_back(party.text);
          for (const Person* person : holders) {
            if (std::find(responsible.begin(), responsible.end(), person) == responsible.end()) {
              responsible.push_back(person);
            }
          }
        }
        const date::time_zone* zone =
            ZoneOf(organisation->time_zone.empty() ? deployment.settings.time_zone : organisation->time_zone);
        for (const Occurrence& occurrence : expansion.occurrences) {
          PlannedTask task{&roadmap,       &activity,
                           organisation,   occurrence,
                           expansion.kind, responsible,
                           unassigned,     filter.deadlines ? DeadlineOf(occurrence, zone) : std::nullopt};
          if (InFilter(task, filter)) visit(task);
        }
      }
    }
  }
}

std::vector<PlannedTask> PlanTasks(const Deployment& deployment, const PlanFilter& filter) {
  std::vector<PlannedTask> tasks;
  ForEachPlannedTask(deployment, filter, [&](const PlannedTask& task) { tasks.push_back(task); });
  std::stable_sort(tasks.begin(), tasks.end(), [](const PlannedTask& a, const PlannedTask& b) {
    auto due = [](const PlannedTask& task) { return task.occurrence.effective_due.value_or(MakeDate(9999, 12, 31)); };
    return std::make_tuple(due(a), a.occurrence.opens) < std::make_tuple(due(b), b.occurrence.opens);
  });
  return tasks;
}

}  // namespace vekha
