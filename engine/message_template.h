// Placeholders in message templates: `{name}` is replaced by a value when a message is rendered.
// The names Vekha fills are listed here so that the loader can reject a misspelt one with its
// position. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vekha {

// `indicator`, `target`, `actual` and `unit` are filled in messages of indicator rules; the last
// three are filled in digests only (one message bundling several): how many, which day, and one
// line per bundled message.
inline constexpr std::array<std::string_view, 18> kTemplatePlaceholders = {
    "recipient", "task", "activity",  "roadmap", "organisation", "period", "due",   "days_left", "days_late",
    "link",      "rule", "indicator", "target",  "actual",       "unit",   "count", "date",      "items"};

struct PlaceholderUse {
  std::string name;
  size_t offset = 0;  // of the opening brace, in characters (UTF-8 code points)
};

// Every `{name}` in `text` whose name is letters, digits, '_' or '-'.
std::vector<PlaceholderUse> PlaceholdersIn(std::string_view text);

// `text` with each `{name}` replaced by values[name]; other braces are kept as written.
std::string FillTemplate(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace vekha
