// Writes an imported roadmap table as roadmap YAML for `vekha check`: one activity per row, the
// timing phrase kept verbatim when it parses, responsible parties as the directory names them,
// the expected result and the section group kept, the documents the result names as deliverables
// (result_documents.h) confirmed by the import map's first confirmer not responsible for the row; each row whose cell
// could not be read keeps the text with a `# TODO` comment and is returned as a flag (row, what).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "importer/party_matcher.h"
#include "importer/roadmap_table.h"

namespace vekha::importer {

struct RoadmapHeader {
  std::string id;
  std::string title;
  std::string source;  // the table's file name, for the reference and the comments
  std::optional<Date> from;
  std::optional<Date> to;
  std::string year_type;  // "academic", "calendar" or empty
  std::string owner;
  std::string coordinator;
};

struct ImportFlag {
  int line = 0;  // the row's first source line
  std::string what;
};

struct ImportResult {
  std::string yaml;
  int rows = 0;
  int clean_rows = 0;
  std::vector<ImportFlag> flags;  // in row order; a row may have several
};

ImportResult WriteRoadmapYaml(const ImportedTable& table, const RoadmapHeader& header, const PartyMatcher& matcher);

// A readable, stable id from a title: the first words transliterated, lower case, joined by
// dashes, at most `limit` characters. Exposed for tests.
std::string SlugOf(const std::string& title, size_t limit = 40);

}  // namespace vekha::importer
