// The deployment's indicator catalogue (`indicators:` in any included file): reading one
// indicator — id, title, unit, direction, level, how it is measured, baseline and a target per
// year («положительная динамика» too) — and checking it. Problems go to Diagnostics.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>

#include "engine/model.h"
#include "workflows/yaml_reader.h"

namespace vekha {

// One item of `indicators:`; nullopt (with the problems reported) when it cannot be used.
std::optional<Indicator> ReadIndicator(YamlReader& reader, const YAML::Node& node);

}  // namespace vekha
