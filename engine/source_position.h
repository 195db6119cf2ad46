// Where something was written: file, 1-based line and 1-based character column (0 = unknown).
// Kept on model values so later checks (rules, reloads) can point back at the YAML.
#pragma once

#include <string>

namespace vekha {

struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
};

}  // namespace vekha
