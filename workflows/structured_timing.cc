#include "workflows/structured_timing.h"

#include <fmt/format.h>

namespace vekha {

namespace {

const std::vector<std::string> kTimingKeys = {
    "repeat", "months", "window",  "quarter",      "half",   "by",   "year",
    "to_year", "school_years", "opens", "due", "due_day", "report", "since",
    "plan",   "yearly", "after",   "days",         "working_days", "lead_days", "shift"};

std::vector<std::string> RepeatNames() {
  std::vector<std::string> names;
  for (Repeat repeat : {Repeat::kAuto, Repeat::kOnce, Repeat::kYearly, Repeat::kHalfYearly,
                        Repeat::kQuarterly, Repeat::kMonthly, Repeat::kWeekly, Repeat::kContinuous,
                        Repeat::kOnDemand, Repeat::kExternal}) {
    names.emplace_back(RepeatName(repeat));
  }
  return names;
}

std::optional<MonthDay> ParseMonthDay(const std::string& text) {
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  auto digits = [&](size_t at) -> int {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  int month = digits(0);
  int day = digits(3);
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(2024, month)) return std::nullopt;
  return MonthDay{month, day};
}

}  // namespace

std::optional<TimingSpec> ReadStructuredTiming(const YAML::Node& node, YamlReader& reader) {
  if (!reader.CheckKeys(node, kTimingKeys, "the timing")) return std::nullopt;
  int errors_before = reader.diagnostics().errors();
  TimingSpec spec;
  if (auto repeat = reader.String(node, "repeat", false)) {
    if (auto parsed = ParseRepeat(*repeat)) {
      spec.repeat = *parsed;
    } else {
      std::vector<std::string> hints = DidYouMean(*repeat, RepeatNames());
      hints.push_back(fmt::format("expected one of: {}", fmt::join(RepeatNames(), ", ")));
      reader.Error(node["repeat"], fmt::format("unknown repeat «{}»", *repeat), std::move(hints));
    }
  }
  if (node["months"]) {
    if (reader.ExpectSequence(node["months"], "«months»")) {
      for (const YAML::Node& month : node["months"]) {
        if (auto value = reader.IntegerValue(month, "a month", 1, 12)) spec.months.push_back(*value);
      }
    }
  }
  if (node["window"]) {
    const YAML::Node& window = node["window"];
    if (reader.ExpectSequence(window, "«window» ([first month, last month])") && window.size() == 2) {
      auto first = reader.IntegerValue(window[0], "the window's first month", 1, 12);
      auto last = reader.IntegerValue(window[1], "the window's last month", 1, 12);
      if (first && last) spec.window = MonthWindow{*first, *last};
    } else if (window.IsSequence()) {
      reader.Error(window, "«window» needs exactly two months: [first, last]");
    }
  }
  spec.quarter = reader.Integer(node, "quarter", 1, 4);
  spec.half = reader.Integer(node, "half", 1, 2);
  if (auto by = reader.String(node, "by", false)) {
    spec.by = ParseMonthDay(*by);
    if (!spec.by) reader.Error(node["by"], fmt::format("«by: {}» is not a day of the year; expected MM-DD, e.g. 08-10", *by));
  }
  spec.year = reader.Integer(node, "year", 1900, 2999);
  spec.to_year = reader.Integer(node, "to_year", 1900, 2999);
  spec.school_years = reader.Boolean(node, "school_years").value_or(false);
  spec.opens = reader.IsoDate(node, "opens", false);
  spec.due = reader.IsoDate(node, "due", false);
  spec.due_day = reader.Integer(node, "due_day", 1, 31);
  spec.report = reader.Boolean(node, "report").value_or(false);
  if (auto since = reader.String(node, "since", false)) {
    spec.since = ParseYearMonth(*since);
    if (!spec.since) reader.Error(node["since"], fmt::format("«since: {}» is not a month; expected YYYY-MM", *since));
  }
  spec.plan = reader.String(node, "plan", false).value_or("");
  spec.external_yearly = reader.Boolean(node, "yearly").value_or(false);
  if (auto after = reader.String(node, "after", false)) {
    auto days = reader.Integer(node, "days", 0, 3650);
    auto working_days = reader.Integer(node, "working_days", 0, 2500);
    if (days.has_value() == working_days.has_value()) {
      reader.Error(node["after"], "«after» needs exactly one of «days» or «working_days»");
    } else {
      spec.after = RelativeDeadline{*after, days.value_or(working_days.value_or(0)), working_days.has_value()};
    }
  } else if (node["days"] || node["working_days"]) {
    reader.Error(node["days"] ? node["days"] : node["working_days"], "«days»/«working_days» need «after: <activity>»");
  }
  spec.lead_days = reader.Integer(node, "lead_days", 0, 3650);
  spec.shift = ReadShiftPolicy(node, reader);

  int parts = (spec.months.empty() ? 0 : 1) + (spec.window ? 1 : 0) + (spec.quarter ? 1 : 0) +
              (spec.half ? 1 : 0) + (spec.by ? 1 : 0);
  if (parts > 1) reader.Error(node, "give at most one of «months», «window», «quarter», «half», «by»");
  if (spec.repeat == Repeat::kOnce && !spec.year && !spec.due && !spec.opens) {
    reader.Error(node, "«repeat: once» needs «year», «due» or «opens»");
  }
  if (spec.to_year && (!spec.year || *spec.to_year < *spec.year)) {
    reader.Error(node["to_year"], "«to_year» needs «year» and must not be before it");
  }
  if (spec.opens && spec.due && *spec.due < *spec.opens) reader.Error(node["due"], "«due» is before «opens»");
  if (reader.diagnostics().errors() > errors_before) return std::nullopt;
  return spec;
}

std::optional<ShiftPolicy> ReadShiftPolicy(const YAML::Node& map, YamlReader& reader, const std::string& key) {
  auto name = reader.String(map, key, false);
  if (!name) return std::nullopt;
  std::optional<ShiftPolicy> policy = ParseShiftPolicy(*name);
  if (!policy) reader.Error(map[key], fmt::format("unknown shift «{}»; expected next, previous or none", *name));
  return policy;
}

nlohmann::ordered_json TimingSpecToJson(const TimingSpec& spec) {
  nlohmann::ordered_json json;
  json["repeat"] = RepeatName(spec.repeat);
  if (!spec.months.empty()) json["months"] = spec.months;
  if (spec.window) json["window"] = {spec.window->first, spec.window->last};
  if (spec.quarter) json["quarter"] = *spec.quarter;
  if (spec.half) json["half"] = *spec.half;
  if (spec.by) json["by"] = fmt::format("{:02}-{:02}", spec.by->month, spec.by->day);
  if (spec.year) json["year"] = *spec.year;
  if (spec.to_year) json["to_year"] = *spec.to_year;
  if (spec.school_years) json["school_years"] = true;
  if (spec.opens) json["opens"] = FormatIsoDate(*spec.opens);
  if (spec.due) json["due"] = FormatIsoDate(*spec.due);
  if (spec.due_day) json["due_day"] = *spec.due_day;
  if (spec.report) json["report"] = true;
  if (spec.since) json["since"] = FormatYearMonth(*spec.since);
  if (!spec.plan.empty()) json["plan"] = spec.plan;
  if (spec.external_yearly) json["yearly"] = true;
  if (spec.after) {
    json["after"] = spec.after->activity;
    json[spec.after->working_days ? "working_days" : "days"] = spec.after->days;
  }
  if (spec.lead_days) json["lead_days"] = *spec.lead_days;
  if (spec.shift) json["shift"] = ShiftPolicyName(*spec.shift);
  return json;
}

}  // namespace vekha
