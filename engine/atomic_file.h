// Writing a whole file so that readers see the old content or the new, never half of it: the
// text goes to PATH.partial, is flushed to disk, then renamed over PATH.
#pragma once

#include <string>
#include <string_view>

#include "engine/status.h"

namespace vekha {

Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace vekha
