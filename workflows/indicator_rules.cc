#include "workflows/indicator_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/planner.h"
#include "workflows/firing.h"
#include "workflows/input_checks.h"

namespace vekha {

namespace {

constexpr std::string_view kSubjectPrefix = "indicator/";

void AddOnce(std::vector<const Person*>& people, const std::vector<const Person*>& more) {
  for (const Person* person : more) {
    if (std::find(people.begin(), people.end(), person) == people.end()) people.push_back(person);
  }
}

std::vector<const Person*> RecipientsOf(const Deployment& deployment, const rules::Recipient& recipient,
                                        const IndicatorRow& row) {
  std::vector<const Person*> people;
  switch (recipient.kind) {
    case rules::Recipient::Kind::kCoordinator:
      for (const Roadmap& roadmap : deployment.roadmaps) {
        if (const Person* coordinator = deployment.FindPerson(roadmap.coordinator)) AddOnce(people, {coordinator});
      }
      break;
    case rules::Recipient::Kind::kHead:
      for (const Roadmap& roadmap : deployment.roadmaps) {
        if (const Organisation* owner = deployment.FindOrganisation(roadmap.owner)) {
          PartyRef head{PartyRef::Kind::kRoleAt, "head", roadmap.owner, "", "head@" + roadmap.owner, {}};
          AddOnce(people, ResolveParty(deployment, head, *owner));
        }
      }
      break;
    case rules::Recipient::Kind::kRoleAt: {
      const Organisation* at = row.organisation;
      if (at == nullptr && !deployment.roadmaps.empty()) at = deployment.FindOrganisation(deployment.roadmaps[0].owner);
      if (at == nullptr) break;
      PartyRef party{PartyRef::Kind::kRoleAt, recipient.role, recipient.organisation, "", recipient.text, {}};
      AddOnce(people, ResolveParty(deployment, party, *at));
      break;
    }
    case rules::Recipient::Kind::kResponsible:
    case rules::Recipient::Kind::kConfirmer:
      break;  // refused when the rule is loaded
  }
  return people;
}

std::vector<const Person*> RecipientsOf(const Deployment& deployment, const rules::Rule& rule,
                                        const IndicatorRow& row) {
  std::vector<const Person*> people;
  for (const rules::Recipient& recipient : rule.notify) AddOnce(people, RecipientsOf(deployment, recipient, row));
  return people;
}

}  // namespace

std::string IndicatorSubjectId(const IndicatorRow& row, int year) {
  return row.organisation != nullptr
             ? fmt::format("{}{}@{}/{}", kSubjectPrefix, row.indicator->id, row.organisation->id, year)
             : fmt::format("{}{}/{}", kSubjectPrefix, row.indicator->id, year);
}

bool IsIndicatorSubject(std::string_view subject) {
  return subject.starts_with(kSubjectPrefix) && subject.rfind('/') >= kSubjectPrefix.size();
}

std::string SubjectText(std::string_view subject) {
  if (!IsIndicatorSubject(subject)) return fmt::format("задача {}", subject);
  constexpr std::string_view kPrefix = kSubjectPrefix;
  size_t year = subject.rfind('/');
  std::string_view indicator = subject.substr(kPrefix.size(), year - kPrefix.size());
  size_t at = indicator.find('@');
  std::string where = at == std::string_view::npos ? "" : fmt::format(" ({})", indicator.substr(at + 1));
  return fmt::format("показатель {}{} за {}", indicator.substr(0, at), where, subject.substr(year + 1));
}

rules::TaskFacts IndicatorFacts(const IndicatorRow& row, const IndicatorYear& year, const std::string& year_key,
                                const Date& today, const WorkCalendar& calendar) {
  const Indicator& indicator = *row.indicator;
  rules::TaskFacts facts;
  facts.status = year.actual ? "done" : "open";
  facts.kind = "indicator";
  facts.activity = indicator.id;
  facts.key = year_key;
  if (row.organisation != nullptr) {
    facts.organisation = row.organisation->id;
    facts.organisation_kind = row.organisation->kind;
    for (const std::string& tag : row.organisation->tags) facts.organisation_tags.push_back(tag);
  }
  facts.today = today;
  facts.opens = MakeDate(year.year, 1, 1);
  facts.due = year.due;
  facts.effective_due = year.due;
  facts.working_days_until_due = calendar.WorkingDaysBetween(today, year.due);
  facts.responsible_assigned = true;  // an indicator has no responsible role to fill
  facts.confirmer_assigned = true;
  if (year.actual) facts.values.emplace_back(indicator.id, *year.actual);
  if (year.target) facts.targets.emplace_back(indicator.id, *year.target);
  if (year.verdict == IndicatorVerdict::kNotMet) facts.off_target.push_back(indicator.id);
  return facts;
}

void FireIndicatorRules(const Deployment& deployment, const std::vector<rules::Rule>& rules,
                        const std::vector<IndicatorValue>& values, const Date& today, CatchUpPolicy policy,
                        TaskStore::Transaction& transaction, FireSummary& summary) {
  std::vector<const rules::Rule*> indicator_rules;
  for (const rules::Rule& rule : rules) {
    if (rule.subject == rules::RuleSubject::kIndicator && rule.when) indicator_rules.push_back(&rule);
  }
  if (indicator_rules.empty() || deployment.indicators.empty()) return;
  std::stable_sort(indicator_rules.begin(), indicator_rules.end(),
                   [](const rules::Rule* a, const rules::Rule* b) { return a->priority > b->priority; });
  for (const IndicatorRow& row : IndicatorStatus(deployment, values, today, IndicatorFilter{})) {
    for (const IndicatorYear& year : row.years) {
      std::string year_key = fmt::format("{}", year.year);
      rules::TaskFacts facts = IndicatorFacts(row, year, year_key, today, deployment.calendar);
      std::string subject = IndicatorSubjectId(row, year.year);
      std::vector<DueFiring> due;
      for (const rules::Rule* rule : indicator_rules) {
        if (!rules::Evaluate(*rule->when, facts)) continue;
        std::optional<int> slot = SlotToFire(transaction.LastFiring(rule->id, subject, rule->stage), *rule, today);
        if (slot) due.push_back({rule, *slot, RecipientsOf(deployment, *rule, row)});
      }
      if (due.empty()) continue;
      const DueFiring* announced = AnnouncedOf(due);
      for (const DueFiring& entry : due) {
        if (!transaction.RecordFiring(Firing{entry.rule->id, subject, entry.rule->stage, entry.slot, today})) continue;
        ++summary.fired;
        nlohmann::json payload = {{"task", subject},
                                  {"roadmap", ""},
                                  {"activity", row.indicator->id},
                                  {"organisation", row.organisation != nullptr ? row.organisation->id : ""},
                                  {"key", year_key},
                                  {"effective_due", FormatIsoDate(year.due)},
                                  {"days_until_due", DaysBetween(today, year.due)},
                                  {"indicator", row.indicator->id},
                                  {"indicator_title", row.indicator->title},
                                  {"unit", row.indicator->unit},
                                  {"target", IndicatorTargetText(year, "не задано")},
                                  {"actual", year.actual ? DecimalText(*year.actual) : "нет значения"}};
        QueueMessages(transaction, entry, subject, payload, Suppressed(policy, entry, announced), policy, summary);
      }
    }
  }
}

}  // namespace vekha
