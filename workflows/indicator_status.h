// Where the catalogue indicators stand: for each indicator (and, at the organisation level, each
// organisation it covers) and each year, the target, the latest reported value, the verdict (met,
// not met, no value after its deadline, not due yet) and whether the value came on time — what
// monitoring systems call expected, actual and on-time reports. Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "engine/task_store.h"

namespace vekha {

enum class IndicatorVerdict {
  kMet,
  kNotMet,
  kNoValue,   // its deadline passed without a value
  kNotDue,    // no value yet, and none is due yet
  kNoTarget,  // a value without a target for the year, or dynamics with no value the year before
};

std::string_view IndicatorVerdictKey(IndicatorVerdict verdict);    // "met", "not-met", …
std::string_view IndicatorVerdictTitle(IndicatorVerdict verdict);  // «выполнен», «не выполнен», …

struct IndicatorYear {
  int year = 0;
  std::optional<double> target;
  bool positive_dynamics = false;
  std::optional<double> actual;  // the latest value reported for the year
  std::string reported_at;       // when, ISO 8601 UTC
  std::string reported_by;       // a person id
  Date due;                      // the day the value was due
  std::optional<bool> on_time;   // with a value: reported by `due`
  std::optional<double> change;  // against the year before, when both have values
  IndicatorVerdict verdict = IndicatorVerdict::kNotDue;
};

// A year's target as people read it: «положительная динамика», «12,5», or `none` without one.
std::string IndicatorTargetText(const IndicatorYear& year, std::string_view none = "—");

struct IndicatorRow {
  const Indicator* indicator = nullptr;
  const Organisation* organisation = nullptr;  // nullptr: the municipality's
  std::vector<IndicatorYear> years;            // ascending: the target years and any reported
};

struct IndicatorFilter {
  std::string organisation;  // only this organisation's rows (municipality rows are left out)
  std::optional<int> year;   // only this year: rows with neither a target nor a value for it are left out
};

// `values` are all reported values (any order); `today` decides what is due.
std::vector<IndicatorRow> IndicatorStatus(const Deployment& deployment, const std::vector<IndicatorValue>& values,
                                          const Date& today, const IndicatorFilter& filter);

// The organisations an organisation-level indicator covers.
std::vector<const Organisation*> OrganisationsOf(const Deployment& deployment, const Indicator& indicator);

}  // namespace vekha
