// `vekha check PATH [--strict]`: validate a deployment and print every error and warning.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/commands.h"
#include "engine/russian_count.h"
#include "workflows/deployment_loader.h"

namespace vekha::app {

namespace {

struct CheckOptions {
  std::string path;
  bool strict = false;
};

int RunCheck(const CheckOptions& options) {
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(options.path, diagnostics);
  for (const std::string& file : loaded.files) spdlog::debug("read {}", file);
  for (const Diagnostic& diagnostic : diagnostics.entries()) {
    std::cerr << FormatDiagnostic(diagnostic) << '\n';
  }
  bool failed = diagnostics.HasErrors() || (options.strict && diagnostics.warnings() > 0);
  if (loaded.deployment && !failed) {
    const Deployment& deployment = *loaded.deployment;
    size_t activities = 0;
    for (const Roadmap& roadmap : deployment.roadmaps) activities += roadmap.activities.size();
    std::cout << fmt::format(
        "{}: в порядке — {}, {}, {}, {}, {}; {}\n", options.path, CountOf(loaded.files.size(), nouns::kFiles),
        CountOf(deployment.organisations.size(), nouns::kOrganisations),
        CountOf(deployment.people.size(), nouns::kPeople), CountOf(deployment.roadmaps.size(), nouns::kRoadmaps),
        CountOf(activities, nouns::kActivities),
        diagnostics.warnings() == 0 ? "предупреждений нет" : CountOf(diagnostics.warnings(), nouns::kWarnings));
    return kExitOk;
  }
  std::cerr << fmt::format(
      "{}: {}, {}{}\n", options.path, CountOf(diagnostics.errors(), nouns::kErrors),
      CountOf(diagnostics.warnings(), nouns::kWarnings),
      options.strict && !diagnostics.HasErrors() ? " (--strict: предупреждения считаются ошибками)" : "");
  return kExitInvalid;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Проверить развёртывание: YAML, идентификаторы, ссылки, циклы зависимостей и фразы «Сроков»");
  command->add_option("path", options->path, "Каталог развёртывания или его vekha.yaml")->required();
  command->add_flag("--strict", options->strict, "Считать предупреждения ошибками");
  command->callback([options, &exit_code] { exit_code = RunCheck(*options); });
}

}  // namespace vekha::app
