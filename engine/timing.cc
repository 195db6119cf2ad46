#include "engine/timing.h"

#include <array>
#include <utility>

namespace vekha {

namespace {

constexpr std::array<std::pair<Repeat, std::string_view>, 11> kRepeatNames = {{
    {Repeat::kAuto, "auto"},
    {Repeat::kOnce, "once"},
    {Repeat::kYearly, "yearly"},
    {Repeat::kHalfYearly, "half-yearly"},
    {Repeat::kQuarterly, "quarterly"},
    {Repeat::kMonthly, "monthly"},
    {Repeat::kWeekly, "weekly"},
    {Repeat::kContinuous, "continuous"},
    {Repeat::kOnDemand, "on-demand"},
    {Repeat::kExternal, "external"},
    {Repeat::kEvent, "event"},
}};

constexpr std::array<std::pair<OffsetUnit, std::string_view>, 5> kOffsetUnitKeys = {{
    {OffsetUnit::kDays, "days"},
    {OffsetUnit::kWorkingDays, "working_days"},
    {OffsetUnit::kWeeks, "weeks"},
    {OffsetUnit::kMonths, "months"},
    {OffsetUnit::kYears, "years"},
}};

}  // namespace

std::string_view RepeatName(Repeat repeat) {
  for (const auto& [value, name] : kRepeatNames) {
    if (value == repeat) return name;
  }
  return "auto";
}

std::string_view RepeatTitle(Repeat repeat) {
  switch (repeat) {
    case Repeat::kAuto:
    case Repeat::kYearly:
      return "ежегодно";
    case Repeat::kOnce:
      return "разово";
    case Repeat::kHalfYearly:
      return "раз в полугодие";
    case Repeat::kQuarterly:
      return "ежеквартально";
    case Repeat::kMonthly:
      return "ежемесячно";
    case Repeat::kWeekly:
      return "еженедельно";
    case Repeat::kContinuous:
      return "постоянно";
    case Repeat::kOnDemand:
      return "по мере необходимости";
    case Repeat::kExternal:
      return "по срокам другого плана";
    case Repeat::kEvent:
      return "от события";
  }
  return "ежегодно";
}

std::string_view OffsetUnitKey(OffsetUnit unit) {
  for (const auto& [value, key] : kOffsetUnitKeys) {
    if (value == unit) return key;
  }
  return "days";
}

std::optional<Repeat> ParseRepeat(std::string_view name) {
  for (const auto& [value, known] : kRepeatNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace vekha
