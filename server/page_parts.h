// Pieces the pages share: a task's urgency as a CSS class and as words, Russian names of audit
// events, local times, select options, a table of tasks with links. Pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "engine/task.h"
#include "engine/task_store.h"
#include "server/site.h"
#include "workflows/audit_description.h"

namespace vekha::server {

// overdue, due-soon (≤ 2 working days), due-week (≤ 7), submitted, finished, or "".
std::string UrgencyClass(const TaskRecord& task, const Date& today, const WorkCalendar& calendar);
// «просрочено на 3 дн.», «осталось 5 дн.», «сегодня», «срок не назначен», or the status.
std::string UrgencyText(const TaskRecord& task, const Date& today);
// An audit instant in the deployment's zone: "2022-03-22 16:00".
std::string LocalTime(const std::string& instant, const std::string& time_zone);
std::string DeadlineText(const TaskRecord& task);

// An <option> of a <select>, selected when its value is `selected`; value and label escaped.
std::string SelectOption(const std::string& value, const std::string& label, const std::string& selected);

// A table of tasks: deadline, activity (linked), organisation, status with what a task that is not
// open waits for, urgency.
std::string TaskTable(Site& site, const std::vector<TaskRecord>& tasks, const Date& today);

}  // namespace vekha::server
