// Audit events in Russian, for `vekha history` and the history pages: the event's title
// («сдана», «уведомление доставлено») and a one-line account of its details (status and deadline
// changes, reason, comment, files with their hashes, reported values). Pure.
#pragma once

#include <string>

namespace vekha {

// Who reads the account: auditors see the files' SHA-256 and where an action came from (the web
// client's address); other people do not.
enum class AuditAudience { kPeople, kAuditors };

// The event's title; an event this version does not know keeps its stored name.
std::string EventTitle(const std::string& event);

// Empty when the details say nothing beyond the event's name (or are not JSON).
std::string DescribeAuditDetails(const std::string& details_json, AuditAudience audience = AuditAudience::kAuditors);

}  // namespace vekha
