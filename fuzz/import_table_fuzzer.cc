// libFuzzer target: a roadmap table pasted from an order (`vekha import-table`): read as TSV, CSV
// and Markdown, then turned into roadmap rows. Broken quoting, encodings and layouts must give an
// error naming the line, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "importer/roadmap_table.h"
#include "importer/table_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (vekha::importer::TableFormat format : {vekha::importer::TableFormat::kTsv, vekha::importer::TableFormat::kCsv,
                                              vekha::importer::TableFormat::kMarkdown}) {
    std::vector<vekha::importer::TableRow> rows;
    if (!vekha::importer::ReadTable(text, format, "fuzz.table", rows).ok()) continue;
    vekha::importer::ImportedTable table;
    (void)vekha::importer::ReadRoadmapTable(rows, "fuzz.table", table);
  }
  return 0;
}
