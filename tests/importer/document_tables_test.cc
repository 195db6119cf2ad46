// Tables read from the XML of .docx and .odt documents: merged cells across columns and down
// rows, rows that skip grid columns, cells wrapped in content controls, repeated cells and rows,
// paragraphs and line breaks, nested tables, and damaged XML.
#include "importer/document_tables.h"

#include <gmock/gmock.h>

#include "tests/status_matchers.h"

namespace vekha::importer {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

std::vector<std::string> Cells(const TableRow& row) { return row.cells; }

std::string Docx(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         body + "</w:body></w:document>";
}

std::string Cell(const std::string& text, const std::string& properties = "") {
  return "<w:tc><w:tcPr>" + properties + "</w:tcPr><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
}

TEST(DocumentTablesTest, WordCellsMergedAcrossAndDownReadAsAPasteWould) {
  std::string xml = Docx(
      "<w:p><w:r><w:t>Приказ</w:t></w:r></w:p><w:tbl>"
      "<w:tr>" +
      Cell("№") + Cell("Мероприятие") + Cell("Срок") + Cell("Исполнитель") +
      "</w:tr>"
      "<w:tr>" +
      Cell("Раздел 1. Мониторинг", "<w:gridSpan w:val=\"4\"/>") +
      "</w:tr>"
      "<w:tr>" +
      Cell("1") + Cell("Анализ") + Cell("август", "<w:vMerge w:val=\"restart\"/>") +
      Cell("УО", "<w:vMerge w:val=\"restart\"/>") +
      "</w:tr>"
      "<w:tr>" +
      Cell("2") + Cell("Отчёт") + Cell("", "<w:vMerge/>") + Cell("", "<w:vMerge/>") +
      "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" +
      Cell("Итог") + Cell("", "<w:gridSpan w:val=\"2\"/>") +
      "</w:tr>"
      "</w:tbl>");
  std::vector<DocumentTable> tables;
  ASSERT_THAT(ReadDocumentTablesFromXml(xml, DocumentFormat::kDocx, "order.docx", tables), IsOk());
  ASSERT_EQ(tables.size(), 1U);
  const DocumentTable& table = tables.front();
  ASSERT_EQ(table.size(), 5U);
  EXPECT_THAT(Cells(table[1]), ElementsAre("Раздел 1. Мониторинг"));  // a section: one cell
  EXPECT_THAT(Cells(table[2]), ElementsAre("1", "Анализ", "август", "УО"));
  EXPECT_THAT(Cells(table[3]), ElementsAre("2", "Отчёт", "август", "УО"));  // merged down: repeated
  EXPECT_THAT(Cells(table[4]), ElementsAre("", "Итог", "", ""));            // a skipped column, a span
  EXPECT_EQ(table[3].line, 4);
}

TEST(DocumentTablesTest, WordParagraphsAreLinesAndControlsAndNestingAreSeenThrough) {
  std::string xml = Docx(
      "<w:tbl><w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>Первая</w:t><w:br/><w:t>строка</w:t></w:r></w:p>"
      "<w:p><w:r><w:t xml:space=\"preserve\">до </w:t><w:tab/><w:t>мая</w:t></w:r></w:p>"
      "<w:p><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p></w:tc></w:sdtContent></w:sdt>"
      "<w:tc><w:tbl><w:tr>" +
      Cell("вложенная") +
      "</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"
      "<w:tbl><w:tr>" +
      Cell("вторая таблица") + "</w:tr></w:tbl>");
  std::vector<DocumentTable> tables;
  ASSERT_THAT(ReadDocumentTablesFromXml(xml, DocumentFormat::kDocx, "order.docx", tables), IsOk());
  ASSERT_EQ(tables.size(), 2U);  // the nested table is its cell's text, not a table of its own
  EXPECT_THAT(Cells(tables[0][0]), ElementsAre("Первая\nстрока\nдо  мая", "вложенная"));
  EXPECT_THAT(Cells(tables[1][0]), ElementsAre("вторая таблица"));
}

std::string Odt(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><table:table>)" +
         rows + "</table:table></office:text></office:body></office:document-content>";
}

TEST(DocumentTablesTest, OpenDocumentSpansRepeatsAndCoveredCells) {
  std::string xml = Odt(
      "<table:table-header-rows><table:table-row><table:table-cell><text:p>Мероприятие</text:p></table:table-cell>"
      "<table:table-cell><text:p>Срок</text:p></table:table-cell><table:table-cell><text:p>Исполнитель</text:p>"
      "</table:table-cell></table:table-row></table:table-header-rows>"
      "<table:table-row><table:table-cell table:number-columns-spanned=\"3\"><text:p>Раздел</text:p></table:table-cell>"
      "<table:covered-table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
      "<table:table-row><table:table-cell><text:p>Анализ<text:s text:c=\"2\"/>ГИА</text:p></table:table-cell>"
      "<table:table-cell table:number-rows-spanned=\"2\"><text:p>август</text:p></table:table-cell>"
      "<table:table-cell><text:p>УО<text:line-break/>ОО</text:p></table:table-cell></table:table-row>"
      "<table:table-row><table:table-cell><text:p>Отчёт</text:p></table:table-cell><table:covered-table-cell/>"
      "<table:table-cell><text:p><text:span>МЦ</text:span></text:p></table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"3\"/>"
      "</table:table-row>");
  std::vector<DocumentTable> tables;
  ASSERT_THAT(ReadDocumentTablesFromXml(xml, DocumentFormat::kOdt, "order.odt", tables), IsOk());
  ASSERT_EQ(tables.size(), 1U);
  const DocumentTable& table = tables.front();
  ASSERT_EQ(table.size(), 5U);  // the blank row repeated to the sheet's end is one row
  EXPECT_THAT(Cells(table[1]), ElementsAre("Раздел"));
  EXPECT_THAT(Cells(table[2]), ElementsAre("Анализ  ГИА", "август", "УО\nОО"));
  EXPECT_THAT(Cells(table[3]), ElementsAre("Отчёт", "август", "МЦ"));
  EXPECT_THAT(Cells(table[4]), ElementsAre("", "", ""));
}

TEST(DocumentTablesTest, WebPagesSpanRowsAndColumnsInTheirOwnCharset) {
  // A portal's page in windows-1251: «Срок» and «УО» are its only Cyrillic, in that encoding.
  std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>"
      "<p>Order</p><table><thead><tr><th>Activity</th><th>\xD1\xF0\xEE\xEA</th><th>Executor</th></tr></thead>"
      "<tbody><tr><td colspan=\"3\">Section 1</td></tr>"
      "<tr><td>Analysis<br>GIA</td><td rowspan=\"2\">august</td><td rowspan=\"2\">\xD3\xCE</td></tr>"
      "<tr><td><p>Report</p></td></tr>"
      "<tr><td>Total</td><td colspan=\"2\">september</td></tr></tbody></table>"
      "<table><tr><td>second<table><tr><td>nested</td></tr></table></td></tr></table></body></html>";
  std::vector<DocumentTable> tables;
  ASSERT_THAT(ReadDocumentTablesFromXml(page, DocumentFormat::kHtml, "order.html", tables), IsOk());
  ASSERT_EQ(tables.size(), 2U);
  const DocumentTable& table = tables.front();
  ASSERT_EQ(table.size(), 5U);
  EXPECT_EQ(table[0].cells.at(1), "Срок");
  EXPECT_EQ(table[1].cells.size(), 1U);  // a section row
  EXPECT_EQ(table[2].cells.at(2), "УО");
  EXPECT_EQ(table[2].cells.at(0), "Analysis\nGIA");
  EXPECT_EQ(table[3].cells.at(1), "august");  // spanned down from the row above
  EXPECT_EQ(table[3].cells.at(2), "УО");
  EXPECT_EQ(table[4].cells.size(), 3U);
  EXPECT_EQ(table[4].cells.at(1), "september");
  EXPECT_EQ(table[4].cells.at(2), "");

  // UTF-8 Cyrillic under a windows-1251 declaration has bytes that charset lacks (0x98 of «И»).
  std::string mislabelled =
      "<html><head><meta charset=\"windows-1251\"></head><body><table><tr><td>Исполнитель</td></tr></table>"
      "<table><tr><td>lost</td></tr></table></body></html>";
  Status refused = ReadDocumentTablesFromXml(mislabelled, DocumentFormat::kHtml, "order.html", tables);
  EXPECT_THAT(refused.message(), HasSubstr("order.html: текст страницы не соответствует её кодировке"));
}

TEST(DocumentTablesTest, DamagedXmlAndFilesAreRefusedWithWhatIsWrong) {
  std::vector<DocumentTable> tables;
  Status broken = ReadDocumentTablesFromXml("<w:document><w:body><w:tbl>", DocumentFormat::kDocx, "x.docx", tables);
  EXPECT_FALSE(broken.ok());
  EXPECT_THAT(broken.message(), HasSubstr("x.docx: XML документа повреждён"));
  Status missing = ReadDocumentTables("/nonexistent/order.docx", DocumentFormat::kDocx, tables);
  EXPECT_THAT(missing.message(), HasSubstr("не удалось открыть как документ"));
  EXPECT_EQ(DocumentFormatOf("Приказ.DOCX"), DocumentFormat::kDocx);
  EXPECT_EQ(DocumentFormatOf("plan.odt"), DocumentFormat::kOdt);
  EXPECT_EQ(DocumentFormatOf("prikaz.htm"), DocumentFormat::kHtml);
  EXPECT_EQ(DocumentFormatOf("plan.tsv"), std::nullopt);
}

}  // namespace
}  // namespace vekha::importer
