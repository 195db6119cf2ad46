// Evaluate: walks a compiled condition over one task's facts. No allocation, no exceptions; a fact
// the task lacks (no deadline, no reported value) makes every comparison with it false.
#include <algorithm>
#include <cmath>
#include <limits>

#include "rules/compiled_condition.h"

namespace vekha::rules {

namespace {

constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

// The compiler has typed every node, so each type has its own evaluation function and nothing
// returns more than it carries. Numbers carry dates as days since 1970-01-01; NaN is "absent".

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

double EvalNumber(const Node& node, const TaskFacts& facts) {
  switch (node.kind) {
    case NodeKind::kLiteral:
      return node.type == Type::kDate ? node.day : node.number;
    case NodeKind::kValueOf:
      return Lookup(facts.values, node.text);
    case NodeKind::kTargetOf:
      return Lookup(facts.targets, node.text);
    default:
      break;
  }
  switch (node.fact) {
    case Fact::kToday:
      return Day(facts.today);
    case Fact::kOpens:
      return Day(facts.opens);
    case Fact::kDue:
      return Day(facts.due);
    case Fact::kEffectiveDue:
      return Day(facts.effective_due);
    case Fact::kDaysUntilDue:
      return Day(facts.effective_due) - Day(facts.today);
    case Fact::kWorkingDaysUntilDue:
      return facts.effective_due ? facts.working_days_until_due : kAbsent;
    case Fact::kDaysOverdue:
      return Overdue(facts) ? Day(facts.today) - Day(facts.effective_due) : 0;
    case Fact::kWorkingDaysOverdue:
      return Overdue(facts) ? std::max(0, -facts.working_days_until_due) : 0;
    case Fact::kMissingDeliverables:
      return static_cast<double>(facts.missing_deliverables.size());
    case Fact::kDaysSinceSubmission:
      return Day(facts.today) - Day(facts.submitted_on);
    case Fact::kWorkingDaysSinceSubmission:
      return facts.submitted_on ? facts.working_days_since_submission : kAbsent;
    case Fact::kDaysSinceOpening:
      return Day(facts.today) - Day(facts.opens);
    case Fact::kIndicatorsOffTarget:
      return static_cast<double>(facts.off_target.size());
    default:
      return kAbsent;
  }
}

std::string_view EvalText(const Node& node, const TaskFacts& facts) {
  if (node.kind == NodeKind::kLiteral) return node.text;
  switch (node.fact) {
    case Fact::kStatus:
      return facts.status;
    case Fact::kKind:
      return facts.kind;
    case Fact::kRoadmap:
      return facts.roadmap;
    case Fact::kActivity:
      return facts.activity;
    case Fact::kKey:
      return facts.key;
    case Fact::kOrganisation:
      return facts.organisation;
    case Fact::kOrganisationKind:
      return facts.organisation_kind;
    default:
      return {};
  }
}

bool ListHolds(const Node& list, const TaskFacts& facts, std::string_view item) {
  if (list.kind == NodeKind::kLiteral) return Holds(list.strings, item);
  switch (list.fact) {
    case Fact::kOrganisationTags:
      return Holds(facts.organisation_tags, item);
    case Fact::kDeliverables:
      return Holds(facts.deliverables, item);
    case Fact::kMissing:
      return Holds(facts.missing_deliverables, item);
    case Fact::kOffTarget:
      return Holds(facts.off_target, item);
    default:
      return false;
  }
}

bool EvalBool(const Node& node, const TaskFacts& facts);

bool Compare(const Node& node, const TaskFacts& facts) {
  bool equal = node.comparison == Comparison::kEqual;
  switch (node.left->type) {
    case Type::kBool:
      return (EvalBool(*node.left, facts) == EvalBool(*node.right, facts)) == equal;
    case Type::kString:
      return (EvalText(*node.left, facts) == EvalText(*node.right, facts)) == equal;
    default:
      break;
  }
  double left = EvalNumber(*node.left, facts);
  double right = EvalNumber(*node.right, facts);
  if (std::isnan(left) || std::isnan(right)) return false;  // an absent fact
  switch (node.comparison) {
    case Comparison::kEqual:
      return left == right;
    case Comparison::kNotEqual:
      return left != right;
    case Comparison::kLess:
      return left < right;
    case Comparison::kLessOrEqual:
      return left <= right;
    case Comparison::kGreater:
      return left > right;
    case Comparison::kGreaterOrEqual:
      return left >= right;
  }
  return false;
}

bool EvalBool(const Node& node, const TaskFacts& facts) {
  switch (node.kind) {
    case NodeKind::kLiteral:
      return node.boolean;
    case NodeKind::kFact:
      switch (node.fact) {
        case Fact::kHasDue:
          return facts.effective_due.has_value();
        case Fact::kOverdue:
          return Overdue(facts);
        case Fact::kResponsibleAssigned:
          return facts.responsible_assigned;
        case Fact::kConfirmerAssigned:
          return facts.confirmer_assigned;
        default:
          return false;
      }
    case NodeKind::kHasDeliverable:
      return Holds(facts.deliverables, node.text) && !Holds(facts.missing_deliverables, node.text);
    case NodeKind::kNot:
      return !EvalBool(*node.left, facts);
    case NodeKind::kAnd:
      return EvalBool(*node.left, facts) && EvalBool(*node.right, facts);
    case NodeKind::kOr:
      return EvalBool(*node.left, facts) || EvalBool(*node.right, facts);
    case NodeKind::kCompare:
      return Compare(node, facts);
    case NodeKind::kIn:
      return ListHolds(*node.right, facts, EvalText(*node.left, facts));
    case NodeKind::kContains:
      return ListHolds(*node.left, facts, EvalText(*node.right, facts));
    case NodeKind::kValueOf:
    case NodeKind::kTargetOf:
      return false;  // numbers: never the operand of a logical operator after type checking
  }
  return false;
}

}  // namespace

namespace {

// Calls `visit` on every node of the condition's tree; stops early when it returns true.
template <typename Visit>
bool AnyNode(const CompiledCondition& condition, Visit visit) {
  std::vector<const Node*> pending = {&condition.root()};
  while (!pending.empty()) {
    const Node* node = pending.back();
    pending.pop_back();
    if (visit(*node)) return true;
    if (node->left) pending.push_back(node->left.get());
    if (node->right) pending.push_back(node->right.get());
  }
  return false;
}

}  // namespace

std::vector<double> NumbersIn(const CompiledCondition& condition) {
  std::vector<double> numbers;
  AnyNode(condition, [&](const Node& node) {
    if (node.kind == NodeKind::kLiteral && node.type == Type::kNumber) numbers.push_back(node.number);
    return false;
  });
  return numbers;
}

bool ReadsToday(const CompiledCondition& condition) {
  return AnyNode(condition, [](const Node& node) { return node.kind == NodeKind::kFact && node.fact == Fact::kToday; });
}

bool ComparesFacts(const CompiledCondition& condition) {
  return AnyNode(condition, [](const Node& node) {
    return node.kind == NodeKind::kCompare && node.left && node.right && node.left->kind != NodeKind::kLiteral &&
           node.right->kind != NodeKind::kLiteral;
  });
}

bool Evaluate(const CompiledCondition& condition, const TaskFacts& facts) { return EvalBool(condition.root(), facts); }

}  // namespace vekha::rules
