#include "workflows/diagnostics.h"

#include <fmt/format.h>

#include "engine/text.h"

namespace vekha {

void Diagnostics::Error(SourcePosition where, std::string message, std::vector<std::string> hints) {
  entries_.push_back({Severity::kError, std::move(where), std::move(message), std::move(hints)});
  ++errors_;
}

void Diagnostics::Warning(SourcePosition where, std::string message, std::vector<std::string> hints) {
  entries_.push_back({Severity::kWarning, std::move(where), std::move(message), std::move(hints)});
  ++warnings_;
}

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  const SourcePosition& where = diagnostic.where;
  std::string location = where.file.empty() ? "vekha" : where.file;
  if (where.line > 0) location += fmt::format(":{}:{}", where.line, where.column > 0 ? where.column : 1);
  std::string text =
      fmt::format("{}: {}: {}", location, diagnostic.severity == Severity::kError ? "ошибка" : "предупреждение",
                  diagnostic.message);
  for (const std::string& hint : diagnostic.hints) text += "\n    " + hint;
  return text;
}

std::vector<std::string> DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  size_t length = DecodeUtf8(word).size();
  size_t max_distance = length <= 3 ? 1 : length <= 6 ? 2 : 3;
  std::vector<std::string> nearest = NearestWords(word, candidates, max_distance, 1);
  if (nearest.empty()) return {};
  return {fmt::format("может быть, «{}»?", nearest.front())};
}

}  // namespace vekha
