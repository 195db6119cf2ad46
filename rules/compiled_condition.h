// The compiled form of a condition: a typed expression tree whose names are resolved to fact
// identifiers. Internal to rules/ (built by compiler.cc, walked by evaluator.cc).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/condition.h"

namespace vekha::rules {

enum class Fact {
  kStatus,
  kKind,
  kRoadmap,
  kActivity,
  kKey,
  kOrganisation,
  kOrganisationKind,
  kOrganisationTags,
  kToday,
  kOpens,
  kDue,
  kEffectiveDue,
  kHasDue,
  kDaysUntilDue,
  kWorkingDaysUntilDue,
  kOverdue,
  kDaysOverdue,
  kWorkingDaysOverdue,
  kResponsibleAssigned,
  kConfirmerAssigned,
  kDeliverables,
  kMissing,
  kMissingDeliverables,
  kDaysSinceSubmission,
  kWorkingDaysSinceSubmission,
  kDaysSinceOpening,
  kOffTarget,
  kIndicatorsOffTarget,
};

enum class NodeKind {
  kLiteral,
  kFact,
  kHasDeliverable,
  kValueOf,
  kTargetOf,
  kNot,
  kAnd,
  kOr,
  kCompare,
  kIn,
  kContains
};
enum class Comparison { kEqual, kNotEqual, kLess, kLessOrEqual, kGreater, kGreaterOrEqual };

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  Type type = Type::kBool;
  Fact fact = Fact::kStatus;
  Comparison comparison = Comparison::kEqual;
  // Literals (and the argument of the functions).
  bool boolean = false;
  double number = 0;
  int day = 0;  // days since 1970-01-01
  std::string text;
  std::vector<std::string> strings;  // a list literal
  std::unique_ptr<Node> left;
  std::unique_ptr<Node> right;
};

class CompiledCondition {
 public:
  explicit CompiledCondition(std::unique_ptr<Node> root) : root_(std::move(root)) {}
  const Node& root() const { return *root_; }

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace vekha::rules
