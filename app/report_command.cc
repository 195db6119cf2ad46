// `vekha report PATH --from D --to D [--roadmap ID] [--org ID] [--signatory PERSON]
// --format html|xlsx|csv|json [--output FILE]`: the implementation report of a period from the
// stored state, as of today (overdue is judged as `vekha tasks` judges it).
#include <fmt/format.h>

#include <iostream>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "app/workspace.h"
#include "engine/russian_count.h"
#include "engine/whole_file.h"
#include "reports/render.h"

namespace vekha::app {

namespace {

struct ReportCommandOptions {
  std::string deployment = ".";
  std::string from;
  std::string to;
  std::string roadmap;
  std::string organisation;
  std::string signatory;
  std::string executor;
  std::string format;
  std::string output;
};

// The format asked for, else the output file's extension, else HTML.
std::string FormatOf(const ReportCommandOptions& options) {
  if (!options.format.empty()) return options.format;
  for (const char* format : {"xlsx", "csv", "json", "html"}) {
    if (options.output.ends_with(std::string(".") + format)) return format;
  }
  return "html";
}

int RunReport(const ReportCommandOptions& options, const Clock& clock) {
  std::string format = FormatOf(options);
  if (format == "xlsx" && options.output.empty()) {
    std::cerr << "ошибка: для отчёта XLSX укажите --output ФАЙЛ.xlsx\n";
    return kExitUsage;
  }
  reports::ReportOptions report_options;
  report_options.from = *ParseIsoDate(options.from);
  report_options.to = *ParseIsoDate(options.to);
  report_options.roadmap = options.roadmap;
  report_options.organisation = options.organisation;
  report_options.signatory = options.signatory;
  report_options.executor = options.executor;
  if (report_options.to < report_options.from) {
    std::cerr << fmt::format("ошибка: --to {} раньше --from {}\n", options.to, options.from);
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::unique_ptr<Workspace> workspace = OpenWorkspace(options.deployment, clock, exit_code);
  if (!workspace || !SyncWorkspace(*workspace)) return exit_code == kExitOk ? kExitInvalid : exit_code;
  report_options.as_of = workspace->Today();
  reports::Report report;
  if (Status status = reports::BuildReport(workspace->deployment(), workspace->store(), report_options, report);
      !status.ok()) {
    PrintError(status);
    return kExitUsage;
  }
  Status written;
  if (format == "xlsx") {
    written = reports::WriteXlsx(report, options.output);
  } else {
    std::string text = format == "json"  ? reports::RenderJson(report)
                       : format == "csv" ? reports::RenderCsv(report)
                                         : reports::RenderHtml(report);
    if (options.output.empty()) {
      std::cout << text;
      return kExitOk;
    }
    written = WriteFileAtomically(options.output, text);
  }
  if (!written.ok()) {
    PrintError(written);
    return kExitInvalid;
  }
  std::cerr << fmt::format("{}: {}, в срок {}, с опозданием {}, просрочено {}\n", options.output,
                           CountOf(report.total.total(), nouns::kTasks), report.total.on_time, report.total.late,
                           report.total.overdue);
  return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* command = app.add_subcommand("report", "Отчёт об исполнении за период: HTML, XLSX, CSV или JSON");
  command->add_option("path", options->deployment, "Каталог развёртывания или его vekha.yaml (по умолчанию .)");
  command->add_option("--from", options->from, "Первый день периода")->required()->check(IsoDateValidator());
  command->add_option("--to", options->to, "Последний день периода")->required()->check(IsoDateValidator());
  command->add_option("--roadmap", options->roadmap, "Только эта дорожная карта");
  command->add_option("--org", options->organisation, "Только эта организация");
  command->add_option("--signatory", options->signatory,
                      "Кто подписывает (по умолчанию — руководитель органа управления образованием)");
  command->add_option("--executor", options->executor,
                      "Исполнитель с телефоном (по умолчанию — координатор первой дорожной карты)");
  command->add_option("--format", options->format, "html, xlsx, csv или json (по умолчанию — по --output, иначе html)")
      ->check(CLI::IsMember({"html", "xlsx", "csv", "json"}));
  command->add_option("-o,--output", options->output,
                      "Записать в ФАЙЛ, а не в стандартный вывод (для xlsx обязательно)");
  command->callback([options, &clock, &exit_code] { exit_code = RunReport(*options, clock); });
}

}  // namespace vekha::app
