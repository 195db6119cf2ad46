// A person's tasks as an iCalendar feed (RFC 5545): one VTODO per task with its due date, the
// organisation and roadmap in the description and a link to the task's page; lines folded at 75
// octets without splitting a UTF-8 character. The feed's URL carries a key derived from the
// deployment's feed secret, so a calendar program can subscribe without signing in. Pure.
#pragma once

#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/task.h"

namespace vekha::server {

struct CalendarEntry {
  TaskRecord task;
  std::string title;         // the activity's title
  std::string organisation;  // its name
  std::string roadmap;       // its title
  std::string link;          // the task's page, or ""
};

std::string RenderCalendar(const std::string& calendar_name, const std::vector<CalendarEntry>& entries,
                           Clock::TimePoint now);

// The key in a person's feed URL: /calendar/<person>/<key>.ics
std::string FeedKey(const std::string& feed_secret, const std::string& person, const std::string& salt);

}  // namespace vekha::server
