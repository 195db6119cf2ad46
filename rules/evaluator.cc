// Evaluate: walks a compiled condition over one task's facts. No allocation, no exceptions; a fact
// the task lacks (no deadline, no reported value) makes every comparison with it false.
#include <algorithm>
#include <cmath>
#include <limits>

#include "rules/compiled_condition.h"

namespace vekha::rules {

namespace {

constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

// A value during evaluation: views into the facts or the compiled literals.
struct Value {
  bool boolean = false;
  double number = kAbsent;  // numbers and dates (days since 1970-01-01); NaN when absent
  std::string_view text;
  const std::vector<std::string_view>* fact_list = nullptr;
  const std::vector<std::string>* literal_list = nullptr;
};

double Day(const Date& date) { return static_cast<double>(std::chrono::sys_days{date}.time_since_epoch().count()); }
double Day(const std::optional<Date>& date) { return date ? Day(*date) : kAbsent; }

bool Waiting(std::string_view status) { return status == "scheduled" || status == "open" || status == "returned"; }

bool Overdue(const TaskFacts& facts) {
  return Waiting(facts.status) && facts.effective_due && *facts.effective_due < facts.today;
}

template <typename List>
bool Holds(const List& list, std::string_view item) {
  return std::any_of(list.begin(), list.end(), [&](const auto& entry) { return std::string_view(entry) == item; });
}

double Lookup(const std::vector<std::pair<std::string_view, double>>& pairs, std::string_view name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return value;
  }
  return kAbsent;
}

Value FactValue(Fact fact, const TaskFacts& facts) {
  Value value;
  switch (fact) {
    case Fact::kStatus: value.text = facts.status; break;
    case Fact::kKind: value.text = facts.kind; break;
    case Fact::kRoadmap: value.text = facts.roadmap; break;
    case Fact::kActivity: value.text = facts.activity; break;
    case Fact::kKey: value.text = facts.key; break;
    case Fact::kOrganisation: value.text = facts.organisation; break;
    case Fact::kOrganisationKind: value.text = facts.organisation_kind; break;
    case Fact::kOrganisationTags: value.fact_list = &facts.organisation_tags; break;
    case Fact::kToday: value.number = Day(facts.today); break;
    case Fact::kOpens: value.number = Day(facts.opens); break;
    case Fact::kDue: value.number = Day(facts.due); break;
    case Fact::kEffectiveDue: value.number = Day(facts.effective_due); break;
    case Fact::kHasDue: value.boolean = facts.effective_due.has_value(); break;
    case Fact::kDaysUntilDue: value.number = Day(facts.effective_due) - Day(facts.today); break;
    case Fact::kWorkingDaysUntilDue:
      value.number = facts.effective_due ? facts.working_days_until_due : kAbsent;
      break;
    case Fact::kOverdue: value.boolean = Overdue(facts); break;
    case Fact::kDaysOverdue: value.number = Overdue(facts) ? Day(facts.today) - Day(facts.effective_due) : 0; break;
    case Fact::kWorkingDaysOverdue:
      value.number = Overdue(facts) ? std::max(0, -facts.working_days_until_due) : 0;
      break;
    case Fact::kResponsibleAssigned: value.boolean = facts.responsible_assigned; break;
    case Fact::kConfirmerAssigned: value.boolean = facts.confirmer_assigned; break;
    case Fact::kDeliverables: value.fact_list = &facts.deliverables; break;
    case Fact::kMissing: value.fact_list = &facts.missing_deliverables; break;
    case Fact::kMissingDeliverables: value.number = static_cast<double>(facts.missing_deliverables.size()); break;
    case Fact::kDaysSinceSubmission: value.number = Day(facts.today) - Day(facts.submitted_on); break;
    case Fact::kWorkingDaysSinceSubmission:
      value.number = facts.submitted_on ? facts.working_days_since_submission : kAbsent;
      break;
    case Fact::kDaysSinceOpening: value.number = Day(facts.today) - Day(facts.opens); break;
    case Fact::kOffTarget: value.fact_list = &facts.off_target; break;
    case Fact::kIndicatorsOffTarget: value.number = static_cast<double>(facts.off_target.size()); break;
  }
  return value;
}

Value Eval(const Node& node, const TaskFacts& facts);

bool Compare(const Node& node, const TaskFacts& facts) {
  Value left = Eval(*node.left, facts);
  Value right = Eval(*node.right, facts);
  switch (node.left->type) {
    case Type::kBool:
      return node.comparison == Comparison::kEqual ? left.boolean == right.boolean : left.boolean != right.boolean;
    case Type::kString:
      return node.comparison == Comparison::kEqual ? left.text == right.text : left.text != right.text;
    default:
      break;
  }
  if (std::isnan(left.number) || std::isnan(right.number)) return false;  // an absent fact
  switch (node.comparison) {
    case Comparison::kEqual: return left.number == right.number;
    case Comparison::kNotEqual: return left.number != right.number;
    case Comparison::kLess: return left.number < right.number;
    case Comparison::kLessOrEqual: return left.number <= right.number;
    case Comparison::kGreater: return left.number > right.number;
    case Comparison::kGreaterOrEqual: return left.number >= right.number;
  }
  return false;
}

bool ListHolds(const Value& list, std::string_view item) {
  return list.fact_list != nullptr ? Holds(*list.fact_list, item) : list.literal_list != nullptr && Holds(*list.literal_list, item);
}

Value Eval(const Node& node, const TaskFacts& facts) {
  Value value;
  switch (node.kind) {
    case NodeKind::kLiteral:
      value.boolean = node.boolean;
      value.number = node.type == Type::kDate ? node.day : node.number;
      value.text = node.text;
      value.literal_list = &node.strings;
      return value;
    case NodeKind::kFact:
      return FactValue(node.fact, facts);
    case NodeKind::kHasDeliverable:
      value.boolean = Holds(facts.deliverables, node.text) && !Holds(facts.missing_deliverables, node.text);
      return value;
    case NodeKind::kValueOf:
      value.number = Lookup(facts.values, node.text);
      return value;
    case NodeKind::kTargetOf:
      value.number = Lookup(facts.targets, node.text);
      return value;
    case NodeKind::kNot:
      value.boolean = !Eval(*node.left, facts).boolean;
      return value;
    case NodeKind::kAnd:
      value.boolean = Eval(*node.left, facts).boolean && Eval(*node.right, facts).boolean;
      return value;
    case NodeKind::kOr:
      value.boolean = Eval(*node.left, facts).boolean || Eval(*node.right, facts).boolean;
      return value;
    case NodeKind::kCompare:
      value.boolean = Compare(node, facts);
      return value;
    case NodeKind::kIn:
      value.boolean = ListHolds(Eval(*node.right, facts), Eval(*node.left, facts).text);
      return value;
    case NodeKind::kContains:
      value.boolean = ListHolds(Eval(*node.left, facts), Eval(*node.right, facts).text);
      return value;
  }
  return value;
}

}  // namespace

bool Evaluate(const CompiledCondition& condition, const TaskFacts& facts) {
  return Eval(condition.root(), facts).boolean;
}

}  // namespace vekha::rules
