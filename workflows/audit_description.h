// A one-line Russian account of an audit event's details (status and deadline changes, reason,
// comment, files with their hashes, reported values), for `vekha history` and the history pages.
// Pure.
#pragma once

#include <string>

namespace vekha {

// Who reads the account: auditors see the files' SHA-256 and where an action came from (the web
// client's address); other people do not.
enum class AuditAudience { kPeople, kAuditors };

// Empty when the details say nothing beyond the event's name (or are not JSON).
std::string DescribeAuditDetails(const std::string& details_json, AuditAudience audience = AuditAudience::kAuditors);

}  // namespace vekha
