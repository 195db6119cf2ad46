// Loads a deployment — a directory with vekha.yaml and the files it includes — into the domain
// model, validating everything `vekha check` promises: YAML syntax, unknown keys (with "did you
// mean"), types, dates, unknown or duplicate ids, dependency cycles, time zones and «Сроки»
// phrases, rule files. Every problem goes to Diagnostics with file:line:column; nothing is thrown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "rules/rule.h"
#include "workflows/diagnostics.h"

namespace vekha {

// The kinds an organisation may have.
const std::vector<std::string>& OrganisationKinds();

struct LoadResult {
  std::optional<Deployment> deployment;  // set when there are no errors
  std::vector<std::string> files;        // every file read, vekha.yaml first
  // The rules in force: the defaults not switched off, then the deployment's own files (a rule
  // with a default's id replaces it). Roadmaps and activities may switch rules off (rules_off).
  std::vector<rules::Rule> rules;
};

struct LoadOptions {
  // Included files to leave out, as if they were not there: the roadmap an import is about to
  // replace, so its earlier version cannot stand in the way.
  std::vector<std::string> leave_out;
};

// `path` is the deployment directory or its vekha.yaml.
LoadResult LoadDeployment(const std::string& path, Diagnostics& diagnostics, const LoadOptions& options = {});

}  // namespace vekha
