#include "workflows/simulation_script.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "workflows/input_checks.h"
#include "workflows/yaml_reader.h"

namespace vekha {

namespace {

const std::vector<std::string> kScriptKeys = {"routine_time", "routines", "actions"};
const std::vector<std::string> kSelectorKeys = {"roadmap", "activity", "organisation", "due"};
const std::vector<std::string> kVerbs = {"submit",   "confirm",      "return",          "waive",
                                         "set-date", "record-event", "record-indicator"};
const std::vector<std::string> kRoutineVerbs = {"submit", "confirm"};

std::vector<std::string> With(std::vector<std::string> keys, const std::vector<std::string>& more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

const std::vector<std::string> kActionKeys = With(
    kSelectorKeys,
    {"on", "at", "as", "do", "files", "values", "comment", "reason", "date", "event", "indicator", "year", "value"});
const std::vector<std::string> kRoutineKeys =
    With(kSelectorKeys, {"do", "as", "working_days_before_due", "working_days_after_submission", "comment"});

std::optional<ScriptVerb> ParseVerb(std::string_view name) {
  if (name == "submit") return ScriptVerb::kSubmit;
  if (name == "confirm") return ScriptVerb::kConfirm;
  if (name == "return") return ScriptVerb::kReturn;
  if (name == "waive") return ScriptVerb::kWaive;
  if (name == "set-date") return ScriptVerb::kSetDate;
  if (name == "record-event") return ScriptVerb::kRecordEvent;
  if (name == "record-indicator") return ScriptVerb::kRecordIndicator;
  return std::nullopt;
}

class ScriptLoader {
 public:
  ScriptLoader(const std::string& path, const Deployment& deployment, Diagnostics& diagnostics)
      : reader_(path, diagnostics), deployment_(deployment), base_(std::filesystem::path(path).parent_path()) {}

  bool Load(SimulationScript& script) {
    if (!reader_.Load()) return false;
    const YAML::Node& root = reader_.root();
    if (!reader_.ExpectMap(root, "сценарий моделирования")) return false;
    reader_.CheckKeys(root, kScriptKeys, "сценарий моделирования");
    script.path = reader_.path();
    if (root["routine_time"]) script.routine_minute = reader_.ClockTime(root, "routine_time", true).value_or(600);
    if (const YAML::Node& routines = root["routines"]; routines && reader_.ExpectSequence(routines, "«routines»")) {
      for (const YAML::Node& node : routines) ReadRoutine(node, script.routines);
    }
    if (const YAML::Node& actions = root["actions"]; actions && reader_.ExpectSequence(actions, "«actions»")) {
      for (const YAML::Node& node : actions) ReadAction(node, script.actions);
    }
    std::stable_sort(script.actions.begin(), script.actions.end(),
                     [](const auto& a, const auto& b) { return std::tie(a.on, a.minute) < std::tie(b.on, b.minute); });
    return !reader_.diagnostics().HasErrors();
  }

 private:
  std::optional<ScriptVerb> ReadVerb(const YAML::Node& node, const std::vector<std::string>& allowed) {
    std::optional<std::string> name = reader_.String(node, "do", true);
    if (!name) return std::nullopt;
    std::optional<ScriptVerb> verb = ParseVerb(*name);
    if (!verb || std::find(allowed.begin(), allowed.end(), *name) == allowed.end()) {
      reader_.Error(node["do"],
                    fmt::format("«{}» — не действие сценария; допустимо: {}", *name, fmt::join(allowed, ", ")),
                    DidYouMean(*name, allowed));
      return std::nullopt;
    }
    return verb;
  }

  void ReadSelector(const YAML::Node& node, TaskSelector& selector) {
    selector.roadmap = reader_.String(node, "roadmap", false).value_or("");
    selector.activity = reader_.String(node, "activity", false).value_or("");
    if (size_t slash = selector.activity.find('/'); slash != std::string::npos) {
      selector.roadmap = selector.activity.substr(0, slash);
      selector.activity = selector.activity.substr(slash + 1);
    }
    selector.organisations = reader_.StringList(node, "organisation");
    selector.due = reader_.IsoDate(node, "due", false);
    if (!selector.roadmap.empty() && deployment_.FindRoadmap(selector.roadmap) == nullptr) {
      reader_.Error(node[node["roadmap"] ? "roadmap" : "activity"],
                    fmt::format("нет дорожной карты «{}»", selector.roadmap),
                    DidYouMean(selector.roadmap, RoadmapIds()));
    }
    if (!selector.activity.empty() && !ActivityExists(selector)) {
      reader_.Error(node["activity"],
                    fmt::format("нет мероприятия «{}»{}", selector.activity,
                                selector.roadmap.empty() ? "" : " в дорожной карте «" + selector.roadmap + "»"),
                    DidYouMean(selector.activity, ActivityIds(selector.roadmap)));
    }
    for (const std::string& organisation : selector.organisations) {
      if (deployment_.FindOrganisation(organisation) == nullptr) {
        reader_.Error(node["organisation"], fmt::format("нет организации «{}»", organisation),
                      DidYouMean(organisation, OrganisationIds()));
      }
    }
  }

  void CheckPerson(const YAML::Node& node, const std::string& person) {
    if (deployment_.FindPerson(person) != nullptr) return;
    std::vector<std::string> ids;
    for (const Person& candidate : deployment_.people) ids.push_back(candidate.id);
    reader_.Error(node["as"], fmt::format("нет человека «{}»", person), DidYouMean(person, ids));
  }

  void ReadRoutine(const YAML::Node& node, std::vector<Routine>& routines) {
    if (!reader_.ExpectMap(node, "порядок действий")) return;
    reader_.CheckKeys(node, kRoutineKeys, "порядок действий");
    Routine routine;
    routine.where = reader_.PositionOf(node);
    std::optional<ScriptVerb> verb = ReadVerb(node, kRoutineVerbs);
    if (!verb) return;
    routine.verb = *verb;
    ReadSelector(node, routine.tasks);
    const char* offset_key =
        routine.verb == ScriptVerb::kSubmit ? "working_days_before_due" : "working_days_after_submission";
    const char* other_key =
        routine.verb == ScriptVerb::kSubmit ? "working_days_after_submission" : "working_days_before_due";
    if (node[other_key]) {
      reader_.Error(node[other_key], fmt::format("«{}» — для другого порядка действий; порядок {} принимает «{}»",
                                                 other_key, ScriptVerbName(routine.verb), offset_key));
    }
    if (!node[offset_key]) {
      reader_.Error(node, fmt::format("не хватает обязательного ключа «{}»", offset_key));
    } else if (auto days = reader_.Integer(node, offset_key, -250, 250)) {
      routine.working_days = *days;
    }
    if (auto person = reader_.String(node, "as", false)) {
      CheckPerson(node, *person);
      routine.person = *person;
    }
    routine.comment = reader_.String(node, "comment", false).value_or("");
    routines.push_back(std::move(routine));
  }

  void ReadAction(const YAML::Node& node, std::vector<ScriptedAction>& actions) {
    if (!reader_.ExpectMap(node, "действие")) return;
    reader_.CheckKeys(node, kActionKeys, "действие");
    ScriptedAction action;
    action.where = reader_.PositionOf(node);
    std::optional<Date> on = reader_.IsoDate(node, "on", true);
    std::optional<ScriptVerb> verb = ReadVerb(node, kVerbs);
    std::optional<std::string> person = reader_.String(node, "as", true);
    if (node["at"]) action.minute = reader_.ClockTime(node, "at", true).value_or(action.minute);
    ReadSelector(node, action.task);
    bool records_event = verb == ScriptVerb::kRecordEvent;
    if (records_event) {
      action.event = reader_.String(node, "event", true).value_or("");
      if (!action.event.empty() && deployment_.FindEvent(action.event) == nullptr) {
        reader_.Error(node["event"], fmt::format("нет события «{}»", action.event));
      }
      if (node["activity"]) reader_.Error(node["activity"], "record-event записывает событие, а не действие с задачей");
    } else if (node["event"]) {
      reader_.Error(node["event"], "«event» — только для record-event");
    }
    bool records_value = verb == ScriptVerb::kRecordIndicator;
    if (records_value) {
      ReadIndicatorValue(node, action);
    } else {
      for (const char* key : {"indicator", "year", "value"}) {
        if (node[key]) reader_.Error(node[key], fmt::format("«{}» — только для record-indicator", key));
      }
    }
    if (action.task.activity.empty() && !records_event && !records_value) {
      reader_.Error(node, "не хватает обязательного ключа «activity»: с какой задачей действие");
    }
    if (action.task.organisations.size() > 1)
      reader_.Error(node["organisation"], "действие относится к одной организации");
    if (person) CheckPerson(node, *person);
    action.comment = reader_.String(node, "comment", false).value_or("");
    action.reason = reader_.String(node, "reason", false).value_or("");
    if (verb && (*verb == ScriptVerb::kReturn || *verb == ScriptVerb::kWaive) && action.reason.empty()) {
      reader_.Error(
          node, fmt::format("не хватает обязательного ключа «reason»: для {} нужна причина", ScriptVerbName(*verb)));
    }
    if (verb == ScriptVerb::kSetDate || verb == ScriptVerb::kRecordEvent) {
      action.due = reader_.IsoDate(node, "date", verb == ScriptVerb::kSetDate);
    } else if (node["date"]) {
      reader_.Error(node["date"], "«date» — только для set-date (новый срок) и record-event (день события)");
    }
    if (verb) action.verb = *verb;
    ReadEvidence(node, action);
    if (!on || !verb || !person) return;
    action.on = *on;
    action.person = *person;
    actions.push_back(std::move(action));
  }

  // record-indicator: indicator (a catalogue id), year, value («12,5» or 12.5); no task.
  void ReadIndicatorValue(const YAML::Node& node, ScriptedAction& action) {
    action.indicator = reader_.String(node, "indicator", true).value_or("");
    if (!action.indicator.empty() && deployment_.FindIndicator(action.indicator) == nullptr) {
      reader_.Error(node["indicator"], fmt::format("нет показателя «{}»", action.indicator));
    }
    action.year = reader_.Integer(node, "year", 1990, 2100).value_or(0);
    if (!node["year"]) reader_.Error(node, "не хватает обязательного ключа «year»: за какой год значение");
    if (auto value = reader_.String(node, "value", true)) {
      std::optional<double> number = ParseDecimal(*value);
      if (!number) reader_.Error(node["value"], fmt::format("«{}» — не число; напишите 12,5 или 12.5", *value));
      action.value = number.value_or(0);
    }
    if (node["activity"])
      reader_.Error(node["activity"], "record-indicator записывает показатель, а не действие с задачей");
  }

  // files: [PATH or N=PATH]; values: {NAME: VALUE}. Paths are relative to the script.
  void ReadEvidence(const YAML::Node& node, ScriptedAction& action) {
    bool submits = action.verb == ScriptVerb::kSubmit;
    for (const char* key : {"files", "values"}) {
      if (node[key] && !submits) reader_.Error(node[key], fmt::format("«{}» бывают только у submit", key));
    }
    for (const std::string& file : reader_.StringList(node, "files")) {
      // "N=PATH" or "TITLE=PATH" names the deliverable, unless the whole text is a file's path.
      std::string label;
      std::string path = file;
      if (size_t equals = file.find('='); equals != std::string::npos && !std::filesystem::exists(base_ / file)) {
        label = file.substr(0, equals);
        path = file.substr(equals + 1);
      }
      std::filesystem::path resolved = base_ / path;
      if (!std::filesystem::is_regular_file(resolved)) {
        reader_.Error(node["files"], fmt::format("нет файла «{}» (пути отсчитываются от сценария)", resolved.string()));
      }
      action.files.push_back({label, resolved.string()});
    }
    if (const YAML::Node& values = node["values"];
        values && reader_.ExpectMap(values, "«values» (НАЗВАНИЕ: ЗНАЧЕНИЕ)")) {
      for (const auto& entry : values) {
        auto name = reader_.ScalarText(entry.first, "название показателя");
        auto value = reader_.ScalarText(entry.second, "значение показателя");
        if (name && value) action.values.push_back({*name, *value});
      }
    }
  }

  bool ActivityExists(const TaskSelector& selector) const {
    std::vector<std::string> ids = ActivityIds(selector.roadmap);
    return std::find(ids.begin(), ids.end(), selector.activity) != ids.end();
  }

  std::vector<std::string> RoadmapIds() const {
    std::vector<std::string> ids;
    for (const Roadmap& roadmap : deployment_.roadmaps) ids.push_back(roadmap.id);
    return ids;
  }

  std::vector<std::string> ActivityIds(const std::string& roadmap_id) const {
    std::vector<std::string> ids;
    for (const Roadmap& roadmap : deployment_.roadmaps) {
      if (!roadmap_id.empty() && roadmap.id != roadmap_id) continue;
      for (const Activity& activity : roadmap.activities) ids.push_back(activity.id);
    }
    return ids;
  }

  std::vector<std::string> OrganisationIds() const {
    std::vector<std::string> ids;
    for (const Organisation& organisation : deployment_.organisations) ids.push_back(organisation.id);
    return ids;
  }

  YamlReader reader_;
  const Deployment& deployment_;
  std::filesystem::path base_;
};

}  // namespace

std::string_view ScriptVerbName(ScriptVerb verb) {
  switch (verb) {
    case ScriptVerb::kSubmit:
      return "submit";
    case ScriptVerb::kConfirm:
      return "confirm";
    case ScriptVerb::kReturn:
      return "return";
    case ScriptVerb::kWaive:
      return "waive";
    case ScriptVerb::kSetDate:
      return "set-date";
    case ScriptVerb::kRecordEvent:
      return "record-event";
    case ScriptVerb::kRecordIndicator:
      return "record-indicator";
  }
  return "?";
}

bool TaskSelector::Matches(const TaskRecord& task) const {
  if (!roadmap.empty() && roadmap != task.roadmap) return false;
  if (!activity.empty() && activity != task.activity) return false;
  if (!organisations.empty() &&
      std::find(organisations.begin(), organisations.end(), task.organisation) == organisations.end()) {
    return false;
  }
  return !due || due == task.due || due == task.effective_due;
}

bool LoadSimulationScript(const std::string& path, const Deployment& deployment, SimulationScript& script,
                          Diagnostics& diagnostics) {
  return ScriptLoader(path, deployment, diagnostics).Load(script);
}

}  // namespace vekha
