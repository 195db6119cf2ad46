// Deadlines counted from an event of the deployment: where a deadline falls once the event's day is
// known, which recorded (or implied) day a task counts from, and how a task still waiting for its
// event is described to people. Pure functions over the deployment; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/task.h"
#include "engine/task_store.h"

namespace vekha {

// The deadline `anchor` gives for an event on `day`: the span after it, or before it.
Date EventDeadline(const EventAnchor& anchor, const Date& day, const WorkCalendar& calendar);

// The day a task of an event-anchored activity counts from, among `dates` (recorded and implied):
// the event at the task's organisation (or the municipality's), within the task's year (its
// period key: "2022", "2022/23") or any for a one-off event; the latest when there are several.
std::optional<Date> EventDayFor(const EventDefinition& event, const TaskRecord& task,
                                const std::vector<EventDate>& dates);

// The event key a day is recorded under: its calendar year, or "once" for a one-off event.
std::string EventKeyOf(const EventDefinition& event, const Date& day);

// «ждёт события «Получены результаты ВПР»» for an activity anchored on an event; empty otherwise.
std::string AwaitedEventText(const Deployment& deployment, const Activity& activity);

}  // namespace vekha
