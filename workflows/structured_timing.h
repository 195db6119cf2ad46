// The structured form of a timing in YAML (`timing: {repeat: yearly, months: [1, 5]}`) and as JSON
// (the "structured" field of `vekha explain-timing`). The two use the same keys, so what
// explain-timing prints can be pasted into a roadmap. See docs/configuration.md.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "engine/timing.h"
#include "workflows/yaml_reader.h"

namespace vekha {

// Reads a structured timing map, reporting problems through `reader`; nullopt on error.
std::optional<TimingSpec> ReadStructuredTiming(const YAML::Node& node, YamlReader& reader);

nlohmann::ordered_json TimingSpecToJson(const TimingSpec& spec);

// The shift policy under `map[key]` (next, previous or none), reporting a bad value; nullopt when
// the key is absent or wrong.
std::optional<ShiftPolicy> ReadShiftPolicy(const YAML::Node& map, YamlReader& reader, const std::string& key = "shift");

}  // namespace vekha
