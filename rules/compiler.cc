// CompileCondition: parses a condition (recursive descent) and type-checks it against the facts.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "engine/date.h"
#include "engine/text.h"
#include "rules/compiled_condition.h"
#include "rules/lexer.h"

namespace vekha::rules {

namespace {

constexpr size_t kMaxLength = 4000;
constexpr int kMaxDepth = 32;

struct FactInfo {
  std::string_view name;
  Fact fact;
  Type type;
  std::string_view meaning;
};

constexpr std::array<FactInfo, 28> kFacts = {{
    {"status", Fact::kStatus, Type::kString,
     "scheduled, open, submitted, confirmed, done, returned, waived, cancelled"},
    {"kind", Fact::kKind, Type::kString,
     "once, yearly, half-yearly, quarterly, monthly, weekly, continuous, on-demand, external, event"},
    {"roadmap", Fact::kRoadmap, Type::kString, "the roadmap id"},
    {"activity", Fact::kActivity, Type::kString, "the activity id"},
    {"key", Fact::kKey, Type::kString, "the period key: 2022, 2022-Q3, 2022-08, once, …"},
    {"organisation", Fact::kOrganisation, Type::kString, "the organisation id"},
    {"organisation_kind", Fact::kOrganisationKind, Type::kString, "school, kindergarten, authority, …"},
    {"organisation_tags", Fact::kOrganisationTags, Type::kStringList, "the organisation's tags"},
    {"today", Fact::kToday, Type::kDate, "today in the organisation's zone"},
    {"opens", Fact::kOpens, Type::kDate, "the first day of the task"},
    {"due", Fact::kDue, Type::kDate, "the deadline as written"},
    {"effective_due", Fact::kEffectiveDue, Type::kDate, "the deadline after the shift policy"},
    {"has_due", Fact::kHasDue, Type::kBool, "whether the task has a deadline"},
    {"days_until_due", Fact::kDaysUntilDue, Type::kNumber, "calendar days to the deadline; negative once past"},
    {"working_days_until_due", Fact::kWorkingDaysUntilDue, Type::kNumber,
     "working days to the deadline; negative once past"},
    {"overdue", Fact::kOverdue, Type::kBool, "past the deadline and still waiting for work"},
    {"days_overdue", Fact::kDaysOverdue, Type::kNumber, "calendar days past the deadline (0 when not overdue)"},
    {"working_days_overdue", Fact::kWorkingDaysOverdue, Type::kNumber,
     "working days past the deadline (0 when not overdue)"},
    {"responsible_assigned", Fact::kResponsibleAssigned, Type::kBool, "someone holds every responsible role"},
    {"confirmer_assigned", Fact::kConfirmerAssigned, Type::kBool, "someone holds the confirmer role"},
    {"deliverables", Fact::kDeliverables, Type::kStringList, "the deliverables the activity asks for"},
    {"missing", Fact::kMissing, Type::kStringList, "the deliverables not yet submitted"},
    {"missing_deliverables", Fact::kMissingDeliverables, Type::kNumber, "how many deliverables are missing"},
    {"days_since_submission", Fact::kDaysSinceSubmission, Type::kNumber, "days since the latest submission"},
    {"working_days_since_submission", Fact::kWorkingDaysSinceSubmission, Type::kNumber,
     "working days since the latest submission"},
    {"days_since_opening", Fact::kDaysSinceOpening, Type::kNumber, "days since the task opened"},
    {"off_target", Fact::kOffTarget, Type::kStringList,
     "indicators reported below target (above, when lower is better)"},
    {"indicators_off_target", Fact::kIndicatorsOffTarget, Type::kNumber, "how many indicators are off target"},
}};

std::string_view FactName(Fact fact) {
  for (const FactInfo& info : kFacts) {
    if (info.fact == fact) return info.name;
  }
  return "";
}

const std::map<Fact, std::vector<std::string_view>>& KnownValues() {
  static const std::map<Fact, std::vector<std::string_view>> kValues = {
      {Fact::kStatus,
       {"scheduled", "open", "submitted", "confirmed", "done", "returned", "waived", "cancelled", "untracked"}},
      {Fact::kKind,
       {"once", "yearly", "half-yearly", "quarterly", "monthly", "weekly", "continuous", "on-demand", "external",
        "event"}},
  };
  return kValues;
}

// «может быть, «x»?» when one of `known` is close to `word`.
std::vector<std::string> Nearest(std::string_view word, const std::vector<std::string_view>& known) {
  std::vector<std::string> candidates(known.begin(), known.end());
  size_t max_distance = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
  std::vector<std::string> nearest = NearestWords(word, candidates, max_distance, 1);
  if (nearest.empty()) return {};
  return {fmt::format("может быть, «{}»?", nearest.front())};
}

class Compiler {
 public:
  explicit Compiler(std::string_view text) : tokens_(Lex(text)) {}

  CompileResult Compile() {
    CompileResult result;
    if (tokens_.back().kind == TokenKind::kError) {
      Fail(tokens_.back(), tokens_.back().text);
    } else if (tokens_.size() == 1) {
      Fail(tokens_.back(), "условие пустое");
    } else if (std::unique_ptr<Node> root = Or(0); root && error_.message.empty()) {
      if (Peek().kind != TokenKind::kEnd) {
        Fail(Peek(), fmt::format("лишнее «{}» после законченного условия", Peek().text));
      } else if (root->type != Type::kBool) {
        Fail(tokens_.front(), fmt::format("условие должно давать true или false, а здесь {}", TypeName(root->type)));
      } else {
        result.condition = std::make_shared<CompiledCondition>(std::move(root));
        return result;
      }
    }
    result.error = error_;
    return result;
  }

 private:
  const Token& Peek() const { return tokens_[position_]; }
  const Token& Next() { return tokens_[position_ < tokens_.size() - 1 ? position_++ : position_]; }
  bool IsWord(std::string_view word) const { return Peek().kind == TokenKind::kIdentifier && Peek().text == word; }
  bool IsOperator(std::string_view op) const { return Peek().kind == TokenKind::kOperator && Peek().text == op; }

  std::unique_ptr<Node> Fail(const Token& at, std::string message, std::vector<std::string> hints = {}) {
    if (error_.message.empty()) error_ = ConditionError{at.column, std::move(message), std::move(hints)};
    return nullptr;
  }

  std::unique_ptr<Node> Binary(NodeKind kind, Type type, std::unique_ptr<Node> left, std::unique_ptr<Node> right) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->type = type;
    node->left = std::move(left);
    node->right = std::move(right);
    return node;
  }

  // `left op right` for and/or: both sides must be true/false; an error points at the side.
  std::unique_ptr<Node> Logical(NodeKind kind, std::string_view word, int depth,
                                std::unique_ptr<Node> (Compiler::*operand)(int)) {
    const Token* start = &Peek();
    std::unique_ptr<Node> left = (this->*operand)(depth);
    while (left && IsWord(word)) {
      if (left->type != Type::kBool) return NotBool(*start, word, *left);
      Next();
      start = &Peek();
      std::unique_ptr<Node> right = (this->*operand)(depth);
      if (!right) return nullptr;
      if (right->type != Type::kBool) return NotBool(*start, word, *right);
      left = Binary(kind, Type::kBool, std::move(left), std::move(right));
    }
    return left;
  }

  std::unique_ptr<Node> NotBool(const Token& at, std::string_view word, const Node& operand) {
    return Fail(at, fmt::format("«{}» требует true/false с обеих сторон, а здесь {}", word, TypeName(operand.type)));
  }

  std::unique_ptr<Node> Or(int depth) { return Logical(NodeKind::kOr, "or", depth, &Compiler::And); }
  std::unique_ptr<Node> And(int depth) { return Logical(NodeKind::kAnd, "and", depth, &Compiler::Not); }

  std::unique_ptr<Node> Not(int depth) {
    if (!IsWord("not")) return Comparison(depth);
    Next();
    const Token& start = Peek();
    std::unique_ptr<Node> operand = Not(depth + 1);
    if (!operand) return nullptr;
    if (operand->type != Type::kBool) {
      return Fail(start, fmt::format("«not» требует true/false, а здесь {}", TypeName(operand->type)));
    }
    return Binary(NodeKind::kNot, Type::kBool, std::move(operand), nullptr);
  }

  std::unique_ptr<Node> Comparison(int depth) {
    std::unique_ptr<Node> left = Primary(depth);
    if (!left) return nullptr;
    static const std::map<std::string_view, rules::Comparison> kComparisons = {
        {"==", rules::Comparison::kEqual},  {"!=", rules::Comparison::kNotEqual},
        {"<", rules::Comparison::kLess},    {"<=", rules::Comparison::kLessOrEqual},
        {">", rules::Comparison::kGreater}, {">=", rules::Comparison::kGreaterOrEqual}};
    const Token& op = Peek();
    if (op.kind == TokenKind::kOperator && kComparisons.contains(op.text)) {
      Next();
      std::unique_ptr<Node> right = Primary(depth);
      if (!right) return nullptr;
      rules::Comparison comparison = kComparisons.at(op.text);
      bool ordered = comparison != rules::Comparison::kEqual && comparison != rules::Comparison::kNotEqual;
      if (left->type != right->type) {
        return Fail(
            op, fmt::format("«{}» сравнивает разное: {} и {}", op.text, TypeName(left->type), TypeName(right->type)));
      }
      if (ordered && left->type != Type::kNumber && left->type != Type::kDate) {
        return Fail(op, fmt::format("«{}» сравнивает числа или даты, а здесь {}", op.text, TypeName(left->type)));
      }
      if (left->type == Type::kStringList) return Fail(op, "списки сравниваются через «contains» или «in»");
      if (!CheckKnownValue(*left, *right) || !CheckKnownValue(*right, *left)) return nullptr;
      auto node = Binary(NodeKind::kCompare, Type::kBool, std::move(left), std::move(right));
      node->comparison = comparison;
      return node;
    }
    if (IsWord("in")) {
      const Token& word = Next();
      std::unique_ptr<Node> list = Primary(depth);
      if (!list) return nullptr;
      if (left->type != Type::kString || list->type != Type::kStringList) {
        return Fail(word, fmt::format("«in» проверяет, есть ли строка в списке, а здесь {} и {}", TypeName(left->type),
                                      TypeName(list->type)));
      }
      if (!CheckKnownValue(*left, *list)) return nullptr;
      return Binary(NodeKind::kIn, Type::kBool, std::move(left), std::move(list));
    }
    if (IsWord("contains")) {
      const Token& word = Next();
      std::unique_ptr<Node> item = Primary(depth);
      if (!item) return nullptr;
      if (left->type != Type::kStringList || item->type != Type::kString) {
        return Fail(word, fmt::format("«contains» проверяет, есть ли в списке строка, а здесь {} и {}",
                                      TypeName(left->type), TypeName(item->type)));
      }
      return Binary(NodeKind::kContains, Type::kBool, std::move(left), std::move(item));
    }
    return left;
  }

  // «status == "opne"» is an error: the value cannot occur.
  bool CheckKnownValue(const Node& fact, const Node& literal) {
    if (fact.kind != NodeKind::kFact || literal.kind != NodeKind::kLiteral) return true;
    auto known = KnownValues().find(fact.fact);
    if (known == KnownValues().end()) return true;
    std::vector<std::string> values =
        literal.type == Type::kStringList ? literal.strings : std::vector<std::string>{literal.text};
    for (const std::string& value : values) {
      if (std::find(known->second.begin(), known->second.end(), value) != known->second.end()) continue;
      Fail(literal_token_,
           fmt::format("«{}» не бывает значением {}; допустимо одно из: {}", value, FactName(fact.fact),
                       fmt::join(known->second, ", ")),
           Nearest(value, known->second));
      return false;
    }
    return true;
  }

  std::unique_ptr<Node> Primary(int depth) {
    if (depth > kMaxDepth) return Fail(Peek(), "условие вложено слишком глубоко");
    const Token& token = Next();
    auto node = std::make_unique<Node>();
    switch (token.kind) {
      case TokenKind::kNumber:
        node->type = Type::kNumber;
        node->number = token.number;
        return node;
      case TokenKind::kString:
        literal_token_ = token;
        node->type = Type::kString;
        node->text = token.text;
        return node;
      case TokenKind::kDate: {
        std::optional<Date> date = ParseIsoDate(token.text);
        if (!date) return Fail(token, fmt::format("«{}» — такой даты нет", token.text));
        node->type = Type::kDate;
        node->day = static_cast<int>(std::chrono::sys_days{*date}.time_since_epoch().count());
        return node;
      }
      case TokenKind::kOperator:
        if (token.text == "(") {
          std::unique_ptr<Node> inner = Or(depth + 1);
          if (!inner) return nullptr;
          if (!IsOperator(")")) return Fail(Peek(), "ожидалась «)»");
          Next();
          return inner;
        }
        if (token.text == "[") return List(token);
        return Fail(token, fmt::format("лишнее «{}»", token.text));
      case TokenKind::kIdentifier:
        return Name(token);
      case TokenKind::kEnd:
        return Fail(token, "условие обрывается раньше времени");
      case TokenKind::kError:
        return Fail(token, token.text);
    }
    return nullptr;
  }

  std::unique_ptr<Node> List(const Token& open) {
    literal_token_ = open;
    auto node = std::make_unique<Node>();
    node->type = Type::kStringList;
    while (!IsOperator("]")) {
      const Token& item = Next();
      if (item.kind != TokenKind::kString) return Fail(item, "в списке — \"строки\" через запятую");
      node->strings.push_back(item.text);
      if (IsOperator(",")) {
        Next();
      } else if (!IsOperator("]")) {
        return Fail(Peek(), "ожидалась «,» или «]»");
      }
    }
    Next();
    return node;
  }

  std::unique_ptr<Node> Name(const Token& token) {
    auto node = std::make_unique<Node>();
    if (token.text == "true" || token.text == "false") {
      node->type = Type::kBool;
      node->boolean = token.text == "true";
      return node;
    }
    static const std::map<std::string_view, std::pair<NodeKind, Type>> kFunctions = {
        {"has_deliverable", {NodeKind::kHasDeliverable, Type::kBool}},
        {"value", {NodeKind::kValueOf, Type::kNumber}},
        {"target", {NodeKind::kTargetOf, Type::kNumber}}};
    if (auto function = kFunctions.find(token.text); function != kFunctions.end()) {
      if (!IsOperator("("))
        return Fail(Peek(), fmt::format("«{}» принимает имя в скобках: {}(\"…\")", token.text, token.text));
      Next();
      const Token& argument = Next();
      if (argument.kind != TokenKind::kString)
        return Fail(argument, fmt::format("«{}» принимает \"строку\"", token.text));
      if (!IsOperator(")")) return Fail(Peek(), "ожидалась «)»");
      Next();
      node->kind = function->second.first;
      node->type = function->second.second;
      node->text = argument.text;
      return node;
    }
    for (const FactInfo& fact : kFacts) {
      if (fact.name != token.text) continue;
      node->kind = NodeKind::kFact;
      node->fact = fact.fact;
      node->type = fact.type;
      return node;
    }
    std::vector<std::string_view> names;
    for (const FactInfo& fact : kFacts) names.push_back(fact.name);
    for (const auto& [name, function] : kFunctions) names.push_back(name);
    for (std::string_view keyword : {"and", "or", "not", "in", "contains", "true", "false"}) names.push_back(keyword);
    return Fail(token, fmt::format("неизвестное имя «{}»", token.text), Nearest(token.text, names));
  }

  std::vector<Token> tokens_;
  size_t position_ = 0;
  Token literal_token_;  // the last string or list literal, for value errors
  ConditionError error_;
};

}  // namespace

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kBool:
      return "true/false";
    case Type::kNumber:
      return "число";
    case Type::kString:
      return "строка";
    case Type::kDate:
      return "дата";
    case Type::kStringList:
      return "список";
  }
  return "значение";
}

const std::vector<ConditionField>& ConditionFields() {
  static const std::vector<ConditionField> kFields = [] {
    std::vector<ConditionField> fields;
    for (const FactInfo& fact : kFacts) fields.push_back({fact.name, fact.type, fact.meaning});
    fields.push_back({"has_deliverable(\"…\")", Type::kBool, "the named deliverable was submitted"});
    fields.push_back({"value(\"…\")", Type::kNumber, "the reported value of the named indicator"});
    fields.push_back({"target(\"…\")", Type::kNumber, "the named indicator's target"});
    return fields;
  }();
  return kFields;
}

CompileResult CompileCondition(std::string_view text) {
  if (text.size() > kMaxLength) {
    CompileResult result;
    result.error = ConditionError{1, fmt::format("условие длиннее {} байт", kMaxLength), {}};
    return result;
  }
  return Compiler(text).Compile();
}

}  // namespace vekha::rules
