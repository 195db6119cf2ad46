#include "server/page_parts.h"

#include <fmt/format.h>

#include <map>

#include "engine/russian_count.h"
#include "notifiers/renderer.h"
#include "server/html.h"

namespace vekha::server {

std::string UrgencyClass(const TaskRecord& task, const Date& today, const WorkCalendar& calendar) {
  if (!IsWaiting(task.status) && task.status != TaskStatus::kSubmitted) return "finished";
  if (task.status == TaskStatus::kSubmitted) return "submitted";
  if (IsOverdue(task, today)) return "overdue";
  if (!task.effective_due || task.status == TaskStatus::kScheduled) return "";
  int left = calendar.WorkingDaysBetween(today, *task.effective_due);
  if (left <= 2) return "due-soon";
  if (left <= 7) return "due-week";
  return "";
}

std::string UrgencyText(const TaskRecord& task, const Date& today) {
  if (!IsWaiting(task.status)) return std::string(TaskStatusTitle(task.status));
  if (!task.effective_due) return "срок не назначен";
  int days = DaysBetween(today, *task.effective_due);
  if (days < 0) return "просрочено на " + CountOf(-days, nouns::kDays);
  if (days == 0) return "срок сегодня";
  return fmt::format("{} {}", NounFor(days, {"остался", "осталось", "осталось"}), CountOf(days, nouns::kDays));
}

std::string LocalTime(const std::string& instant, const std::string& time_zone) {
  std::optional<Clock::TimePoint> parsed = ParseInstant(instant);
  return parsed ? FormatLocalTime(*parsed, time_zone) : instant;
}

std::string DeadlineText(const TaskRecord& task) {
  if (!task.effective_due) return "—";
  std::string text = DottedDate(*task.effective_due);
  if (task.due && *task.due != *task.effective_due) text += fmt::format(" (по плану {})", DottedDate(*task.due));
  return text;
}

std::string TaskTable(Site& site, const std::vector<TaskRecord>& tasks, const Date& today) {
  if (tasks.empty()) return "<p class=\"muted\">Задач нет.</p>";
  std::string rows;
  for (const TaskRecord& task : tasks) {
    std::string why;
    if (task.status == TaskStatus::kScheduled || task.status == TaskStatus::kSubmitted) {
      if (Result<Waiting> waiting = site.service().WhyWaiting(task); waiting.ok() && !waiting->text.empty())
        why = fmt::format(R"(<br><span class="why">{}</span>)", Escape(waiting->text));
    }
    rows += fmt::format(
        R"(<tr class="{}" data-task="{}"><td data-label="Срок">{}</td><td><a href="/tasks/{}">{}</a></td><td data-label="Организация">{}</td><td data-label="Статус">{}{}</td><td>{}</td></tr>
)",
        UrgencyClass(task, today, site.deployment().calendar), task.id, DeadlineText(task), task.id,
        Escape(site.ActivityTitle(task)), Escape(site.OrganisationName(task.organisation)),
        Escape(TaskStatusTitle(task.status)), why, Escape(UrgencyText(task, today)));
  }
  return fmt::format(R"(<table class="tasks">
<thead><tr><th>Срок</th><th>Задача</th><th>Организация</th><th>Статус</th><th></th></tr></thead>
<tbody>
{}</tbody>
</table>)",
                     rows);
}

std::string SelectOption(const std::string& value, const std::string& label, const std::string& selected) {
  return fmt::format(R"(<option value="{}"{}>{}</option>)", Escape(value), value == selected ? " selected" : "",
                     Escape(label));
}

}  // namespace vekha::server
