// A scratch copy of the Zaozersk example for the fuzz targets that need a real deployment: made
// once per fuzzing process under the system's temporary directory, removed at exit.
#pragma once

#include <string>

namespace vekha::fuzz {

// The copy's directory; `roadmaps` false leaves its roadmaps/ empty (a target writes its own).
const std::string& ScratchZaozersk(bool roadmaps);

}  // namespace vekha::fuzz
