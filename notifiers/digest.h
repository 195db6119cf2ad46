// Digests: several messages to one person by one channel sent as one. With a daily
// digest, a person's messages wait for their digest minute (local, in their zone); without one, a
// burst — more than `burst_limit` due at once, as after downtime — is bundled too. This file has
// the pure parts: when the next digest is, its idempotency key, and its rendering. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "notifiers/message.h"

namespace vekha::notifiers {

// The template a digest is rendered with.
inline constexpr const char* kDigestTemplate = "digest";

// The first instant at or after `instant` whose local time in `time_zone` is `minute` past
// midnight (whole minute). Unknown zones count as UTC.
Clock::TimePoint NextDigestInstant(int minute, const std::string& time_zone, Clock::TimePoint instant);

// "digest/" and 32 hex characters of the SHA-256 of the members' idempotency keys: the same
// members give the same key on every attempt.
std::string DigestKey(const std::vector<OutboxMessage>& members);

// One message for `members` (all to one recipient by one channel, at least one): the digest
// template filled with {recipient}, {count}, {date} and {items} — one line per member, its own
// rendered subject and link.
Message RenderDigest(const Deployment& deployment, const std::vector<OutboxMessage>& members, const Date& today);

}  // namespace vekha::notifiers
