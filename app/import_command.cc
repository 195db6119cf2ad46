// `vekha import-table FILE [--format tsv|csv|md] [--table N | --tables] [--roadmap-id ID] [--title T]
// [-d DEPLOYMENT] [--map FILE] [--from D --to D] [--year academic|calendar] [--owner ORG]
// [--coordinator PERSON] [--first-line N] [-o FILE]`: a roadmap table — pasted from an order, or
// the order itself as .docx, .odt, .doc, .rtf or a saved web page — becomes roadmap YAML. Rows whose cells could not be
// read are kept with `# TODO` and listed on stderr; the exit status says whether any were.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "engine/russian_count.h"
#include "engine/scratch_directory.h"
#include "engine/whole_file.h"
#include "importer/document_tables.h"
#include "importer/office_conversion.h"
#include "importer/roadmap_table.h"
#include "importer/roadmap_yaml.h"
#include "workflows/deployment_loader.h"

namespace vekha::app {

namespace {

struct ImportOptions {
  std::string file;
  std::string format;
  std::string roadmap_id;
  std::string title;
  std::string deployment;
  std::string map;
  std::string from;
  std::string to;
  std::string year;
  std::string owner;
  std::string coordinator;
  std::string output;
  int table = 0;             // which table of a document, from 1; 0: the one that is a roadmap
  bool list_tables = false;  // only list a document's tables
  int first_line = 1;
};

// The deployment's education authorities (the owner when there is one).
std::vector<std::string> Authorities(const Deployment& directory) {
  std::vector<std::string> found;
  for (const Organisation& organisation : directory.organisations) {
    if (organisation.kind == "authority") found.push_back(organisation.id);
  }
  return found;
}

// «№ п/п | Наименование мероприятия | Срок | …», cut to fit a line.
std::string FirstRowText(const importer::DocumentTable& table) {
  if (table.empty()) return "(пустая)";
  std::string text;
  for (const std::string& cell : table.front().cells) {
    std::string flat = cell;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    text += (text.empty() ? "" : " | ") + flat;
  }
  return text.size() > 160 ? text.substr(0, text.rfind(' ', 160)) + " …" : text;
}

void ListTables(const std::vector<importer::DocumentTable>& tables, std::ostream& out) {
  for (size_t k = 0; k < tables.size(); ++k) {
    out << fmt::format("  таблица {}: {}; первая строка: «{}»\n", k + 1, CountOf(tables[k].size(), nouns::kRows),
                       FirstRowText(tables[k]));
  }
}

// The rows to import: the pasted text's, or one table of a document — the one `--table` names, else
// the only table whose header is a roadmap's. An exit status when there is nothing to import (or
// the tables were only listed).
std::optional<int> ReadRows(const ImportOptions& options, std::vector<importer::TableRow>& rows) {
  // .doc and .rtf are read as the .docx LibreOffice makes of them.
  std::string file = options.file;
  ScratchDirectory scratch("vekha-import-");
  if (importer::NeedsOfficeConversion(file)) {
    if (Status status = importer::ConvertToDocx(options.file, scratch.path(), file); !status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
  }
  std::optional<importer::DocumentFormat> document = importer::DocumentFormatOf(file);
  if (!document) {
    if (options.table > 0 || options.list_tables) {
      std::cerr
          << "ошибка: --table и --tables — для документов (.docx, .odt, .doc, .rtf, .html); в тексте таблица одна\n";
      return kExitUsage;
    }
    std::optional<std::string> text = ReadWholeFile(options.file);
    if (!text) {
      std::cerr << fmt::format("ошибка: не удалось прочитать {}\n", options.file);
      return kExitInvalid;
    }
    importer::TableFormat format =
        options.format.empty() ? importer::TableFormatOf(options.file) : *importer::ParseTableFormat(options.format);
    if (Status status = importer::ReadTable(*text, format, options.file, rows); !status.ok()) {
      PrintError(status);
      return kExitInvalid;
    }
    return std::nullopt;
  }
  std::vector<importer::DocumentTable> tables;
  if (Status status = importer::ReadDocumentTables(file, *document, tables); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (options.list_tables) {
    std::cout << fmt::format("{}: {}\n", options.file, CountOf(tables.size(), nouns::kTables));
    ListTables(tables, std::cout);
    return kExitOk;
  }
  if (tables.empty()) {
    std::cerr << fmt::format("ошибка: {}: в документе нет таблиц\n", options.file);
    return kExitInvalid;
  }
  if (options.table > static_cast<int>(tables.size())) {
    std::cerr << fmt::format("ошибка: {}: таблицы {} нет, в документе {}\n", options.file, options.table,
                             CountOf(tables.size(), nouns::kTables));
    ListTables(tables, std::cerr);
    return kExitUsage;
  }
  if (options.table > 0) {
    rows = tables[static_cast<size_t>(options.table - 1)];
    return std::nullopt;
  }
  std::vector<size_t> roadmaps;
  for (size_t k = 0; k < tables.size(); ++k) {
    importer::ImportedTable probe;
    if (importer::ReadRoadmapTable(tables[k], options.file, probe).ok()) roadmaps.push_back(k);
  }
  if (roadmaps.size() != 1) {
    std::cerr << fmt::format("ошибка: {}: {}; выберите нужную: --table N\n", options.file,
                             roadmaps.empty() ? "ни в одной таблице не найдена шапка дорожной карты"
                                              : "шапка дорожной карты есть в нескольких таблицах");
    ListTables(tables, std::cerr);
    return kExitUsage;
  }
  if (tables.size() > 1) {
    std::cerr << fmt::format("{}: импортируется таблица {} из {} (другую выбирает --table N)\n", options.file,
                             roadmaps.front() + 1, tables.size());
  }
  rows = tables[roadmaps.front()];
  return std::nullopt;
}

int RunImport(const ImportOptions& options) {
  std::vector<importer::TableRow> rows;
  if (std::optional<int> stop = ReadRows(options, rows)) return *stop;
  Deployment directory;
  if (!options.deployment.empty()) {
    Diagnostics diagnostics;
    // The roadmap being replaced is left out: an error in its earlier version must not stop the import.
    LoadOptions load_options;
    if (!options.output.empty()) load_options.leave_out.push_back(options.output);
    LoadResult loaded = LoadDeployment(options.deployment, diagnostics, load_options);
    if (!loaded.deployment) {
      PrintDiagnostics(diagnostics);
      std::cerr << fmt::format("{}: развёртывание, с которым сопоставляются ответственные, содержит ошибки\n",
                               options.deployment);
      return kExitInvalid;
    }
    directory = std::move(*loaded.deployment);
  }
  // The phrase map: --map, else import-map.yaml beside the deployment's vekha.yaml.
  std::string map_path = options.map;
  if (map_path.empty() && !options.deployment.empty()) {
    std::filesystem::path base(options.deployment);
    if (!std::filesystem::is_directory(base)) base = base.parent_path();
    if (std::filesystem::exists(base / "import-map.yaml")) map_path = (base / "import-map.yaml").string();
  }
  std::optional<std::string> map_yaml = map_path.empty() ? std::string() : ReadWholeFile(map_path);
  if (!map_yaml) {
    std::cerr << fmt::format("ошибка: не удалось прочитать {}\n", map_path);
    return kExitInvalid;
  }

  importer::ImportedTable table;
  importer::PartyMatcher matcher;
  for (importer::TableRow& row : rows) row.line += options.first_line - 1;
  if (Status status = importer::ReadRoadmapTable(rows, options.file, table); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  if (Status status = importer::PartyMatcher::Create(directory, *map_yaml, map_path, matcher); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }

  std::string stem = std::filesystem::path(options.file).stem().string();
  importer::RoadmapHeader header{options.roadmap_id.empty() ? importer::SlugOf(stem) : options.roadmap_id,
                                 options.title.empty() ? stem : options.title,
                                 std::filesystem::path(options.file).filename().string(),
                                 OptionalDate(options.from),
                                 OptionalDate(options.to),
                                 options.year,
                                 options.owner,
                                 options.coordinator};
  std::vector<std::string> authorities = Authorities(directory);
  if (header.owner.empty() && authorities.size() == 1) header.owner = authorities.front();
  importer::ImportResult result = importer::WriteRoadmapYaml(table, header, matcher);
  bool owner_unknown = header.owner.empty() && !options.deployment.empty();
  if (owner_unknown) {
    std::cerr << fmt::format(
        "{}:{}: TODO: не указан владелец дорожной карты: {} — укажите --owner\n", options.file, table.header_line,
        authorities.empty() ? "в развёртывании нет органа управления (kind: authority)"
                            : fmt::format("органов управления несколько ({})", fmt::join(authorities, ", ")));
  }
  for (const importer::ImportFlag& flag : result.flags) {
    std::cerr << fmt::format("{}:{}: TODO: {}\n", options.file, flag.line, flag.what);
  }
  if (options.output.empty()) {
    std::cout << result.yaml;
  } else if (Status status = WriteFileAtomically(options.output, result.yaml); !status.ok()) {
    PrintError(status);
    return kExitInvalid;
  }
  std::cerr << fmt::format("{}: {}, групп: {}; прочитано без замечаний: {}, отмечено TODO: {}\n", options.file,
                           CountOf(result.rows, nouns::kActivities), table.groups.size(), result.clean_rows,
                           result.rows - result.clean_rows);
  return result.clean_rows == result.rows && !owner_unknown ? kExitOk : kExitFlagged;
}

}  // namespace

void AddImportTableCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* command = app.add_subcommand(
      "import-table", "Превратить таблицу дорожной карты, скопированную из приказа, в YAML дорожной карты");
  command
      ->add_option("file", options->file,
                   "Приказ (.docx, .odt, сохранённая веб-страница .html) или его таблица, скопированная как TSV, CSV "
                   "или Markdown")
      ->required();
  command->add_option("--table", options->table, "Какую таблицу документа импортировать (номер из --tables)")
      ->check(CLI::PositiveNumber);
  command->add_flag("--tables", options->list_tables, "Перечислить таблицы документа с их первыми строками");
  command->add_option("--format", options->format, "tsv, csv или md (по умолчанию — по расширению файла, иначе tsv)")
      ->check(CLI::IsMember({"tsv", "csv", "md"}));
  command->add_option("--roadmap-id", options->roadmap_id,
                      "Идентификатор дорожной карты (по умолчанию — из имени файла)");
  command->add_option("--title", options->title, "Название дорожной карты (по умолчанию — имя файла)");
  command->add_option("-d,--deployment", options->deployment,
                      "Сопоставить ответственных с ролями и людьми этого развёртывания (и его "
                      "import-map.yaml)");
  command->add_option("--map", options->map, "YAML-словарь фраз и сторон: responsible: {ФРАЗА: СТОРОНА}");
  command->add_option("--from", options->from, "Первый день дорожной карты")->check(IsoDateValidator());
  command->add_option("--to", options->to, "Последний день дорожной карты")->check(IsoDateValidator());
  command->add_option("--year", options->year, "Как считаются её годы")->check(CLI::IsMember({"academic", "calendar"}));
  command->add_option("--owner", options->owner,
                      "Организация-владелец (по умолчанию — единственный орган управления развёртывания)");
  command->add_option("--coordinator", options->coordinator, "Координатор");
  command
      ->add_option("--first-line", options->first_line,
                   "Номер строки приказа, с которой начинается файл, чтобы комментарии и сообщения ссылались на приказ")
      ->check(CLI::PositiveNumber);
  command->add_option("-o,--output", options->output, "Записать YAML в ФАЙЛ, а не в стандартный вывод");
  command->callback([options, &exit_code] { exit_code = RunImport(*options); });
}

}  // namespace vekha::app
