// Old office formats (.doc, .rtf) become .docx through LibreOffice, when it is installed: the one
// well-kept reader of those formats on Debian. LibreOffice runs headless with a profile of its own
// in a scratch directory (so it neither needs nor touches the user's), without a shell, and is
// stopped if it takes longer than the limit. Without LibreOffice the file is refused with how to
// install it.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace vekha::importer {

// Whether `file_name` is a format only LibreOffice reads here (.doc, .rtf, any case).
bool NeedsOfficeConversion(std::string_view file_name);

// Converts `path` to .docx in `out_directory` (which must exist) and sets `converted` to it.
Status ConvertToDocx(const std::string& path, const std::filesystem::path& out_directory, std::string& converted,
                     std::chrono::seconds limit = std::chrono::seconds{120});

}  // namespace vekha::importer
