// A roadmap table read from an order's rows: the header row found by its column titles
// («Мероприятие», «Сроки», «Ответственные», «Ожидаемый результат» and their variants), numbering
// columns ignored, cells cleaned of the HTML and spacing that copying leaves, rows that a page
// break split joined back, and section rows («Проект 1. …», «1. Повысить …») turned into groups.
#pragma once

#include <string>
#include <vector>

#include "engine/status.h"
#include "importer/table_reader.h"

namespace vekha::importer {

struct ImportedRow {
  std::vector<int> lines;  // the source lines the row was joined from
  std::string group;       // the section headings above it, outermost first, joined by " / "
  std::string number;      // numbering cut from the start of the title («1.2.»), if any
  std::string title;
  std::string timing;
  std::string responsible;
  std::string result;
  // Cells past the table's columns whose text was joined into «responsible» (a broken paste).
  bool merged_extra_cells = false;
};

struct ImportedTable {
  int header_line = 0;
  std::vector<ImportedRow> rows;
  std::vector<std::string> groups;  // every group, in order
};

// Fails, naming `source`, when no header row with at least the activity and timing columns is
// found, or a continuation row comes before any activity.
Status ReadRoadmapTable(const std::vector<TableRow>& rows, const std::string& source, ImportedTable& out);

// Text as people read it: HTML tags dropped (<p>, <li> and <br> become line breaks), entities
// decoded, no-break spaces made spaces, runs of spaces collapsed, lines trimmed. Exposed for tests.
std::string CleanCell(std::string_view cell);

}  // namespace vekha::importer
