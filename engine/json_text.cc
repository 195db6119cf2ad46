#include "engine/json_text.h"

#include <fmt/format.h>

namespace vekha {

std::string JsonString(std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  AppendJsonString(quoted, text);
  return quoted;
}

void AppendJsonString(std::string& quoted, std::string_view text) {
  quoted.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\b':
        quoted += "\\b";
        break;
      case '\f':
        quoted += "\\f";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\r':
        quoted += "\\r";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          quoted += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          quoted.push_back(c);  // UTF-8 passes through, as nlohmann::json::dump() writes it
        }
    }
  }
  quoted.push_back('"');
}

}  // namespace vekha
