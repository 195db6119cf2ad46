// A one-line Russian account of an audit event's details (status and deadline changes, reason,
// comment, files with their hashes, reported values), for `vekha history` and the history pages.
// Pure.
#pragma once

#include <string>

namespace vekha {

// Empty when the details say nothing beyond the event's name (or are not JSON).
std::string DescribeAuditDetails(const std::string& details_json);

}  // namespace vekha
