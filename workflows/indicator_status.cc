#include "workflows/indicator_status.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/planner.h"
#include "workflows/input_checks.h"

namespace vekha {

namespace {

bool Better(const Indicator& indicator, double value, double than) {
  return indicator.lower_is_better ? value < than : value > than;
}

bool Meets(const Indicator& indicator, double value, double target) {
  return indicator.lower_is_better ? value <= target : value >= target;
}

// The latest value of each year for one indicator and organisation ('' for the municipality).
std::map<int, const IndicatorValue*> LatestByYear(const std::vector<IndicatorValue>& values,
                                                  const std::string& indicator, const std::string& organisation) {
  std::map<int, const IndicatorValue*> latest;
  for (const IndicatorValue& value : values) {
    if (value.indicator != indicator || value.organisation != organisation || value.period.size() < 4) continue;
    int year = std::atoi(value.period.substr(0, 4).c_str());
    const IndicatorValue*& slot = latest[year];
    if (slot == nullptr || slot->id < value.id) slot = &value;
  }
  return latest;
}

IndicatorRow RowFor(const Indicator& indicator, const Organisation* organisation,
                    const std::vector<IndicatorValue>& values, const Date& today, const IndicatorFilter& filter) {
  IndicatorRow row{&indicator, organisation, {}};
  std::map<int, const IndicatorValue*> latest =
      LatestByYear(values, indicator.id, organisation ? organisation->id : "");
  std::set<int> years;
  for (const IndicatorTarget& target : indicator.targets) years.insert(target.year);
  for (const auto& [year, value] : latest) years.insert(year);
  for (int year : years) {
    IndicatorYear entry;
    entry.year = year;
    entry.due = ClampedDayOfMonth(YearMonth{year + 1, indicator.report_by.month}, indicator.report_by.day);
    for (const IndicatorTarget& target : indicator.targets) {
      if (target.year != year) continue;
      entry.target = target.value;
      entry.positive_dynamics = target.positive_dynamics;
    }
    if (auto found = latest.find(year); found != latest.end()) {
      const IndicatorValue& value = *found->second;
      entry.actual = value.value;
      entry.reported_at = value.reported_at;
      entry.reported_by = value.person;
      std::optional<Date> reported_on = ParseIsoDate(value.reported_at.substr(0, 10));
      entry.on_time = reported_on && !(entry.due < *reported_on);
    }
    std::optional<double> previous;
    if (auto found = latest.find(year - 1); found != latest.end()) previous = found->second->value;
    if (entry.actual && previous) entry.change = *entry.actual - *previous;
    if (!entry.actual) {
      entry.verdict = today < entry.due ? IndicatorVerdict::kNotDue : IndicatorVerdict::kNoValue;
    } else if (entry.target) {
      entry.verdict =
          Meets(indicator, *entry.actual, *entry.target) ? IndicatorVerdict::kMet : IndicatorVerdict::kNotMet;
    } else if (entry.positive_dynamics && previous) {
      entry.verdict = Better(indicator, *entry.actual, *previous) ? IndicatorVerdict::kMet : IndicatorVerdict::kNotMet;
    } else {
      entry.verdict = IndicatorVerdict::kNoTarget;
    }
    if (!filter.year || *filter.year == year) row.years.push_back(std::move(entry));
  }
  return row;
}

}  // namespace

std::string_view IndicatorVerdictKey(IndicatorVerdict verdict) {
  switch (verdict) {
    case IndicatorVerdict::kMet:
      return "met";
    case IndicatorVerdict::kNotMet:
      return "not-met";
    case IndicatorVerdict::kNoValue:
      return "no-value";
    case IndicatorVerdict::kNotDue:
      return "not-due";
    case IndicatorVerdict::kNoTarget:
      return "no-target";
  }
  return "no-target";
}

std::string_view IndicatorVerdictTitle(IndicatorVerdict verdict) {
  switch (verdict) {
    case IndicatorVerdict::kMet:
      return "достигнут";
    case IndicatorVerdict::kNotMet:
      return "не достигнут";
    case IndicatorVerdict::kNoValue:
      return "нет значения";
    case IndicatorVerdict::kNotDue:
      return "срок не наступил";
    case IndicatorVerdict::kNoTarget:
      return "без целевого значения";
  }
  return "";
}

std::string IndicatorTargetText(const IndicatorYear& year, std::string_view none) {
  if (year.positive_dynamics) return "положительная динамика";
  return year.target ? DecimalText(*year.target) : std::string(none);
}

std::vector<const Organisation*> OrganisationsOf(const Deployment& deployment, const Indicator& indicator) {
  return SelectOrganisations(deployment, indicator.for_organisations);
}

std::vector<IndicatorRow> IndicatorStatus(const Deployment& deployment, const std::vector<IndicatorValue>& values,
                                          const Date& today, const IndicatorFilter& filter) {
  std::vector<IndicatorRow> rows;
  auto add = [&](IndicatorRow row) {
    if (!filter.year || !row.years.empty()) rows.push_back(std::move(row));
  };
  for (const Indicator& indicator : deployment.indicators) {
    if (!indicator.per_organisation) {
      if (filter.organisation.empty()) add(RowFor(indicator, nullptr, values, today, filter));
      continue;
    }
    for (const Organisation* organisation : OrganisationsOf(deployment, indicator)) {
      if (!filter.organisation.empty() && organisation->id != filter.organisation) continue;
      add(RowFor(indicator, organisation, values, today, filter));
    }
  }
  return rows;
}

}  // namespace vekha
