#include "workflows/event_dating.h"

#include <fmt/format.h>

#include <utility>

#include "engine/occurrences.h"

namespace vekha {

namespace {

Date AddCalendarMonths(const Date& day, int months) {
  return ClampedDayOfMonth(AddMonths(YearMonth{YearOf(day), MonthOf(day)}, months), DayOf(day));
}

}  // namespace

Date EventDeadline(const EventAnchor& anchor, const Date& day, const WorkCalendar& calendar) {
  int sign = anchor.before ? -1 : 1;
  switch (anchor.unit) {
    case OffsetUnit::kDays:
      return AddDays(day, sign * anchor.amount);
    case OffsetUnit::kWorkingDays:
      return calendar.AddWorkingDays(day, sign * anchor.amount);
    case OffsetUnit::kWeeks:
      return AddDays(day, sign * 7 * anchor.amount);
    case OffsetUnit::kMonths:
      return AddCalendarMonths(day, sign * anchor.amount);
    case OffsetUnit::kYears:
      return AddCalendarMonths(day, sign * 12 * anchor.amount);
  }
  return day;
}

std::optional<Date> EventDayFor(const EventDefinition& event, const TaskRecord& task,
                                const std::vector<EventDate>& dates) {
  std::string organisation = event.per_organisation ? task.organisation : "";
  std::optional<std::pair<Date, Date>> period = event.yearly ? YearSpanOfKey(task.key) : std::nullopt;
  std::optional<Date> found;
  for (const EventDate& date : dates) {
    if (date.event != event.id || date.organisation != organisation) continue;
    if (period && (date.on < period->first || period->second < date.on)) continue;
    if (!found || *found < date.on) found = date.on;
  }
  return found;
}

std::string EventKeyOf(const EventDefinition& event, const Date& day) {
  return event.yearly ? fmt::format("{}", YearOf(day)) : "once";
}

std::string AwaitedEventText(const Deployment& deployment, const Activity& activity) {
  if (!activity.timing.event) return "";
  const EventDefinition* event = deployment.FindEvent(activity.timing.event->event);
  return fmt::format("ждёт события «{}»", event ? event->title : activity.timing.event->event);
}

}  // namespace vekha
