// A data file compiled into the binary (see cmake/EmbedFiles.cmake): its base name and contents.
#pragma once

#include <span>
#include <string_view>

namespace vekha {

struct EmbeddedFile {
  std::string_view name;
  std::string_view contents;
};

// The Russian production calendars of data/calendars/ru/, one xmlcalendar document per year.
std::span<const EmbeddedFile> EmbeddedRussianCalendars();
// The default message templates of data/templates/ (linked from vekha::workflows).
std::span<const EmbeddedFile> EmbeddedDefaultTemplates();
// The default rule set of data/rules/ (linked from vekha::workflows).
std::span<const EmbeddedFile> EmbeddedDefaultRules();

// How orders title a roadmap table's columns, data/import/ (linked from vekha::importer).
std::span<const EmbeddedFile> EmbeddedImportData();

// The stylesheet of the web pages, data/web/ (linked from vekha::server).
std::span<const EmbeddedFile> EmbeddedWebAssets();

}  // namespace vekha
