// Diagnostics: the errors and warnings `vekha check` reports, each naming file:line:column, what is
// wrong and, where known, what was expected («может быть, …?»). Collected, never thrown.
// Not thread-safe: one Diagnostics per load.
#pragma once

#include <string>
#include <vector>

#include "engine/source_position.h"

namespace vekha {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourcePosition where;
  std::string message;
  std::vector<std::string> hints;  // each printed on its own line below the message
};

class Diagnostics {
 public:
  void Error(SourcePosition where, std::string message, std::vector<std::string> hints = {});
  void Warning(SourcePosition where, std::string message, std::vector<std::string> hints = {});

  bool HasErrors() const { return errors_ > 0; }
  int errors() const { return errors_; }
  int warnings() const { return warnings_; }
  const std::vector<Diagnostic>& entries() const { return entries_; }

 private:
  std::vector<Diagnostic> entries_;
  int errors_ = 0;
  int warnings_ = 0;
};

// "file:line:column: error: message" followed by indented hint lines.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// «может быть, «x»?» for the nearest of `candidates`, or empty when none is close.
std::vector<std::string> DidYouMean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace vekha
