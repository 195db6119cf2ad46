// `vekha import-table` end to end on the seeds' tables: the Kemerovo city roadmap (data/sources/000,
// 206 rows) imports with 196 rows clean and its 10 broken «Ответственные» cells flagged by line,
// and the result passes `vekha check`; the committed examples/kemerovo-city passes; seed 003's
// plan tables import with the expected clean and flagged counts; bad tables are refused with
// file:line:column and nothing written.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/app/cli_support.h"

namespace vekha::testing_support {
namespace {

using testing::HasSubstr;
using testing::Not;

const std::string kSource = VEKHA_SOURCE_DIR;
const std::string kFixtures = kSource + "/tests/fixtures/import";

std::vector<std::string> FlaggedLines(const std::string& err) {
  std::vector<std::string> lines;
  std::regex flagged(R"(\.tsv:(\d+): TODO)");
  for (auto it = std::sregex_iterator(err.begin(), err.end(), flagged); it != std::sregex_iterator(); ++it) {
    lines.push_back((*it)[1].str());
  }
  return lines;
}

TEST(ImportCliTest, TheKemerovoCityRoadmapImportsAndPassesCheck) {
  ScratchDirectory scratch;
  std::string deployment = scratch.CopyExample("kemerovo-city", {});  // the import replaces the reviewed roadmaps
  std::string roadmap = deployment + "/roadmaps/city-roadmap.yaml";
  Outcome run = Vekha({"import-table", kFixtures + "/kemerovo-city-roadmap.tsv", "--first-line", "616", "-d",
                       deployment, "--from", "2022-09-01", "--to", "2025-08-31", "--year", "academic", "--roadmap-id",
                       "city-roadmap", "--coordinator", "zam-odo", "-o", roadmap});
  EXPECT_EQ(run.status, 3) << "rows were flagged: " << run.err;
  EXPECT_THAT(run.err, HasSubstr("206 мероприятий, групп: 34; прочитано без замечаний: 196, отмечено TODO: 10"));
  EXPECT_THAT(FlaggedLines(run.err),
              testing::ElementsAre("675", "676", "760", "844", "845", "846", "847", "848", "849", "850"));
  EXPECT_THAT(run.err,
              HasSubstr("kemerovo-city-roadmap.tsv:844: TODO: ответственный «Директор питания\" МАУ \"Школьное» "
                        "не найден среди людей и ролей"));
  // Flagged responsible cells leave the activity without a party: check warns, it does not fail.
  Outcome check = Vekha({"check", deployment});
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_THAT(check.out, HasSubstr("206 мероприятий"));
  EXPECT_THAT(check.err, HasSubstr("не указан ответственный"));

  std::string yaml = ReadFile(roadmap);
  EXPECT_THAT(yaml, HasSubstr("    # L620 | Сроки: «В течение года»"));
  EXPECT_THAT(yaml, HasSubstr("      timing: \"Ежегодно (август)\"\n"));
  EXPECT_THAT(yaml, HasSubstr("      responsible: [director]\n      for: {kind: [school]}\n"));
  EXPECT_THAT(yaml, HasSubstr("      group: \"Проект 2. \\\"Воспитание\\\" / 1. Сформировать систему"));
  EXPECT_THAT(yaml, HasSubstr("# примечание: «Управление образование» прочитано как «Управление образования»"));
  // L621: the report the result names is handed in and confirmed by the deputy (import-map.yaml);
  // L635: the head's own minutes are confirmed by nobody.
  EXPECT_THAT(yaml, HasSubstr("      result: \"Аналитическая справка, меры, управленческие решения/не более 5% детей"));
  EXPECT_THAT(yaml, HasSubstr("      deliverables:\n        - document: \"Аналитическая справка\"\n"
                              "      confirm: deputy-general@uo\n      source: \"L621\"\n"));
  EXPECT_THAT(yaml, HasSubstr("        - document: \"Протоколы поручений\"\n      source: \"L635\"\n"));
}

// The reviewed roadmap keeps every deliverable and confirmer the importer reads from the table.
TEST(ImportCliTest, TheCommittedKemerovoCityExamplePassesCheckAndPlans) {
  Outcome check = Vekha({"check", "--strict", kSource + "/examples/kemerovo-city"});
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_THAT(check.out, HasSubstr("2 дорожные карты, 206 мероприятий"));
  EXPECT_THAT(check.err, Not(HasSubstr("не указан ответственный")));
  Outcome run = Vekha({"import-table", kFixtures + "/kemerovo-city-roadmap.tsv", "--first-line", "616", "-d",
                       kSource + "/examples/kemerovo-city", "--from", "2022-09-01", "--to", "2025-08-31"});
  std::string committed = ReadFile(kSource + "/examples/kemerovo-city/roadmaps/city-roadmap.yaml") +
                          ReadFile(kSource + "/examples/kemerovo-city/roadmaps/city-preparation.yaml");
  std::istringstream lines(run.out);
  int documents = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("        - document: ") && !line.starts_with("      confirm: ")) continue;
    EXPECT_THAT(committed, HasSubstr(line + "\n"));
    documents += line.starts_with("        - document: ");
  }
  EXPECT_EQ(documents, 101);
  Outcome plan = Vekha(
      {"plan", kSource + "/examples/kemerovo-city", "--from", "2022-09-01", "--to", "2023-08-31", "--format", "json"});
  EXPECT_EQ(plan.status, 0) << plan.err;
}

// Seed 003's plan tables T4-T6 (L2352-2898) import cleanly with the example's import-map.yaml,
// and each committed roadmap holds every activity the importer reads, with its parties and documents.
TEST(ImportCliTest, SeedThreePlanTablesImportCleanlyIntoTheCommittedRoadmaps) {
  struct Expected {
    const char* table;
    const char* roadmap;
    int rows;
  };
  std::string example = kSource + "/examples/kemerovo-okrug-500plus";
  for (const Expected& expected : {Expected{"t4", "t4-professional-development", 21},
                                   Expected{"t5", "t5-objectivity", 17}, Expected{"t6", "t6-assessment-system", 20}}) {
    Outcome run = Vekha({"import-table", fmt::format("{}/kemerovo-okrug-{}.tsv", kFixtures, expected.table), "-d",
                         example, "--from", "2022-01-01", "--to", "2024-12-31"});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_THAT(run.err, HasSubstr(fmt::format("{} мероприяти", expected.rows))) << expected.table;
    EXPECT_THAT(run.err, HasSubstr(fmt::format("без замечаний: {}, отмечено TODO: 0", expected.rows)))
        << expected.table;
    std::string committed = ReadFile(fmt::format("{}/roadmaps/{}.yaml", example, expected.roadmap));
    // Every activity's title, parties, documents and confirmer, as imported.
    size_t imported_rows = 0;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      bool kept = line.starts_with("      title: ") || line.starts_with("      responsible: ") ||
                  line.starts_with("        - document: ") || line.starts_with("      confirm: ");
      if (!kept) continue;
      EXPECT_THAT(committed, HasSubstr(line + "\n")) << expected.table;
      imported_rows += line.starts_with("      title: ");
    }
    EXPECT_EQ(imported_rows, static_cast<size_t>(expected.rows));
  }
}

// The same seed tables as published documents — .docx written by python3-docx, .odt, a web page
// (.html), .doc and .rtf by LibreOffice re-saving it (tests/fixtures/import/make_documents.py), with section rows
// merged across the width and shared «Срок»/«Исполнитель» cells merged down — import to the same rows as the TSV.
TEST(ImportCliTest, WordAndOpenDocumentOrdersImportLikeTheirPastedTables) {
  std::string example = kSource + "/examples/kemerovo-okrug-500plus";
  auto rows_of = [&](const std::string& file, std::string& err) {
    Outcome run = Vekha({"import-table", file, "-d", example, "--from", "2022-01-01", "--to", "2024-12-31"});
    EXPECT_EQ(run.status, 0) << file << ": " << run.err;
    err = run.err;
    std::string kept;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      for (const char* key : {"      title: ", "      timing: ", "      responsible: ", "      result: ",
                              "      group: ", "      confirm: ", "        - document: "}) {
        if (line.starts_with(key)) kept += line + "\n";
      }
    }
    return kept;
  };
  for (const char* table : {"t4", "t5", "t6"}) {
    std::string err;
    std::string pasted = rows_of(fmt::format("{}/kemerovo-okrug-{}.tsv", kFixtures, table), err);
    ASSERT_FALSE(pasted.empty());
    // .doc and .rtf go through LibreOffice (scripts/install-deps.sh test installs it).
    for (const char* format : {"docx", "odt", "html", "doc", "rtf"}) {
      std::string published = rows_of(fmt::format("{}/kemerovo-okrug-{}.{}", kFixtures, table, format), err);
      EXPECT_EQ(published, pasted) << table << "." << format;
      EXPECT_THAT(err, HasSubstr("отмечено TODO: 0")) << table << "." << format;
    }
  }
}

TEST(ImportCliTest, ADocumentsTablesAreListedAndChosenByNumber) {
  std::string docx = kFixtures + "/kemerovo-okrug-t5.docx";
  Outcome listed = Vekha({"import-table", docx, "--tables"});
  EXPECT_EQ(listed.status, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("1 таблица"));
  EXPECT_THAT(listed.out, HasSubstr("таблица 1: 21 строка; первая строка: «№ п/п | Наименование мероприятия | Срок"));
  Outcome absent = Vekha({"import-table", docx, "--table", "3"});
  EXPECT_EQ(absent.status, 2);
  EXPECT_THAT(absent.err, HasSubstr("таблицы 3 нет, в документе 1 таблица"));
  Outcome pasted = Vekha({"import-table", kFixtures + "/kemerovo-okrug-t5.tsv", "--table", "1"});
  EXPECT_EQ(pasted.status, 2);
  EXPECT_THAT(pasted.err, HasSubstr("--table и --tables — для документов (.docx, .odt, .doc, .rtf, .html)"));

  // Without LibreOffice, an old Word file is refused with how to install it.
  Outcome without_office =
      Shell("env PATH=/nonexistent \"$VEKHA\" import-table " + Quote(kFixtures + "/kemerovo-okrug-t5.doc"));
  EXPECT_EQ(without_office.status, 1);
  EXPECT_THAT(without_office.err, HasSubstr("читаются через LibreOffice, а он не установлен"));

  ScratchDirectory scratch;
  std::string fake = (scratch.path() / "Приказ.docx").string();
  std::ofstream(fake) << "Мероприятие\tСроки\n";
  Outcome refused = Vekha({"import-table", fake});
  EXPECT_EQ(refused.status, 1);
  EXPECT_THAT(refused.err, HasSubstr("не удалось открыть как документ (zip-архив)"));
}

TEST(ImportCliTest, CsvAndMarkdownTablesImportCleanly) {
  ScratchDirectory scratch;
  std::string csv = (scratch.path() / "plan.csv").string();
  std::ofstream(csv) << "Мероприятие,Сроки,Ответственные\n\"Анализ ГИА,\nотчет\",Август ежегодно,Дашковская Н.Ю.\n";
  Outcome from_csv = Vekha({"import-table", csv, "-d", kSource + "/examples/kemerovo-city"});
  EXPECT_EQ(from_csv.status, 0) << from_csv.err;
  EXPECT_THAT(from_csv.out, HasSubstr("title: \"Анализ ГИА, отчет\"\n"));
  EXPECT_THAT(from_csv.out, HasSubstr("responsible: [dashkovskaya]\n"));
  EXPECT_THAT(from_csv.out, HasSubstr("owner: uo\n"));

  std::string md = (scratch.path() / "plan.md").string();
  std::ofstream(md) << "| № | Содержание | Срок |\n|---|---|---|\n| 1 | Семинар | Ежеквартально |\n";
  Outcome from_md = Vekha({"import-table", md, "--roadmap-id", "seminars"});
  EXPECT_EQ(from_md.status, 3) << "no responsible column: " << from_md.err;
  EXPECT_THAT(from_md.out, HasSubstr("timing: \"Ежеквартально\""));
  EXPECT_THAT(from_md.err, HasSubstr("plan.md:3: TODO: нет ответственного"));
}

TEST(ImportCliTest, BadTablesAreRefusedWithTheirPositionAndNothingIsWritten) {
  ScratchDirectory scratch;
  std::string output = (scratch.path() / "out.yaml").string();
  std::string csv = (scratch.path() / "broken.csv").string();
  std::ofstream(csv) << "Мероприятие,Сроки\nАнализ,\"Август\n";
  Outcome unclosed = Vekha({"import-table", csv, "-o", output});
  EXPECT_EQ(unclosed.status, 1);
  EXPECT_THAT(unclosed.err, HasSubstr("broken.csv:2:8: ячейка в кавычках, открытая здесь, не закрыта"));

  std::string bare = (scratch.path() / "bare.tsv").string();
  std::ofstream(bare) << "Анализ\tАвгуст\n";
  Outcome headless = Vekha({"import-table", bare, "-o", output});
  EXPECT_EQ(headless.status, 1);
  EXPECT_THAT(headless.err, HasSubstr("bare.tsv: не найдена шапка таблицы"));

  std::string timing = (scratch.path() / "timing.tsv").string();
  std::ofstream(timing) << "Мероприятие\tСроки\nАнализ\tкогда-нибудь\n";
  Outcome unreadable = Vekha({"import-table", timing});
  EXPECT_EQ(unreadable.status, 3);
  EXPECT_THAT(unreadable.err, HasSubstr("timing.tsv:2: TODO: срок «когда-нибудь» не понят"));
  EXPECT_THAT(unreadable.out, HasSubstr("# TODO: срок «когда-нибудь» не понят"));
  EXPECT_FALSE(std::filesystem::exists(output));
}

// Real tables from other regions, as a new user would bring them: the header's own wording, the
// row of column numbers, initials before the surname, two people in one cell with only a space,
// notes in parentheses, a comma inside a party's name, two authorities and no --owner; then a
// second import over the first one's output after that output was broken by hand.
TEST(ImportCliTest, RealTablesFromOtherRegionsImportCleanly) {
  ScratchDirectory scratch;
  std::filesystem::path deployment = scratch.path() / "region";
  std::filesystem::create_directories(deployment / "roadmaps");
  std::ofstream(deployment / "vekha.yaml") << "name: Регион\ntime_zone: Asia/Novokuznetsk\n"
                                              "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n";
  std::ofstream(deployment / "organisations.yaml")
      << "roles: {head: Министр, specialist: Главный специалист, director: Директор}\n"
         "organisations:\n"
         "  - {id: ministry, name: Министерство образования Кузбасса, kind: authority}\n"
         "  - {id: city-uo, name: Управление образования города, kind: authority}\n"
         "  - {id: school-1, name: Школа 1, kind: school, parent: city-uo}\n";
  std::ofstream(deployment / "people.yaml")
      << "people:\n"
         "  - {id: murtazov, name: Муртазов Б.С., roles: [head@ministry]}\n"
         "  - {id: bayrachny, name: Байрачный Николай Егорович, roles: [specialist@ministry]}\n"
         "  - {id: fedorenko, name: Федоренко К.А., roles: [specialist@ministry]}\n"
         "  - {id: director-1, name: Иванов И.И., roles: [director@school-1]}\n";
  std::ofstream(deployment / "import-map.yaml")
      << "responsible:\n"
         "  \"Министерство образования Кузбасса\": head@ministry\n"
         "  \"органы местного самоуправления, осуществляющие управление в сфере образования\": "
         "{party: director, for: {kind: school}}\n";
  std::string table = (scratch.path() / "roadmap.tsv").string();
  std::ofstream(table)
      << "№ п/п\tНаправления деятельности\tПериод реализации\tОтветственный исполнитель\tПланируемый результат\n"
         "1\t2\t3\t4\t5\n"
         "1.\tСовещание с руководителями\tежегодно, август\tБ.С. Муртазов\tпротокол\n"
         "2.\tМониторинг результатов ГИА\tежегодно, сентябрь\tН.Е. Байрачный К.А. Федоренко\tаналитическая справка\n"
         "3.\tУтверждение плана\tдо 1 октября 2022 года\tМинистерство образования Кузбасса (далее - Министерство)\t"
         "приказ\n"
         "4.\tПроведение пробных экзаменов\tежегодно, март\tорганы местного самоуправления, осуществляющие "
         "управление в сфере образования (по согласованию)\tотчёт\n";
  std::string output = (deployment / "roadmaps" / "roadmap.yaml").string();
  Outcome first = Vekha(
      {"import-table", table, "-d", deployment.string(), "--from", "2022-01-01", "--to", "2024-12-31", "-o", output});
  EXPECT_EQ(first.status, 3) << first.err;  // only the owner is left to say
  EXPECT_THAT(first.err, HasSubstr("4 мероприятия, групп: 0; прочитано без замечаний: 4, отмечено TODO: 0"));
  EXPECT_THAT(first.err, HasSubstr("roadmap.tsv:1: TODO: не указан владелец дорожной карты: органов управления "
                                   "несколько (ministry, city-uo) — укажите --owner"));
  std::string yaml = ReadFile(output);
  EXPECT_THAT(yaml, HasSubstr("      responsible: [head@ministry]\n"));
  EXPECT_THAT(yaml, HasSubstr("      responsible: [bayrachny, fedorenko]\n"));
  EXPECT_THAT(yaml, HasSubstr("      responsible: [director]\n      for: {kind: [school]}\n"));
  EXPECT_THAT(yaml, Not(HasSubstr("title: \"2\"")));  // the column numbers are not an activity

  // The first output, edited into an invalid file, does not stand in the way of its replacement.
  std::ofstream(output, std::ios::app) << "      timing: когда-нибудь\n";
  Outcome again = Vekha({"import-table", table, "-d", deployment.string(), "--owner", "ministry", "--from",
                         "2022-01-01", "--to", "2024-12-31", "-o", output});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(Vekha({"check", deployment.string()}).status, 0);
}

}  // namespace
}  // namespace vekha::testing_support
