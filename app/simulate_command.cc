// `vekha simulate PATH --from D --to D [--script ACTIONS.yaml] [--format text|json] [--summary]
// [--keep-database FILE]`: the engine on a virtual clock over a date range, in a scratch database
// (or one kept for `tasks`, `history` and `audit verify` afterwards); prints the timeline.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "app/workspace.h"
#include "engine/scratch_directory.h"
#include "runtime/simulation.h"
#include "workflows/deployment_loader.h"

namespace vekha::app {

namespace {

using runtime::SimulationResult;
using runtime::TimelineEntry;

constexpr int kMaxSimulatedDays = 10 * 366;

struct SimulateOptions {
  std::string deployment = ".";
  std::string from;
  std::string to;
  std::string script;
  std::string format = "text";
  std::string keep;
  bool summary = false;
};

const char* RussianKind(const std::string& kind) {
  static const std::map<std::string, const char*, std::less<>> kLabels = {{"opened", "открыта"},
                                                                          {"reminded", "напоминание"},
                                                                          {"overdue", "просрочена"},
                                                                          {"escalated", "эскалация"},
                                                                          {"held-back", "не отправлено"},
                                                                          {"sent", "отправлено"},
                                                                          {"failed", "не доставлено"},
                                                                          {"submitted", "сдана"},
                                                                          {"confirmed", "подтверждена"},
                                                                          {"returned", "возвращена"},
                                                                          {"waived", "снята"},
                                                                          {"dated", "датирована"},
                                                                          {"cancelled", "отменена"},
                                                                          {"untracked", "до начала учёта"},
                                                                          {"reconciled", "изменена"},
                                                                          {"created", "создана"},
                                                                          {"flagged", "отмечена"},
                                                                          {"refused", "отказ"},
                                                                          {"event", "событие"},
                                                                          {"value", "значение"}};
  auto found = kLabels.find(kind);
  return found == kLabels.end() ? kind.c_str() : found->second;
}

std::string WhatHappened(const TimelineEntry& entry) {
  if (entry.kind == "reminded" || entry.kind == "escalated" || entry.kind == "held-back") {
    return fmt::format("{} → {}", entry.rule, entry.person);
  }
  if (entry.kind == "sent") {
    return fmt::format("→ {} ({}{})", entry.person, entry.channel,
                       entry.detail.starts_with("digest/") ? ", в сводке" : "");
  }
  if (entry.kind == "failed") return fmt::format("→ {} ({}): {}", entry.person, entry.channel, entry.detail);
  if (entry.kind == "overdue") return "";
  std::string who = entry.person.empty() || entry.person == "vekha" ? "" : fmt::format("({})", entry.person);
  if (entry.detail.empty()) return who;
  return who.empty() ? entry.detail : who + ": " + entry.detail;
}

void PrintTimeline(const SimulationResult& result, const std::string& zone) {
  for (const TimelineEntry& entry : result.timeline) {
    std::optional<Clock::TimePoint> at = ParseInstant(entry.at);
    std::string subject = entry.roadmap.empty() ? entry.activity : fmt::format("{}/{}", entry.roadmap, entry.activity);
    if (!entry.organisation.empty()) subject += fmt::format(" · {}", entry.organisation);
    if (!entry.due.empty()) subject += fmt::format(" (срок {})", entry.due);
    std::cout << fmt::format("{}  {:<14} {:<12}  {}  {}\n", at ? FormatLocalTime(*at, zone) : entry.at,
                             RussianKind(entry.kind), entry.task, subject, WhatHappened(entry));
  }
}

// One row per month: how much of each kind happened.
void PrintSummary(const SimulationResult& result, const std::string& zone) {
  static const std::vector<std::string> kColumns = {"opened",    "reminded", "overdue", "escalated", "submitted",
                                                    "confirmed", "returned", "sent",    "refused"};
  std::map<std::string, std::map<std::string, int>> months;
  for (const TimelineEntry& entry : result.timeline) {
    std::optional<Clock::TimePoint> at = ParseInstant(entry.at);
    months[at ? FormatLocalTime(*at, zone).substr(0, 7) : entry.at.substr(0, 7)][entry.kind]++;
  }
  std::cout << fmt::format("{:<8}", "месяц");
  for (const std::string& column : kColumns) std::cout << fmt::format(" {:>13}", RussianKind(column));
  std::cout << '\n';
  for (const auto& [month, counts] : months) {
    std::cout << fmt::format("{:<8}", month);
    for (const std::string& column : kColumns) {
      auto found = counts.find(column);
      std::cout << fmt::format(" {:>13}", found == counts.end() ? 0 : found->second);
    }
    std::cout << '\n';
  }
  std::cout << fmt::format("Задач в плане: {}; циклов движка: {}\n", result.planned, result.wakes);
}

void PrintJson(const SimulationResult& result, const SimulateOptions& options, const std::string& name) {
  nlohmann::ordered_json timeline = nlohmann::ordered_json::array();
  for (const TimelineEntry& entry : result.timeline) {
    nlohmann::ordered_json item;
    auto put = [&](const char* key, const std::string& value) {
      if (!value.empty()) item[key] = value;
    };
    put("at", entry.at);
    put("kind", entry.kind);
    put("task", entry.task);
    put("roadmap", entry.roadmap);
    put("activity", entry.activity);
    put("organisation", entry.organisation);
    put("due", entry.due);
    put("person", entry.person);
    put("rule", entry.rule);
    put("channel", entry.channel);
    put("detail", entry.detail);
    timeline.push_back(std::move(item));
  }
  nlohmann::ordered_json document = {{"deployment", name},
                                     {"from", options.from},
                                     {"to", options.to},
                                     {"planned", result.planned},
                                     {"wakes", result.wakes},
                                     {"totals", result.totals},
                                     {"timeline", std::move(timeline)}};
  std::cout << PrintableJson(document) << '\n';
}

int RunSimulate(const SimulateOptions& options) {
  Date from = *ParseIsoDate(options.from);
  Date to = *ParseIsoDate(options.to);
  if (to < from || DaysBetween(from, to) > kMaxSimulatedDays) {
    std::cerr << fmt::format("ошибка: --to должен быть не раньше --from и не позже чем через {} дней\n",
                             kMaxSimulatedDays);
    return kExitUsage;
  }
  ScratchDirectory scratch("vekha-simulate-");
  std::string database = options.keep;
  if (database.empty()) {
    if (scratch.path().empty()) {
      std::cerr << "ошибка: не удалось создать временный каталог в " << std::filesystem::temp_directory_path() << '\n';
      return kExitInvalid;
    }
    database = (scratch.path() / "simulation.sqlite3").string();
  } else if (std::filesystem::exists(database)) {
    std::cerr << fmt::format("ошибка: {} уже существует; моделирование начинается с пустой базы\n", database);
    return kExitUsage;
  }
  FakeClock clock(StartOfLocalDay(from, "UTC"));
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code, database);
  if (!workspace) return exit_code;

  std::optional<SimulationScript> script;
  if (!options.script.empty()) {
    Diagnostics diagnostics;
    script.emplace();
    if (!LoadSimulationScript(options.script, workspace->deployment(), *script, diagnostics)) {
      PrintDiagnostics(diagnostics);
      std::cerr << fmt::format("{}: в сценарии ошибки; ничего не смоделировано\n", options.script);
      return kExitInvalid;
    }
  }
  Result<SimulationResult> simulated = runtime::Simulate(*workspace, clock, script ? &*script : nullptr, from, to);
  if (!simulated.ok()) {
    PrintError(simulated.status());
    return simulated.status().meaning().exit_code;
  }
  const SimulationResult& result = *simulated;
  const Settings& settings = workspace->deployment().settings;
  if (options.format == "json") {
    PrintJson(result, options, settings.name);
  } else {
    if (!options.summary) PrintTimeline(result, settings.time_zone);
    PrintSummary(result, settings.time_zone);
  }
  if (!options.keep.empty()) std::cerr << fmt::format("Смоделированное состояние сохранено в {}\n", options.keep);
  return kExitOk;
}

}  // namespace

void AddSimulateCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* command = app.add_subcommand(
      "simulate", "Прогнать движок по промежутку дат на виртуальных часах и напечатать, что происходит");
  command->add_option("path", options->deployment, "Каталог развёртывания или его vekha.yaml (по умолчанию .)");
  AddDeploymentOption(*command, options->deployment);
  command->add_option("--from", options->from, "Первый день моделирования")->required()->check(IsoDateValidator());
  command->add_option("--to", options->to, "Последний день моделирования")->required()->check(IsoDateValidator());
  command->add_option("--script", options->script, "Что делают люди: YAML-файл действий и привычек")
      ->check(CLI::ExistingFile);
  command->add_option("--format", options->format, "text или json")->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--summary", options->summary, "Текст: только помесячная сводка");
  command->add_option("--keep-database", options->keep,
                      "Сохранить смоделированное состояние в этот (новый) файл SQLite");
  command->callback([options, &exit_code] { exit_code = RunSimulate(*options); });
}

}  // namespace vekha::app
