#include "server/month_calendar.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "engine/russian_count.h"
#include "server/html.h"
#include "server/page_parts.h"

namespace vekha::server {

namespace {

constexpr std::array<const char*, 12> kMonthNames = {"Январь", "Февраль", "Март",     "Апрель",  "Май",    "Июнь",
                                                     "Июль",   "Август",  "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"};
constexpr std::array<const char*, 7> kWeekdays = {"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"};
constexpr std::array<const char*, 12> kMonthsGenitive = {"января",   "февраля", "марта",  "апреля",
                                                         "мая",      "июня",    "июля",   "августа",
                                                         "сентября", "октября", "ноября", "декабря"};

std::string MonthLink(YearMonth month, std::string_view label) {
  return fmt::format(R"(<a href="/calendar?month={}">{}</a>)", FormatYearMonth(month), label);
}

// One activity's tasks due on a day: a link to the task, or, for several organisations, the
// activity folded over their links.
std::string DayItem(const std::vector<const CalendarEntry*>& tasks, const Date& today, const WorkCalendar& calendar) {
  const CalendarEntry& first = *tasks.front();
  if (tasks.size() == 1) {
    return fmt::format(R"(<li class="{}"><a href="/tasks/{}">{}</a> <span class="muted">{}</span></li>)",
                       UrgencyClass(first.task, today, calendar), first.task.id, Escape(first.title),
                       Escape(first.organisation));
  }
  std::string links;
  bool overdue = false;
  for (const CalendarEntry* entry : tasks) {
    overdue = overdue || IsOverdue(entry->task, today);
    links += fmt::format(R"(<li class="{}"><a href="/tasks/{}">{}</a></li>)",
                         UrgencyClass(entry->task, today, calendar), entry->task.id, Escape(entry->organisation));
  }
  return fmt::format(R"(<li class="{}"><details><summary>{} — {}</summary><ul>{}</ul></details></li>)",
                     overdue ? "overdue" : "", Escape(first.title), CountOf(tasks.size(), nouns::kOrganisations),
                     links);
}

}  // namespace

std::string MonthCalendar(int year, int month, const Date& today, const WorkCalendar& calendar,
                          const std::vector<CalendarEntry>& entries) {
  YearMonth shown{year, month};
  Date first = FirstDayOfMonth(shown);
  Date last = LastDayOfMonth(shown);
  // day → activity title → its tasks that day, in deadline and title order.
  std::map<Date, std::map<std::string, std::vector<const CalendarEntry*>>> days;
  for (const CalendarEntry& entry : entries) {
    const std::optional<Date>& due = entry.task.effective_due;
    if (due && first <= *due && *due <= last) days[*due][entry.title].push_back(&entry);
  }
  std::string header;
  for (const char* weekday : kWeekdays) header += fmt::format(R"(<th scope="col">{}</th>)", weekday);
  std::string weeks = "<tr>";
  int leading = static_cast<int>(IsoWeekday(first)) - 1;
  for (int i = 0; i < leading; ++i) weeks += R"(<td class="outside" aria-hidden="true"></td>)";
  for (Date day = first; day <= last; day = AddDays(day, 1)) {
    if (IsoWeekday(day) == 1 && day != first) weeks += "</tr>\n<tr>";
    std::string classes = calendar.IsWorkingDay(day) ? "" : "day-off";
    if (day == today) classes += " today";
    auto found = days.find(day);
    if (found == days.end()) classes += " empty";
    std::string items;
    if (found != days.end()) {
      for (const auto& [title, tasks] : found->second) items += DayItem(tasks, today, calendar);
    }
    weeks += fmt::format(
        R"(<td class="{}"><span class="day">{} <span class="weekday">{}</span><span class="month-name"> {}</span></span>{}</td>)",
        classes, DayOf(day), kWeekdays[IsoWeekday(day) - 1], kMonthsGenitive[static_cast<size_t>(month - 1)],
        items.empty() ? "" : "<ul>" + items + "</ul>");
  }
  int trailing = (7 - static_cast<int>(IsoWeekday(last))) % 7;
  for (int i = 0; i < trailing; ++i) weeks += R"(<td class="outside" aria-hidden="true"></td>)";
  weeks += "</tr>";
  std::string summary = days.empty() ? R"(<p class="muted">В этом месяце сроков нет.</p>)"
                                     : fmt::format("<p>Сроков в этом месяце: {}.</p>", [&] {
                                         size_t count = 0;
                                         for (const auto& [day, by_title] : days)
                                           for (const auto& [title, tasks] : by_title) count += tasks.size();
                                         return CountOf(count, nouns::kTasks);
                                       }());
  return fmt::format(R"(<nav class="month-nav" aria-label="Месяцы">{} · <strong>{} {}</strong> · {}</nav>
{}<table class="month" id="month-calendar"><caption>{} {}</caption><thead><tr>{}</tr></thead><tbody>
{}</tbody></table>
)",
                     MonthLink(AddMonths(shown, -1), "← раньше"), kMonthNames[static_cast<size_t>(month - 1)], year,
                     MonthLink(AddMonths(shown, 1), "позже →"), summary, kMonthNames[static_cast<size_t>(month - 1)],
                     year, header, weeks);
}

}  // namespace vekha::server
