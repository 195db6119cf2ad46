// A month of a person's deadlines as a page fragment: a Monday-first grid with days off shaded
// and today marked; each day lists its tasks, one line per activity (several organisations folded
// under the activity's title). On a narrow screen the grid becomes a list of the days that have
// deadlines. Pure.
#pragma once

#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/work_calendar.h"
#include "server/calendar_feed.h"

namespace vekha::server {

// The entries whose effective deadline falls in `year`-`month`, laid out as a grid; the links to
// the previous and next month go to `/calendar?month=YYYY-MM`.
std::string MonthCalendar(int year, int month, const Date& today, const WorkCalendar& calendar,
                          const std::vector<CalendarEntry>& entries);

}  // namespace vekha::server
