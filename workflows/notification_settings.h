// The `notifications:` section of vekha.yaml (docs/configuration.md): catch-up policy, the task
// link, quiet hours, retries, the file, webhook and e-mail channels, and message templates merged
// over the defaults of data/templates/ru.yaml (compiled in). Every problem is reported with its
// position; placeholders a template uses must be ones Vekha fills.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "engine/model.h"
#include "workflows/yaml_reader.h"

namespace vekha {

// Vekha's default templates, by id.
const std::map<std::string, MessageTemplate>& DefaultTemplates();

// Reads `node` (may be absent) into `settings`, resolving the file channel's path against `base`.
void LoadNotificationSettings(YamlReader& reader, const YAML::Node& node, const std::filesystem::path& base,
                              NotificationSettings& settings);

}  // namespace vekha
