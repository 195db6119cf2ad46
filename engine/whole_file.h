// Whole files: read in one go, and written so that readers see the old content or the new, never
// half of it (the text goes to PATH.partial, is flushed to disk, then renamed over PATH).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace vekha {

// The file's bytes; nullopt when it cannot be opened.
std::optional<std::string> ReadWholeFile(const std::string& path);

Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace vekha
