// Loads rule files (the default set compiled into the binary, and a deployment's own) into Rules,
// checking every key, recipient and condition; errors go to Diagnostics with file:line:column
// (inside the condition for its errors). Not thread-safe: one load at a time.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "rules/rule.h"
#include "workflows/diagnostics.h"

namespace vekha {

// The default rule set of data/rules/default.yaml, as compiled into the binary.
std::vector<rules::Rule> DefaultRules();

// Reads the rules of one YAML file (`rules:` list), appending them to `out`.
void LoadRuleFile(const std::string& path, Diagnostics& diagnostics, std::vector<rules::Rule>& out);
// The same for YAML text, named `source` in diagnostics.
void LoadRuleText(const std::string& text, const std::string& source, Diagnostics& diagnostics,
                  std::vector<rules::Rule>& out);

class YamlReader;
// Reads a list of rule maps at `list` (a roadmap's or activity's «rules»), appending to `out`.
void ReadRuleList(YamlReader& reader, const YAML::Node& list, std::vector<rules::Rule>& out);

}  // namespace vekha
