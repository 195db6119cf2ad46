// Roadmap tables as the orders give them: headers in their variants, numbering columns, rows a
// page break split, section rows, broken pastes with extra cells, HTML left by copying.
#include "importer/roadmap_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/status_matchers.h"

namespace vekha::importer {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

ImportedTable Read(const std::string& tsv) {
  std::vector<TableRow> rows;
  EXPECT_THAT(ReadTable(tsv, TableFormat::kTsv, "t.tsv", rows), IsOk());
  ImportedTable table;
  Status status = ReadRoadmapTable(rows, "t.tsv", table);
  EXPECT_THAT(status, IsOk()) << status.message();
  return table;
}

TEST(RoadmapTableTest, CleanCellDropsTagsEntitiesAndSpacing) {
  EXPECT_EQ(CleanCell("<p>Мониторинг&nbsp;ОО</p>"), "Мониторинг ОО");
  EXPECT_EQ(CleanCell("<ol style=\"x\"> <li>1. Один</li><li>2. Два</li></ol>"), "1. Один 2. Два");
  EXPECT_EQ(CleanCell("  МБОУ ДПО &quot;НМЦ&quot;\xC2\xA0 "), "МБОУ ДПО \"НМЦ\"");
  EXPECT_EQ(CleanCell("a < b"), "a < b");
}

TEST(RoadmapTableTest, HeadersAreFoundByTheirTitlesAndNumberingIsIgnored) {
  ImportedTable table = Read(
      "ДОРОЖНАЯ КАРТА\n"
      "№ п/п\tНаименование мероприятия\tСроки исполнения\tИсполнитель\tРезультаты исполнения\n"
      "1\tАнализ результатов ГИА\tАвгуст ежегодно\tУО\tСправка\n");
  EXPECT_EQ(table.header_line, 2);
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].title, "Анализ результатов ГИА");
  EXPECT_EQ(table.rows[0].timing, "Август ежегодно");
  EXPECT_EQ(table.rows[0].responsible, "УО");
  EXPECT_EQ(table.rows[0].result, "Справка");
}

TEST(RoadmapTableTest, ColumnsMayComeInAnyOrder) {
  ImportedTable table = Read("Ответственные\tСрок\tСодержание\nНМЦ\tМай\tСеминар\n");
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].title, "Семинар");
  EXPECT_EQ(table.rows[0].timing, "Май");
  EXPECT_EQ(table.rows[0].responsible, "НМЦ");
}

TEST(RoadmapTableTest, RowsSplitByAPageBreakAreJoined) {
  // data/sources/000 L622-624: the result cell goes on after the page break, in its own column.
  ImportedTable table = Read(
      "Мероприятия\tСроки\tОтветственные\tОжидаемый результат\n"
      "Мониторинг охвата\tАвгуст ежегодно\tЗаведующий отделом\tне менее 75% детей охвачены\n"
      "\n"
      "\t\t\tдошкольным образованием к 2025 году\n"
      "Следующее\tМай\tНМЦ\tСправка\n");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].result, "не менее 75% детей охвачены дошкольным образованием к 2025 году");
  EXPECT_THAT(table.rows[0].lines, ElementsAre(2, 4));
}

TEST(RoadmapTableTest, ATitleGoingOnInLowerCaseOrWithoutItsNumberContinuesTheRow) {
  ImportedTable table = Read(
      "№\tМероприятие\tСрок\tИсполнитель\tРезультат\n"
      "5\tФормирование перспективных планов\tЕжегодно\tОО\tНаличие планов\n"
      "\tобразовательных организаций\t\t\tкадрами\n"
      "\t«Работа с одаренными детьми»\t\t\t\n"
      "6\tМониторинг\tПостоянно\tУО\tСправка\n");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].title,
            "Формирование перспективных планов образовательных организаций «Работа с одаренными детьми»");
  EXPECT_EQ(table.rows[0].result, "Наличие планов кадрами");
}

TEST(RoadmapTableTest, SectionRowsBecomeNestedGroups) {
  ImportedTable table = Read(
      "Мероприятия\tСроки\tОтветственные\tОжидаемый результат\n"
      "Проект 1. \"Знание\"\t\t\t\n"
      "1. Повысить доступность\t\t\t\n"
      "Разработка НПА\tВ течение года\tЮрист\tПриказы\n"
      "2. Обеспечить эффективность\n"
      "Мониторинг\tЕжемесячно\tНМЦ\t\n"
      "Проект 2. \"Воспитание\"\n"
      "Создание движения\tДо октября 2022 года\tОтдел\t\n");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].group, "Проект 1. \"Знание\" / 1. Повысить доступность");
  EXPECT_EQ(table.rows[1].group, "Проект 1. \"Знание\" / 2. Обеспечить эффективность");
  EXPECT_EQ(table.rows[2].group, "Проект 2. \"Воспитание\"");
  EXPECT_EQ(table.groups.size(), 4u);
}

TEST(RoadmapTableTest, ExtraCellsOfABrokenPasteGoToTheResponsibleAndTheLastToTheResult) {
  // data/sources/000 L844: «Директор МАУ "Школьное питание"» torn into three cells.
  ImportedTable table = Read(
      "Мероприятия\tСроки\tОтветственные\tОжидаемый результат\n"
      "Дегустация меню\tЧетыре раза в год\tДиректор питания\"\tМАУ\t\"Школьное\tУвеличение охвата\n"
      "Коллегия УО\tАпрель ежегодно\tЗаместитель начальника\t\tпротокол\n");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].responsible, "Директор питания\" МАУ \"Школьное");
  EXPECT_EQ(table.rows[0].result, "Увеличение охвата");
  EXPECT_TRUE(table.rows[0].merged_extra_cells);
  EXPECT_EQ(table.rows[1].responsible, "Заместитель начальника");
  EXPECT_EQ(table.rows[1].result, "протокол");
  EXPECT_FALSE(table.rows[1].merged_extra_cells);
}

TEST(RoadmapTableTest, NumberingInTheTitleIsCutAndKept) {
  ImportedTable table = Read("Мероприятие\tСроки\n1.2. Анализ\tМай\n");
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].number, "1.2.");
  EXPECT_EQ(table.rows[0].title, "Анализ");
}

TEST(RoadmapTableTest, ATableWithoutHeadersIsRefusedSayingWhatWasLookedFor) {
  std::vector<TableRow> rows;
  ASSERT_THAT(ReadTable("Анализ\tМай\tУО\n", TableFormat::kTsv, "bare.tsv", rows), IsOk());
  ImportedTable table;
  Status status = ReadRoadmapTable(rows, "bare.tsv", table);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("bare.tsv: не найдена шапка таблицы"));
  EXPECT_THAT(status.message(), HasSubstr("«Сроки»"));
}

TEST(RoadmapTableTest, AHeaderOverTwoRowsIsReadWhole) {
  std::vector<TableRow> rows;
  ASSERT_THAT(ReadTable("№\tНаименование\tСрок\tОтветственный\tОжидаемый\n"
                        "п/п\tмероприятия\tисполнения\tисполнитель\tрезультат\n"
                        "1\tАнализ ГИА\tавгуст\tУО\tсправка\n",
                        TableFormat::kTsv, "t.tsv", rows),
              IsOk());
  ImportedTable table;
  ASSERT_THAT(ReadRoadmapTable(rows, "t.tsv", table), IsOk());
  ASSERT_EQ(table.rows.size(), 1U);
  EXPECT_EQ(table.header_line, 1);
  EXPECT_EQ(table.rows[0].title, "Анализ ГИА");
  EXPECT_EQ(table.rows[0].result, "справка");  // «Ожидаемый результат» only with the second row
}

TEST(RoadmapTableTest, AContinuationBeforeAnyActivityIsRefusedWithItsLine) {
  std::vector<TableRow> rows;
  ASSERT_THAT(ReadTable("Мероприятия\tСроки\tОтветственные\n\tМай\tУО\n", TableFormat::kTsv, "t.tsv", rows), IsOk());
  ImportedTable table;
  Status status = ReadRoadmapTable(rows, "t.tsv", table);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("t.tsv:2: строка продолжает ячейки"));
}

}  // namespace
}  // namespace vekha::importer
