// JsonString: a string as a JSON string literal (quoted, escaped per RFC 8259), for the hand-built
// canonical JSON of the audit log. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace vekha {

std::string JsonString(std::string_view text);
// Appends JsonString(text) to `out`, for builders that write many fields without temporaries.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace vekha
