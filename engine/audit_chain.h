// The audit log's hash chain, whatever stores it: an event, the canonical text its hash covers,
// the hash linking it to the event before, and a walker that checks a whole log in order. A
// store persists each event with the hash ChainHash gives; workflows/audit_verifier.h walks them.
// Pure functions and a value type; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vekha {

// One event of the append-only, hash-chained audit log.
struct AuditEntry {
  int64_t seq = 0;
  std::string at;     // ISO 8601 UTC instant
  std::string actor;  // a person id, or "vekha" for the engine itself
  std::string event;  // materialised, opened, submitted, confirmed, returned, waived, cancelled, …
  std::string task_id;
  std::string details;  // canonical JSON: before/after and what else the event carries
  std::string hash;     // SHA-256 of the previous event's hash and this event's canonical JSON
};

// The "previous hash" of the first event.
inline const std::string kGenesisHash(64, '0');

// The text an event's hash covers: its fields as canonical JSON (sorted keys, no spaces), with
// `details` as given (canonical JSON already: what nlohmann::json::dump() writes).
std::string CanonicalEvent(int64_t seq, const std::string& at, const std::string& actor, const std::string& event,
                           const std::string& task_id, const std::string& details);
// SHA-256 over the previous event's hash, a newline and this event's canonical text.
std::string ChainHash(const std::string& previous_hash, const std::string& canonical);

// Checks events handed to it in sequence order: numbered from 1 without gaps, each hash covering
// the event and the one before. Remembers the first break (the events after it are not judged).
class ChainWalker {
 public:
  void Visit(const AuditEntry& entry);
  int64_t events() const { return events_; }
  const std::optional<int64_t>& first_broken() const { return first_broken_; }
  const std::string& reason() const { return reason_; }  // Russian, for the auditor

 private:
  int64_t events_ = 0;
  std::string previous_hash_ = kGenesisHash;
  std::optional<int64_t> first_broken_;
  std::string reason_;
};

}  // namespace vekha
