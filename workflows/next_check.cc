#include "workflows/next_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/sha256.h"
#include "rules/condition.h"

namespace vekha {

namespace {

// Past this many days the window is no bound worth keeping: look daily.
constexpr int kLongestWindowDays = 400;

// A SHA-256 of fields, each closed by a unit separator so that no two lists digest alike.
class FieldDigest {
 public:
  void Add(std::string_view field) {
    sha_.Update(field);
    sha_.Update("\x1F");
  }
  std::string Hex() { return sha_.FinishHex(); }

 private:
  Sha256 sha_;
};

}  // namespace

CheckWindow CheckWindowOf(const std::vector<rules::Rule>& rules) {
  CheckWindow window;
  for (const rules::Rule& rule : rules) {
    if (!rule.when || rule.subject != rules::RuleSubject::kTask) continue;
    if (rules::ReadsToday(*rule.when)) window.daily = true;
    if (rules::ComparesFacts(*rule.when)) window.between_anchors = true;
    for (double literal : rules::NumbersIn(*rule.when)) {
      double days = std::abs(literal) * 2 + 7;
      if (days > kLongestWindowDays) {
        window.daily = true;
      } else {
        window.days = std::max(window.days, static_cast<int>(std::ceil(days)));
      }
    }
  }
  return window;
}

Date NextCheckDay(const TaskRecord& task, const std::optional<Date>& submitted_on, const CheckWindow& window,
                  const std::optional<Date>& next_repeat, const Date& today) {
  Date tomorrow = AddDays(today, 1);
  Date next = kNoNextCheck;
  std::vector<Date> anchors = {task.opens};
  for (const std::optional<Date>& day : {task.due, task.effective_due, submitted_on}) {
    if (day) anchors.push_back(*day);
  }
  std::sort(anchors.begin(), anchors.end());
  if (window.between_anchors) anchors = {anchors.front(), anchors.back()};
  if (window.daily) next = tomorrow;
  for (size_t i = 0; i < anchors.size() && next != tomorrow; ++i) {
    Date first = AddDays(anchors[i], -window.days);
    // Between the first and the last day, when facts are compared with each other, every day.
    Date last = AddDays(window.between_anchors ? anchors.back() : anchors[i], window.days);
    if (tomorrow < first) {
      next = std::min(next, first);
    } else if (!(last < tomorrow)) {
      next = tomorrow;
    }
  }
  if (next_repeat) next = std::min(next, std::max(*next_repeat, tomorrow));
  return next;
}

std::string RuleInputsDigest(std::string_view deployment_digest, const std::vector<rules::Rule>& rules) {
  FieldDigest digest;
  auto add = [&](std::string_view field) { digest.Add(field); };
  add(deployment_digest);
  for (const rules::Rule& rule : rules) {
    add(rule.id);
    add(rule.stage);
    add(rule.when_text);
    add(std::to_string(rule.repeat_days.value_or(0)));
    add(rule.only_roadmap);
    add(rule.only_activity);
  }
  return digest.Hex();
}

std::string DeploymentInputsDigest(const Deployment& deployment) {
  FieldDigest digest;
  auto add = [&](std::string_view field) { digest.Add(field); };
  for (const Organisation& organisation : deployment.organisations) {
    add(organisation.id);
    add(organisation.kind);
    for (const std::string& tag : organisation.tags) add(tag);
  }
  for (const Person& person : deployment.people) {
    add(person.id);
    for (const RoleAssignment& role : person.roles) {
      add(role.role);
      add(role.at);
      for (const std::string& covered : role.of) add(covered);
    }
  }
  for (const Roadmap& roadmap : deployment.roadmaps) {
    add(roadmap.id);
    for (const std::string& off : roadmap.rules_off) add(off);
    for (const Activity& activity : roadmap.activities) {
      add(activity.id);
      for (const PartyRef& party : activity.responsible) add(party.text);
      add(activity.confirmer ? activity.confirmer->text : "");
      for (const Deliverable& deliverable : activity.deliverables) {
        add(deliverable.title);
        add(deliverable.target ? fmt::format("{}", *deliverable.target) : "");
        add(deliverable.lower_is_better ? "lower" : "higher");
      }
      for (const std::string& off : activity.rules_off) add(off);
    }
  }
  // The calendar: working-day facts count its days.
  for (int year = deployment.calendar.FirstCoveredYear(); year != 0 && year <= deployment.calendar.LastCoveredYear();
       ++year) {
    std::string days;
    for (Date day = MakeDate(year, 1, 1); YearOf(day) == year; day = AddDays(day, 1)) {
      days += deployment.calendar.IsWorkingDay(day) ? '1' : '0';
    }
    add(days);
  }
  return digest.Hex();
}

}  // namespace vekha
