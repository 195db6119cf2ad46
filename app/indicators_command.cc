// `vekha indicators PATH`: the catalogue indicators with their target, value, verdict and whether
// the value came on time, per year (and organisation); `vekha indicators record` reports a value.
#include <fmt/format.h>

#include <iostream>

#include "app/commands.h"
#include "app/output.h"
#include "app/workspace.h"
#include "workflows/indicator_status.h"
#include "workflows/input_checks.h"
#include "workflows/monitoring_json.h"
#include "workflows/outcome_text.h"

namespace vekha::app {

namespace {

struct IndicatorOptions {
  std::string deployment = ".";
  std::string organisation;
  int year = 0;  // 0: every year
  std::string format = "text";
  // record
  std::string indicator;
  std::string value;
  std::string person;
  std::string comment;
};

std::string Value(const std::optional<double>& value) { return value ? DecimalText(*value) : "—"; }

void PrintCsv(const std::vector<IndicatorRow>& rows) {
  std::cout << "\xEF\xBB\xBF"
            << "Показатель,Наименование,Единица,Организация,Год,Цель,Факт,Оценка,Срок сдачи,Сдано,В срок\n";
  for (const IndicatorRow& row : rows) {
    for (const IndicatorYear& year : row.years) {
      std::cout << fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", row.indicator->id, CsvField(row.indicator->title),
                               CsvField(row.indicator->unit), row.organisation ? row.organisation->id : "", year.year,
                               CsvField(IndicatorTargetText(year)), Value(year.actual),
                               IndicatorVerdictTitle(year.verdict), DottedDate(year.due),
                               year.reported_at.substr(0, 10), year.on_time ? (*year.on_time ? "да" : "нет") : "");
    }
  }
}

void PrintText(const std::vector<IndicatorRow>& rows, const Date& today) {
  std::cout << fmt::format("Показатели на {}: {}\n", DottedDate(today), rows.size());
  for (const IndicatorRow& row : rows) {
    const Indicator& indicator = *row.indicator;
    std::cout << fmt::format("\n{} — {} ({}, {} — лучше){}\n", indicator.id, Shorten(indicator.title, 100),
                             indicator.unit, indicator.lower_is_better ? "меньше" : "больше",
                             row.organisation ? fmt::format(" · {}", row.organisation->name) : "");
    for (const IndicatorYear& year : row.years) {
      std::string late = year.on_time && !*year.on_time ? " (сдано с опозданием)" : "";
      std::cout << fmt::format("    {}: цель {}, факт {} · {}{}\n", year.year, IndicatorTargetText(year),
                               Value(year.actual), IndicatorVerdictTitle(year.verdict), late);
    }
  }
}

int ShowIndicators(const IndicatorOptions& options, const Clock& clock) {
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace) return exit_code;
  const Deployment& deployment = workspace->deployment();
  if (!options.organisation.empty() && deployment.FindOrganisation(options.organisation) == nullptr) {
    std::cerr << fmt::format("ошибка: нет организации «{}»\n", options.organisation);
    return kExitUsage;
  }
  std::vector<IndicatorValue> values;
  if (Status status = workspace->store().IndicatorValues("", values); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  IndicatorFilter filter{options.organisation, options.year == 0 ? std::nullopt : std::optional<int>(options.year)};
  std::vector<IndicatorRow> rows = IndicatorStatus(deployment, values, workspace->Today(), filter);
  if (options.format == "json") {
    std::cout << PrintableJson(IndicatorRowsJson(rows)) << '\n';
  } else if (options.format == "csv") {
    PrintCsv(rows);
  } else {
    PrintText(rows, workspace->Today());
  }
  return kExitOk;
}

int RecordIndicator(const IndicatorOptions& options, const Clock& clock) {
  std::optional<double> value = ParseDecimal(options.value);
  if (!value) {
    std::cerr << fmt::format("ошибка: --value «{}» — не число; напишите 12,5 или 12.5\n", options.value);
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace) return exit_code;
  Result<ActionOutcome> reported = workspace->service().RecordIndicator(
      options.indicator, options.organisation, options.year, *value, options.person, options.comment);
  if (!reported.ok()) {
    std::cerr << "отказано: " << reported.status().message() << '\n';
    return kExitInvalid;
  }
  std::cout << OutcomeText(*reported) << '\n';
  return kExitOk;
}

}  // namespace

void AddIndicatorsCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto show = std::make_shared<IndicatorOptions>();
  CLI::App* command = app.add_subcommand("indicators", "Показатели каталога: цели, значения, оценки по годам");
  command->add_option("path", show->deployment, "Каталог развёртывания или его vekha.yaml");
  command->add_option("--org", show->organisation, "Только показатели этой организации");
  command->add_option("--year", show->year, "Только этот год")->check(CLI::Range(1990, 2100));
  command->add_option("--format", show->format, "Формат вывода")->check(CLI::IsMember({"text", "json", "csv"}));
  auto record = std::make_shared<IndicatorOptions>();
  CLI::App* record_command = command->add_subcommand("record", "Сообщить значение показателя за год");
  command->callback([show, record_command, &clock, &exit_code] {
    if (!record_command->parsed()) exit_code = ShowIndicators(*show, clock);
  });
  AddDeploymentOption(*record_command, record->deployment);
  record_command->add_option("indicator", record->indicator, "Идентификатор показателя")->required();
  record_command->add_option("--year", record->year, "Год, за который значение")
      ->required()
      ->check(CLI::Range(1990, 2100));
  record_command->add_option("--value", record->value, "Значение: 12,5 или 12.5")->required();
  record_command->add_option("--org", record->organisation, "Организация — для показателя каждой организации");
  record_command->add_option("--as", record->person, "Кто сообщает: идентификатор человека")->required();
  record_command->add_option("--comment", record->comment, "Откуда значение");
  record_command->callback([record, &clock, &exit_code] { exit_code = RecordIndicator(*record, clock); });
}

}  // namespace vekha::app
