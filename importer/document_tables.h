// The tables of an order as published: Word (.docx, WordprocessingML) and OpenDocument (.odt),
// read with libzip and pugixml, and web pages saved from legal portals (.html, in their own
// charset), read with libxml2's HTML parser. Each top-level table comes as TableRows (the line is the row's
// number within its table, from 1) with one cell per column of the table's grid: a cell merged
// across columns leaves the columns it covers empty, and a cell merged down several rows repeats
// its text in each — so a party written once for several activities reaches each of them.
// Paragraphs and line breaks in a cell become lines. Unreadable, oversized or damaged files are
// refused with what is wrong, never read in part.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"
#include "importer/table_reader.h"

namespace vekha::importer {

enum class DocumentFormat { kDocx, kOdt, kHtml };

// From the file name's extension (.docx, .odt, .html, .htm, any case); nullopt for anything else.
std::optional<DocumentFormat> DocumentFormatOf(std::string_view file_name);

using DocumentTable = std::vector<TableRow>;

// Every top-level table of the document at `path`, in document order.
Status ReadDocumentTables(const std::string& path, DocumentFormat format, std::vector<DocumentTable>& out);

// The tables of an XML part already taken from its archive (word/document.xml, content.xml), or
// of a whole HTML page. Exposed for tests and fuzzing.
Status ReadDocumentTablesFromXml(std::string_view xml, DocumentFormat format, const std::string& source,
                                 std::vector<DocumentTable>& out);

}  // namespace vekha::importer
