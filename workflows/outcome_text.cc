#include "workflows/outcome_text.h"

#include <fmt/format.h>

#include "engine/russian_count.h"
#include "engine/text.h"
#include "workflows/input_checks.h"

namespace vekha {

std::string PeopleText(const std::vector<const Person*>& people) {
  if (people.empty()) return "никто не назначен";
  std::vector<std::string> names;
  for (const Person* person : people) names.push_back(fmt::format("{} ({})", person->name, person->id));
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string OutcomeText(const ActionOutcome& outcome) {
  using Kind = ActionOutcome::Kind;
  std::string where = outcome.where == nullptr ? "" : fmt::format(" ({})", outcome.where->name);
  switch (outcome.kind) {
    case Kind::kSubmitted:
      return fmt::format("Задача {} сдана на проверку ({}, {}); подтверждает: {}", outcome.task,
                         CountOf(outcome.files, nouns::kFiles), CountOf(outcome.values, nouns::kValues),
                         PeopleText(outcome.confirmers));
    case Kind::kDone:
      return fmt::format("Задача {} выполнена ({}, {})", outcome.task, CountOf(outcome.files, nouns::kFiles),
                         CountOf(outcome.values, nouns::kValues));
    case Kind::kConfirmed:
      return fmt::format("Задача {} подтверждена", outcome.task);
    case Kind::kReturned:
      return fmt::format("Задача {} возвращена на доработку: {}", outcome.task, outcome.reason);
    case Kind::kWaived:
      return fmt::format("Задача {} снята: {}", outcome.task, outcome.reason);
    case Kind::kDated:
      return fmt::format("Задача {} датирована: открыта с {}, {}", outcome.task, IsoOrEmpty(outcome.opens),
                         outcome.due ? fmt::format("срок {}", FormatIsoDate(*outcome.due)) : "без срока");
    case Kind::kEventRecorded:
      return outcome.replaced
                 ? fmt::format("Событие «{}»{}: дата {} заменена на {}", outcome.subject, where,
                               DottedDate(*outcome.replaced), DottedDate(*outcome.on))
                 : fmt::format("Событие «{}»{} записано: {}", outcome.subject, where, DottedDate(*outcome.on));
    case Kind::kIndicatorReported:
      return fmt::format("Показатель «{}» за {} год: {} {}", outcome.subject, outcome.year, DecimalText(outcome.value),
                         outcome.unit);
  }
  return "";
}

}  // namespace vekha
