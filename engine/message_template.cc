#include "engine/message_template.h"

#include <cctype>

namespace vekha {

namespace {

bool NameCharacter(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

// The length of the placeholder name starting after the brace at `open`, or 0 when there is none.
size_t NameLength(std::string_view text, size_t open) {
  size_t end = open + 1;
  while (end < text.size() && NameCharacter(text[end])) ++end;
  if (end == open + 1 || end >= text.size() || text[end] != '}') return 0;
  return end - open - 1;
}

}  // namespace

std::vector<PlaceholderUse> PlaceholdersIn(std::string_view text) {
  std::vector<PlaceholderUse> uses;
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      if (size_t length = NameLength(text, i); length > 0) {
        uses.push_back({std::string(text.substr(i + 1, length)), characters});
      }
    }
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;  // not a continuation byte
  }
  return uses;
}

std::string FillTemplate(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string filled;
  filled.reserve(text.size() * 2);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t length = NameLength(text, i);
      if (length > 0) {
        auto value = values.find(std::string(text.substr(i + 1, length)));
        if (value != values.end()) {
          filled += value->second;
          i += length + 1;
          continue;
        }
      }
    }
    filled.push_back(text[i]);
  }
  return filled;
}

}  // namespace vekha
