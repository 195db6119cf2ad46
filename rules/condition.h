// The rule condition language (docs/rules.md): small, typed and safe.
//
//   status in ["open", "returned"] and working_days_until_due <= 1
//   overdue and days_overdue >= 3 and not (organisation_tags contains "pilot")
//   missing_deliverables > 0 and days_until_due <= 3
//   has_deliverable("Аналитическая справка") and value("Охват") < target("Охват")
//
// Literals: numbers, "strings", true/false, dates (2022-03-31), lists [a, b]. Operators: == != < <=
// > >= in contains and or not, parentheses. Names are the facts of rules/task_facts.h (see
// ConditionFields()). CompileCondition parses and type-checks once; an error names the character
// column in the condition. Evaluate never allocates, loops or throws. Compiled conditions are
// immutable and may be shared between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/task_facts.h"

namespace vekha::rules {

enum class Type { kBool, kNumber, kString, kDate, kStringList };
std::string_view TypeName(Type type);

struct ConditionField {
  std::string_view name;
  Type type;
  std::string_view meaning;
};
// Every name a condition may use, with its type.
const std::vector<ConditionField>& ConditionFields();

struct ConditionError {
  int column = 1;  // 1-based character column in the condition text
  std::string message;
  std::vector<std::string> hints;
};

class CompiledCondition;

struct CompileResult {
  std::shared_ptr<const CompiledCondition> condition;  // set when there is no error
  ConditionError error;
};

CompileResult CompileCondition(std::string_view text);

bool Evaluate(const CompiledCondition& condition, const TaskFacts& facts);

// The number literals a condition compares with (for bounding how far ahead its verdict can change).
std::vector<double> NumbersIn(const CompiledCondition& condition);
// Whether the condition reads `today` itself (its verdict may then change on any day).
bool ReadsToday(const CompiledCondition& condition);
// Whether it compares two non-literal operands (two facts, or a fact with a reported value).
bool ComparesFacts(const CompiledCondition& condition);

}  // namespace vekha::rules
