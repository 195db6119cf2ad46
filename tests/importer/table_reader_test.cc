// Reading pasted tables: TSV as is, RFC 4180 CSV with quoted line breaks, Markdown pipe tables;
// bad input refused with file:line:column.
#include "importer/table_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/status_matchers.h"

namespace vekha::importer {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

TEST(TableReaderTest, TsvKeepsEveryCellAndTheLineEachRowStartsOn) {
  std::vector<TableRow> rows;
  ASSERT_THAT(ReadTable("\xEF\xBB\xBFМероприятия\tСроки\r\n\nА\t\tВ\n", TableFormat::kTsv, "t.tsv", rows), IsOk());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].cells, ElementsAre("Мероприятия", "Сроки"));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_THAT(rows[2].cells, ElementsAre("А", "", "В"));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(TableReaderTest, CsvQuotedCellsSpanLinesAndDoubleTheirQuotes) {
  std::vector<TableRow> rows;
  ASSERT_THAT(ReadTable("a,\"b, \"\"c\"\"\nd\"\ne,f\n", TableFormat::kCsv, "t.csv", rows), IsOk());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].cells, ElementsAre("a", "b, \"c\"\nd"));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_THAT(rows[1].cells, ElementsAre("e", "f"));
}

TEST(TableReaderTest, AnUnclosedCsvQuoteIsNamedWhereItOpens) {
  std::vector<TableRow> rows;
  Status status = ReadTable("a,b\nв,\"Август\n", TableFormat::kCsv, "plan.csv", rows);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("plan.csv:2:3: ячейка в кавычках, открытая здесь, не закрыта"));
}

TEST(TableReaderTest, InvalidUtf8IsNamedByLineAndColumn) {
  std::vector<TableRow> rows;
  Status status = ReadTable("ok\nМай\xFF\n", TableFormat::kTsv, "cp1251.tsv", rows);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("cp1251.tsv:2:4: текст не в кодировке UTF-8"));
}

TEST(TableReaderTest, MarkdownTablesSkipTheRuleAndTextAround) {
  std::vector<TableRow> rows;
  ASSERT_THAT(
      ReadTable(
          "Приложение\n\n| № | Мероприятие | Сроки |\n|---|:---|---|\n| 1 | Анализ<br>ГИА | Август \\| сентябрь |\n",
          TableFormat::kMarkdown, "t.md", rows),
      IsOk());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].cells, ElementsAre("№", "Мероприятие", "Сроки"));
  EXPECT_EQ(rows[1].line, 5);
  EXPECT_THAT(rows[1].cells, ElementsAre("1", "Анализ\nГИА", "Август | сентябрь"));
}

TEST(TableReaderTest, FormatsByNameAndExtension) {
  EXPECT_EQ(ParseTableFormat("md"), TableFormat::kMarkdown);
  EXPECT_FALSE(ParseTableFormat("docx"));
  EXPECT_EQ(TableFormatOf("plan.csv"), TableFormat::kCsv);
  EXPECT_EQ(TableFormatOf("plan.txt"), TableFormat::kTsv);
}

}  // namespace
}  // namespace vekha::importer
