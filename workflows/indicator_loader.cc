#include "workflows/indicator_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/text.h"
#include "workflows/input_checks.h"

namespace vekha {

namespace {

const std::vector<std::string> kIndicatorKeys = {"id",       "title", "unit",   "better",   "level",   "for",
                                                 "measured", "group", "source", "baseline", "targets", "report_by"};

// «положительная динамика» (as the documents write it) or its English key.
bool IsPositiveDynamics(const std::string& text) {
  std::u32string folded = FoldCase(DecodeUtf8(text));
  return folded == U"положительная динамика" || text == "positive-dynamics";
}

std::optional<double> ReadValue(YamlReader& reader, const YAML::Node& node, std::string_view what) {
  std::optional<std::string> text = reader.ScalarText(node, what);
  if (!text) return std::nullopt;
  std::optional<double> value = ParseDecimal(*text);
  if (!value) reader.Error(node, fmt::format("{}: нужно число («6,44» или 6.44), а написано «{}»", what, *text));
  return value;
}

void ReadTargets(YamlReader& reader, const YAML::Node& targets, Indicator& indicator) {
  if (!reader.ExpectMap(targets, "«targets» (год: значение)")) return;
  for (const auto& entry : targets) {
    std::optional<int> year = reader.IntegerValue(entry.first, "год целевого значения", 1990, 2100);
    if (!year) continue;
    IndicatorTarget target{*year, std::nullopt, false};
    std::optional<std::string> text = reader.ScalarText(entry.second, "целевое значение");
    if (!text) continue;
    if (IsPositiveDynamics(*text)) {
      target.positive_dynamics = true;
    } else if (auto value = ReadValue(reader, entry.second, fmt::format("цель на {} год", *year))) {
      target.value = *value;
    } else {
      continue;
    }
    bool repeated = std::any_of(indicator.targets.begin(), indicator.targets.end(),
                                [&](const IndicatorTarget& other) { return other.year == *year; });
    if (repeated) {
      reader.Error(entry.first, fmt::format("цель на {} год указана дважды", *year));
      continue;
    }
    indicator.targets.push_back(target);
  }
  std::sort(indicator.targets.begin(), indicator.targets.end(),
            [](const IndicatorTarget& a, const IndicatorTarget& b) { return a.year < b.year; });
}

}  // namespace

std::optional<Indicator> ReadIndicator(YamlReader& reader, const YAML::Node& node) {
  reader.CheckKeys(node, kIndicatorKeys, "показатель");
  int errors_before = reader.diagnostics().errors();
  Indicator indicator;
  indicator.where = reader.PositionOf(node);
  indicator.id = reader.String(node, "id", true).value_or("");
  indicator.title = reader.String(node, "title", true).value_or("");
  indicator.unit = reader.String(node, "unit", true).value_or("");
  indicator.lower_is_better = reader.OneOf(node, "better", {"higher", "lower"}, "«better» (что лучше)") == "lower";
  indicator.per_organisation =
      reader.OneOf(node, "level", {"municipality", "organisation"}, "«level» (уровень показателя)") == "organisation";
  if (const YAML::Node& selector = node["for"]; selector && reader.ExpectMap(selector, "«for»")) {
    if (!indicator.per_organisation) reader.Error(selector, "«for» требует «level: organisation»");
    reader.CheckKeys(selector, {"kind", "tags", "orgs"}, "«for»");
    indicator.for_organisations.kinds = reader.StringList(selector, "kind");
    indicator.for_organisations.tags = reader.StringList(selector, "tags");
    indicator.for_organisations.ids = reader.StringList(selector, "orgs");
    indicator.for_organisations.where = reader.PositionOf(selector);
  } else if (indicator.per_organisation) {
    indicator.for_organisations.kinds = {"school"};
  }
  indicator.measured = reader.String(node, "measured", false).value_or("");
  indicator.group = reader.String(node, "group", false).value_or("");
  indicator.source = reader.String(node, "source", false).value_or("");
  if (node["baseline"]) indicator.baseline = ReadValue(reader, node["baseline"], "«baseline»");
  if (node["targets"]) ReadTargets(reader, node["targets"], indicator);
  if (auto report_by = reader.String(node, "report_by", false)) {
    bool valid = report_by->size() == 5 && (*report_by)[2] == '-';
    int month = valid ? std::atoi(report_by->substr(0, 2).c_str()) : 0;
    int day = valid ? std::atoi(report_by->substr(3, 2).c_str()) : 0;
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(2023, month)) {
      reader.Error(node["report_by"],
                   fmt::format("«report_by: {}» — такого дня в году нет; нужен вид ММ-ДД, например 06-30", *report_by));
    } else {
      indicator.report_by = MonthDay{month, day};
    }
  }
  if (reader.diagnostics().errors() > errors_before || indicator.id.empty()) return std::nullopt;
  return indicator;
}

}  // namespace vekha
