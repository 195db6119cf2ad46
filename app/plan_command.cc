// `vekha plan PATH`: the dated tasks of a deployment within a range — roadmap, activity,
// organisation, period key, opening day, deadline as written and as shifted, responsible people —
// as Russian text, JSON or CSV.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "engine/clock.h"
#include "engine/planner.h"
#include "engine/russian_count.h"
#include "engine/task.h"
#include "workflows/deployment_loader.h"
#include "workflows/event_dating.h"

namespace vekha::app {

namespace {

struct PlanOptions {
  std::string path;
  std::string from;
  std::string to;
  std::string organisation;
  std::string roadmap;
  std::string person;
  std::string format = "text";
};

// The period key as a coordinator reads it.
std::string PeriodLabel(const std::string& key) {
  if (key == "once") return "разовое";
  if (key == "continuous") return "постоянно";
  return key;
}

std::string PeopleNames(const PlannedTask& task) {
  std::vector<std::string> names;
  for (const Person* person : task.responsible) names.push_back(person->name);
  for (const std::string& missing : task.unassigned) names.push_back(fmt::format("никто не назначен ({})", missing));
  return names.empty() ? "не указаны" : fmt::format("{}", fmt::join(names, ", "));
}

std::string PeopleIds(const PlannedTask& task) {
  std::vector<std::string> ids;
  for (const Person* person : task.responsible) ids.push_back(person->id);
  return fmt::format("{}", fmt::join(ids, ";"));
}

std::string TaskId(const PlannedTask& task) {
  return TaskIdFor(task.roadmap->id, task.activity->id, task.organisation->id, task.occurrence.key);
}

std::string DeadlineUtc(const PlannedTask& task) {
  if (!task.deadline) return "";
  return FormatInstant(*task.deadline);
}

void PrintText(const Deployment& deployment, const std::vector<PlannedTask>& tasks, const Date& from, const Date& to) {
  std::cout << fmt::format("План с {} по {}: задач — {}\n", ShortDate(from), ShortDate(to), tasks.size());
  std::optional<Date> current;
  bool undated_header = false;
  for (const PlannedTask& task : tasks) {
    const Occurrence& occurrence = task.occurrence;
    if (occurrence.effective_due && occurrence.effective_due != current) {
      current = occurrence.effective_due;
      std::cout << fmt::format("\n── срок {} ──\n", RussianDate(*current));
    } else if (!occurrence.effective_due && !undated_header) {
      undated_header = true;
      std::cout << "\n── без срока (постоянные, по внешнему плану и ждущие события) ──\n";
    }
    std::cout << fmt::format("• {} {} / {}: {}\n", TaskId(task), task.roadmap->id, task.activity->id,
                             Shorten(task.activity->title, 100));
    std::string window =
        fmt::format("период {} · открыта с {}", PeriodLabel(occurrence.key), ShortDate(occurrence.opens));
    if (occurrence.due && occurrence.due != occurrence.effective_due) {
      window += fmt::format(" · по документу {} (перенос с нерабочего дня)", ShortDate(occurrence.due));
    }
    if (task.kind == Repeat::kExternal) window += " · дату назначит координатор";
    if (task.kind == Repeat::kEvent) window += " · " + AwaitedEventText(deployment, *task.activity);
    std::cout << fmt::format("    {} · {}\n    ответственные: {}\n", Shorten(task.organisation->name, 70), window,
                             PeopleNames(task));
  }
}

void PrintCsv(const std::vector<PlannedTask>& tasks) {
  std::cout << "id,roadmap,activity,organisation,key,kind,opens,due,effective_due,deadline_utc,responsible,unassigned,"
               "title\n";
  for (const PlannedTask& task : tasks) {
    const Occurrence& occurrence = task.occurrence;
    std::cout << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", TaskId(task), CsvField(task.roadmap->id),
                             CsvField(task.activity->id), CsvField(task.organisation->id), occurrence.key,
                             RepeatName(task.kind), FormatIsoDate(occurrence.opens), IsoOrEmpty(occurrence.due),
                             IsoOrEmpty(occurrence.effective_due), DeadlineUtc(task), CsvField(PeopleIds(task)),
                             CsvField(fmt::format("{}", fmt::join(task.unassigned, ";"))),
                             CsvField(task.activity->title));
  }
}

void PrintJson(const std::vector<PlannedTask>& tasks) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const PlannedTask& task : tasks) {
    const Occurrence& occurrence = task.occurrence;
    auto date = [](const std::optional<Date>& value) {
      return value ? nlohmann::ordered_json(FormatIsoDate(*value)) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json responsible = nlohmann::ordered_json::array();
    for (const Person* person : task.responsible) responsible.push_back({{"id", person->id}, {"name", person->name}});
    json.push_back(
        {{"id", TaskId(task)},
         {"roadmap", task.roadmap->id},
         {"activity", task.activity->id},
         {"title", task.activity->title},
         {"organisation", task.organisation->id},
         {"key", occurrence.key},
         {"kind", RepeatName(task.kind)},
         {"opens", FormatIsoDate(occurrence.opens)},
         {"due", date(occurrence.due)},
         {"effective_due", date(occurrence.effective_due)},
         {"deadline_utc", task.deadline ? nlohmann::ordered_json(DeadlineUtc(task)) : nlohmann::ordered_json(nullptr)},
         {"responsible", responsible},
         {"unassigned", task.unassigned}});
  }
  std::cout << PrintableJson(json) << '\n';
}

int RunPlan(const PlanOptions& options, const Clock& clock) {
  Diagnostics diagnostics;
  LoadResult loaded = LoadDeployment(options.path, diagnostics);
  if (!loaded.deployment) {
    PrintDiagnostics(diagnostics);
    std::cerr << fmt::format("{}: развёртывание с ошибками ({}); подробности — vekha check\n", options.path,
                             CountOf(diagnostics.errors(), nouns::kErrors));
    return kExitInvalid;
  }
  const Deployment& deployment = *loaded.deployment;
  PlanFilter filter;
  filter.from = OptionalDate(options.from).value_or(LocalToday(clock, deployment.settings.time_zone));
  filter.to = OptionalDate(options.to).value_or(AddDays(*filter.from, 90));
  filter.organisation = options.organisation;
  filter.roadmap = options.roadmap;
  filter.person = options.person;
  if (*filter.to < *filter.from) {
    std::cerr << "ошибка: --to раньше --from\n";
    return kExitUsage;
  }
  if (!filter.organisation.empty() && !deployment.FindOrganisation(filter.organisation)) {
    std::cerr << fmt::format("ошибка: нет организации «{}»\n", filter.organisation);
    return kExitUsage;
  }
  if (!filter.person.empty() && !deployment.FindPerson(filter.person)) {
    std::cerr << fmt::format("ошибка: нет человека «{}»\n", filter.person);
    return kExitUsage;
  }
  if (!filter.roadmap.empty() && std::none_of(deployment.roadmaps.begin(), deployment.roadmaps.end(),
                                              [&](const Roadmap& roadmap) { return roadmap.id == filter.roadmap; })) {
    std::cerr << fmt::format("ошибка: нет дорожной карты «{}»\n", filter.roadmap);
    return kExitUsage;
  }
  std::vector<PlannedTask> tasks = PlanTasks(deployment, filter);
  if (options.format == "json") {
    PrintJson(tasks);
  } else if (options.format == "csv") {
    PrintCsv(tasks);
  } else {
    PrintText(deployment, tasks, *filter.from, *filter.to);
  }
  return kExitOk;
}

}  // namespace

void AddPlanCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand("plan", "Перечислить задачи развёртывания со сроками в промежутке");
  command->add_option("path", options->path, "Каталог развёртывания или его vekha.yaml")->required();
  command->add_option("--from", options->from, "Первый день (по умолчанию — сегодня в часовом поясе развёртывания)")
      ->check(IsoDateValidator());
  command->add_option("--to", options->to, "Последний день (по умолчанию — через 90 дней после --from)")
      ->check(IsoDateValidator());
  command->add_option("--org", options->organisation, "Только задачи этой организации");
  command->add_option("--roadmap", options->roadmap, "Только задачи этой дорожной карты");
  command->add_option("--person", options->person, "Только задачи, за которые отвечает этот человек");
  command->add_option("--format", options->format, "Формат вывода")->check(CLI::IsMember({"text", "json", "csv"}));
  command->callback([options, &clock, &exit_code] { exit_code = RunPlan(*options, clock); });
}

}  // namespace vekha::app
