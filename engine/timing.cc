#include "engine/timing.h"

#include <array>
#include <utility>

namespace vekha {

namespace {

constexpr std::array<std::pair<Repeat, std::string_view>, 10> kRepeatNames = {{
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
}};

}  // namespace

std::string_view RepeatName(Repeat repeat) {
  for (const auto& [value, name] : kRepeatNames) {
    if (value == repeat) return name;
  }
  return "auto";
}

std::optional<Repeat> ParseRepeat(std::string_view name) {
  for (const auto& [value, known] : kRepeatNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace vekha
