// The deployment's events (`events:` in any included file) and how «Сроки» name them: reading a
// declaration, and resolving each timing anchored on an event («в течение 30 рабочих дней после
// получения результатов ВПР») to one declared event, by id or by the words of its title and
// phrases. Problems go to Diagnostics with their position.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>

#include "engine/model.h"
#include "workflows/diagnostics.h"
#include "workflows/yaml_reader.h"

namespace vekha {

// One item of `events:`; nullopt (with the problems reported) when it cannot be used.
std::optional<EventDefinition> ReadEventDefinition(YamlReader& reader, const YAML::Node& node);

// Resolves every activity's event anchor to a declared event and checks each event's
// `implied_by`; reports what names no event, or more than one.
void ResolveEventAnchors(Deployment& deployment, Diagnostics& diagnostics);

}  // namespace vekha
