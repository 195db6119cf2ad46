// Quiet hours: when a message may reach a person. Inside the recipient's quiet hours (local time
// in their zone) or, when `days_off` is set, on a non-working day of the production calendar, a
// message is held until the next allowed minute. Pure function; thread-safe.
#pragma once

#include <string>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/work_calendar.h"

namespace vekha::notifiers {

// The first instant at or after `instant` at which a message may reach the person: `instant`
// itself when it is allowed. Unknown zones count as UTC.
Clock::TimePoint NextAllowedInstant(const QuietHours& quiet, const WorkCalendar& calendar, const std::string& time_zone,
                                    Clock::TimePoint instant);

}  // namespace vekha::notifiers
