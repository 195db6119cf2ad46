// Reading a table pasted from an order: tab-separated (what Word, LibreOffice and PDF viewers put
// on the clipboard), RFC 4180 CSV, or a Markdown pipe table. Each row keeps the line it starts on,
// so later messages can name it. Cells are as written; cleaning is roadmap_table's job.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"

namespace vekha::importer {

enum class TableFormat { kTsv, kCsv, kMarkdown };

// "tsv", "csv" or "md"; nullopt otherwise.
std::optional<TableFormat> ParseTableFormat(std::string_view name);
// From a file name's extension (.tsv/.txt, .csv, .md); TSV when unknown.
TableFormat TableFormatOf(std::string_view file_name);

struct TableRow {
  int line = 0;  // 1-based line the row starts on
  std::vector<std::string> cells;
};

// Splits `text` into rows. Fails, naming `source`:line:column, on invalid UTF-8 or an unterminated
// quoted CSV cell. Markdown: lines outside the pipe table and its |---| rule are skipped; `<br>`
// in a cell is a line break.
Status ReadTable(std::string_view text, TableFormat format, const std::string& source, std::vector<TableRow>& out);

}  // namespace vekha::importer
