// libFuzzer target: the tables of an order as published (`vekha import-table` of a .docx, .odt or a
// saved web page): the first byte picks Word XML, OpenDocument XML or HTML, the rest is the part's
// text, then the table is read as a roadmap. Damaged XML, absurd spans and repeats, and encodings
// that do not fit must give an error, never a crash or a runaway.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "importer/document_tables.h"
#include "importer/roadmap_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr vekha::importer::DocumentFormat kFormats[] = {vekha::importer::DocumentFormat::kDocx,
                                                          vekha::importer::DocumentFormat::kOdt,
                                                          vekha::importer::DocumentFormat::kHtml};
  vekha::importer::DocumentFormat format = kFormats[data[0] % 3];
  std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<vekha::importer::DocumentTable> tables;
  if (!vekha::importer::ReadDocumentTablesFromXml(xml, format, "fuzz.document", tables).ok()) return 0;
  for (const vekha::importer::DocumentTable& table : tables) {
    vekha::importer::ImportedTable imported;
    (void)vekha::importer::ReadRoadmapTable(table, "fuzz.document", imported);
  }
  return 0;
}
