#include "workflows/structured_timing.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace vekha {

namespace {

const std::vector<std::string> kTimingKeys = {"repeat",
                                              "months",
                                              "window",
                                              "windows",
                                              "quarter",
                                              "half",
                                              "by",
                                              "start",
                                              "calendar_year",
                                              "year",
                                              "to_year",
                                              "school_years",
                                              "opens",
                                              "due",
                                              "due_day",
                                              "due_working_day",
                                              "opens_working_day",
                                              "report",
                                              "report_months",
                                              "since",
                                              "until",
                                              "weekday",
                                              "plan",
                                              "yearly",
                                              "after",
                                              "event",
                                              "before",
                                              "days",
                                              "working_days",
                                              "weeks",
                                              "years",
                                              "lead_days",
                                              "shift"};

// With «event», a number under «months» is a span («через 6 месяцев после…»), not a list of months.
bool MonthsIsASpan(const YAML::Node& node) { return node["event"] && node["months"] && node["months"].IsScalar(); }

// The repeats each key means something for; a key given with any other repeat would be ignored,
// so it is refused. Keys not listed here (repeat, after and its days, lead_days, shift) apply to any.
struct KeyScope {
  const char* key;
  std::vector<Repeat> repeats;
};

const std::vector<KeyScope>& KeyScopes() {
  using enum Repeat;
  static const std::vector<KeyScope> kScopes = {
      {"months", {kAuto, kOnce, kYearly}},
      {"window", {kAuto, kOnce, kYearly}},
      {"windows", {kAuto, kOnce, kYearly}},
      {"quarter", {kAuto, kOnce, kYearly}},
      {"half", {kAuto, kOnce, kYearly}},
      {"by", {kAuto, kOnce, kYearly}},
      {"start", {kAuto, kOnce, kYearly}},
      {"calendar_year", {kAuto, kOnce, kYearly, kHalfYearly}},
      {"year", {kOnce}},
      {"to_year", {kOnce}},
      {"school_years", {kOnce}},
      {"opens", {kOnce, kContinuous}},
      {"due", {kOnce}},
      {"due_day", {kAuto, kOnce, kYearly, kHalfYearly, kQuarterly, kMonthly}},
      {"due_working_day", {kAuto, kOnce, kYearly, kHalfYearly, kQuarterly, kMonthly}},
      {"opens_working_day", {kAuto, kOnce, kYearly, kHalfYearly, kQuarterly, kMonthly}},
      {"report", {kAuto, kOnce, kYearly, kHalfYearly, kQuarterly, kMonthly}},
      {"report_months", {kAuto, kOnce, kYearly, kHalfYearly, kQuarterly, kMonthly}},
      {"since", {kYearly, kHalfYearly, kQuarterly, kMonthly, kWeekly, kContinuous}},
      {"until", {kYearly, kHalfYearly, kQuarterly, kMonthly, kWeekly}},
      {"weekday", {kWeekly}},
      {"plan", {kExternal}},
      {"yearly", {kExternal}},
  };
  return kScopes;
}

// Refuses every key the timing's repeat would ignore, naming the repeats it works with.
void CheckKeysApply(const YAML::Node& node, const TimingSpec& spec, YamlReader& reader) {
  if (spec.after || spec.event) {
    const char* anchor = spec.after ? "after" : "event";
    for (const KeyScope& scope : KeyScopes()) {
      if (node[scope.key] && !(std::string_view(scope.key) == "months" && MonthsIsASpan(node))) {
        reader.Error(node[scope.key], fmt::format("«{}» ничего не меняет рядом с «{}»: срок считается от {}", scope.key,
                                                  anchor, spec.after ? "завершения другого мероприятия" : "события"));
      }
    }
    return;
  }
  for (const KeyScope& scope : KeyScopes()) {
    if (!node[scope.key]) continue;
    if (std::find(scope.repeats.begin(), scope.repeats.end(), spec.repeat) != scope.repeats.end()) continue;
    std::vector<std::string> names;
    for (Repeat repeat : scope.repeats) names.emplace_back(RepeatName(repeat));
    reader.Error(node[scope.key],
                 fmt::format("«{}» ничего не меняет при «repeat: {}»", scope.key, RepeatName(spec.repeat)),
                 {fmt::format("он действует при repeat: {}", fmt::join(names, ", "))});
  }
}

// [first, last] months; `what` names the pair in messages.
std::optional<MonthWindow> ReadMonthWindow(const YAML::Node& window, YamlReader& reader, std::string_view what) {
  if (!window.IsSequence() || window.size() != 2) {
    reader.Error(window, fmt::format("{}: нужны ровно два месяца — [первый, последний]", what));
    return std::nullopt;
  }
  auto first = reader.IntegerValue(window[0], "первый месяц окна", 1, 12);
  auto last = reader.IntegerValue(window[1], "последний месяц окна", 1, 12);
  if (!first || !last) return std::nullopt;
  return MonthWindow{*first, *last};
}

std::optional<YearMonth> ReadYearMonth(const YAML::Node& node, const std::string& key, YamlReader& reader) {
  auto text = reader.String(node, key, false);
  if (!text) return std::nullopt;
  std::optional<YearMonth> month = ParseYearMonth(*text);
  if (!month)
    reader.Error(node[key], fmt::format("«{}: {}» — это не месяц; нужен вид ГГГГ-ММ, например 2022-09", key, *text));
  return month;
}

std::vector<std::string> RepeatNames() {
  std::vector<std::string> names;
  for (Repeat repeat : {Repeat::kAuto, Repeat::kOnce, Repeat::kYearly, Repeat::kHalfYearly, Repeat::kQuarterly,
                        Repeat::kMonthly, Repeat::kWeekly, Repeat::kContinuous, Repeat::kOnDemand, Repeat::kExternal}) {
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

// The span keys of «after» and «event»: the YAML key, its unit and its largest value.
struct SpanKey {
  const char* key;
  OffsetUnit unit;
  int max;
};
constexpr std::array<SpanKey, 5> kSpanKeys = {{{"days", OffsetUnit::kDays, 3650},
                                               {"working_days", OffsetUnit::kWorkingDays, 2500},
                                               {"weeks", OffsetUnit::kWeeks, 520},
                                               {"months", OffsetUnit::kMonths, 120},
                                               {"years", OffsetUnit::kYears, 10}}};

// «after: activity» with days or working days, or «event: id» (optionally «before: true») with
// one span of any unit.
void ReadAnchors(const YAML::Node& node, YamlReader& reader, TimingSpec& spec) {
  std::vector<const SpanKey*> given;
  for (const SpanKey& span : kSpanKeys) {
    if (node[span.key] && (span.unit != OffsetUnit::kMonths || MonthsIsASpan(node))) given.push_back(&span);
  }
  auto after = reader.String(node, "after", false);
  auto event = reader.String(node, "event", false);
  std::optional<bool> before = reader.Boolean(node, "before");
  if (after && event) reader.Error(node["event"], "укажите «after» или «event», но не оба");
  if (before && !event) reader.Error(node["before"], "«before» требует «event: <событие>»");
  if (!after && !event) {
    if (!given.empty()) {
      reader.Error(node[given.front()->key],
                   fmt::format("«{}» требует «after: <мероприятие>» или «event: <событие>»", given.front()->key));
    }
    return;
  }
  const YAML::Node& anchor = node[after ? "after" : "event"];
  if (given.size() != 1) {
    reader.Error(anchor, after ? "«after» требует ровно одно из «days» или «working_days»"
                               : "«event» требует ровно одно из «days», «working_days», «weeks», «months», «years»");
    return;
  }
  const SpanKey& span = *given.front();
  std::optional<int> amount = reader.Integer(node, span.key, after ? 0 : 1, span.max);
  if (!amount) return;
  if (after) {
    if (span.unit != OffsetUnit::kDays && span.unit != OffsetUnit::kWorkingDays) {
      reader.Error(node[span.key], "«after» считается в «days» или «working_days»");
      return;
    }
    spec.after = RelativeDeadline{*after, *amount, span.unit == OffsetUnit::kWorkingDays};
    return;
  }
  if (spec.repeat != Repeat::kAuto && spec.repeat != Repeat::kEvent) {
    reader.Error(node["repeat"], "срок с «event» датируется событием: уберите «repeat»");
  }
  spec.repeat = Repeat::kEvent;
  spec.event = EventAnchor{*event, before.value_or(false), *amount, span.unit};
}

}  // namespace

std::optional<TimingSpec> ReadStructuredTiming(const YAML::Node& node, YamlReader& reader) {
  if (!reader.CheckKeys(node, kTimingKeys, "срок")) return std::nullopt;
  int errors_before = reader.diagnostics().errors();
  TimingSpec spec;
  if (auto repeat = reader.String(node, "repeat", false)) {
    if (auto parsed = ParseRepeat(*repeat)) {
      spec.repeat = *parsed;
    } else {
      std::vector<std::string> hints = DidYouMean(*repeat, RepeatNames());
      hints.push_back(fmt::format("допустимо одно из: {}", fmt::join(RepeatNames(), ", ")));
      reader.Error(node["repeat"], fmt::format("неизвестная периодичность «{}»", *repeat), std::move(hints));
    }
  }
  if (node["months"] && !MonthsIsASpan(node)) {
    if (reader.ExpectSequence(node["months"], "«months»")) {
      for (const YAML::Node& month : node["months"]) {
        if (auto value = reader.IntegerValue(month, "месяц", 1, 12)) spec.months.push_back(*value);
      }
    }
  }
  if (node["window"]) spec.window = ReadMonthWindow(node["window"], reader, "«window»");
  if (node["windows"] && reader.ExpectSequence(node["windows"], "«windows» ([[первый, последний], …])")) {
    for (const YAML::Node& window : node["windows"]) {
      if (auto read = ReadMonthWindow(window, reader, "каждое окно из «windows»")) spec.windows.push_back(*read);
    }
  }
  spec.quarter = reader.Integer(node, "quarter", 1, 4);
  spec.half = reader.Integer(node, "half", 1, 2);
  for (auto [key, day] : {std::pair{"by", &spec.by}, std::pair{"start", &spec.start}}) {
    if (auto text = reader.String(node, key, false)) {
      *day = ParseMonthDay(*text);
      if (!*day) {
        reader.Error(node[key],
                     fmt::format("«{}: {}» — такого дня в году нет; нужен вид ММ-ДД, например 08-10", key, *text));
      }
    }
  }
  if (spec.start && !spec.by) reader.Error(node["start"], "«start» открывает окно, которому нужен конец: «by»");
  spec.calendar_year = reader.Boolean(node, "calendar_year").value_or(false);
  spec.year = reader.Integer(node, "year", 1900, 2999);
  spec.to_year = reader.Integer(node, "to_year", 1900, 2999);
  spec.school_years = reader.Boolean(node, "school_years").value_or(false);
  spec.opens = reader.IsoDate(node, "opens", false);
  spec.due = reader.IsoDate(node, "due", false);
  spec.due_day = reader.Integer(node, "due_day", 1, 31);
  spec.due_working_day = reader.Integer(node, "due_working_day", 1, 23);
  spec.opens_working_day = reader.Integer(node, "opens_working_day", 1, 23);
  spec.report = reader.Boolean(node, "report").value_or(false);
  spec.report_months = reader.Integer(node, "report_months", 1, 24).value_or(1);
  if (node["report_months"] && !spec.report)
    reader.Error(node["report_months"], "«report_months» требует «report: true»");
  spec.since = ReadYearMonth(node, "since", reader);
  spec.until = ReadYearMonth(node, "until", reader);
  if (spec.since && spec.until && *spec.until < *spec.since) reader.Error(node["until"], "«until» раньше, чем «since»");
  spec.weekday = reader.Integer(node, "weekday", 1, 7);
  spec.plan = reader.String(node, "plan", false).value_or("");
  spec.external_yearly = reader.Boolean(node, "yearly").value_or(false);
  ReadAnchors(node, reader, spec);
  spec.lead_days = reader.Integer(node, "lead_days", 0, 3650);
  spec.shift = ReadShiftPolicy(node, reader);

  int parts = (spec.months.empty() ? 0 : 1) + (spec.window ? 1 : 0) + (spec.windows.empty() ? 0 : 1) +
              (spec.quarter ? 1 : 0) + (spec.half ? 1 : 0) + (spec.by ? 1 : 0);
  if (parts > 1)
    reader.Error(node, "укажите не больше одного из «months», «window», «windows», «quarter», «half», «by»");
  if (spec.due_day && spec.due_working_day)
    reader.Error(node["due_working_day"], "укажите «due_day» или «due_working_day», но не оба");
  if (spec.opens_working_day && !spec.due_working_day) {
    reader.Error(node["opens_working_day"], "«opens_working_day» требует «due_working_day»");
  }
  if (spec.report && (spec.opens || spec.due)) {
    reader.Error(node["report"], "«report» требует отчётного периода, а не явных «opens»/«due»");
  }
  CheckKeysApply(node, spec, reader);
  if (spec.repeat == Repeat::kOnce && !spec.year && !spec.due && !spec.opens) {
    reader.Error(node, "«repeat: once» требует «year», «due» или «opens»");
  }
  if (spec.to_year && (!spec.year || *spec.to_year < *spec.year)) {
    reader.Error(node["to_year"], "«to_year» требует «year» и не может быть раньше него");
  }
  if (spec.opens && spec.due && *spec.due < *spec.opens) reader.Error(node["due"], "«due» раньше, чем «opens»");
  if (reader.diagnostics().errors() > errors_before) return std::nullopt;
  return spec;
}

std::optional<ShiftPolicy> ReadShiftPolicy(const YAML::Node& map, YamlReader& reader, const std::string& key) {
  auto name = reader.String(map, key, false);
  if (!name) return std::nullopt;
  std::optional<ShiftPolicy> policy = ParseShiftPolicy(*name);
  if (!policy)
    reader.Error(map[key], fmt::format("неизвестный перенос «{}»; допустимо next, previous или none", *name));
  return policy;
}

nlohmann::ordered_json TimingSpecToJson(const TimingSpec& spec) {
  nlohmann::ordered_json json;
  json["repeat"] = RepeatName(spec.repeat);
  if (!spec.months.empty()) json["months"] = spec.months;
  if (spec.window) json["window"] = {spec.window->first, spec.window->last};
  if (!spec.windows.empty()) {
    json["windows"] = nlohmann::ordered_json::array();
    for (const MonthWindow& window : spec.windows) json["windows"].push_back({window.first, window.last});
  }
  if (spec.quarter) json["quarter"] = *spec.quarter;
  if (spec.half) json["half"] = *spec.half;
  if (spec.by) json["by"] = fmt::format("{:02}-{:02}", spec.by->month, spec.by->day);
  if (spec.start) json["start"] = fmt::format("{:02}-{:02}", spec.start->month, spec.start->day);
  if (spec.calendar_year) json["calendar_year"] = true;
  if (spec.year) json["year"] = *spec.year;
  if (spec.to_year) json["to_year"] = *spec.to_year;
  if (spec.school_years) json["school_years"] = true;
  if (spec.opens) json["opens"] = FormatIsoDate(*spec.opens);
  if (spec.due) json["due"] = FormatIsoDate(*spec.due);
  if (spec.due_day) json["due_day"] = *spec.due_day;
  if (spec.due_working_day) json["due_working_day"] = *spec.due_working_day;
  if (spec.opens_working_day) json["opens_working_day"] = *spec.opens_working_day;
  if (spec.report) json["report"] = true;
  if (spec.report && spec.report_months != 1) json["report_months"] = spec.report_months;
  if (spec.since) json["since"] = FormatYearMonth(*spec.since);
  if (spec.until) json["until"] = FormatYearMonth(*spec.until);
  if (spec.weekday) json["weekday"] = *spec.weekday;
  if (!spec.plan.empty()) json["plan"] = spec.plan;
  if (spec.external_yearly) json["yearly"] = true;
  if (spec.after) {
    json["after"] = spec.after->activity;
    json[spec.after->working_days ? "working_days" : "days"] = spec.after->days;
  }
  if (spec.event) {
    json["event"] = spec.event->event;
    if (spec.event->before) json["before"] = true;
    json[std::string(OffsetUnitKey(spec.event->unit))] = spec.event->amount;
  }
  if (spec.lead_days) json["lead_days"] = *spec.lead_days;
  if (spec.shift) json["shift"] = ShiftPolicyName(*spec.shift);
  return json;
}

}  // namespace vekha
