// The pages of coordinators and auditors: the overdue tasks per roadmap (totals per organisation,
// then each activity with its schools and the periods they are late with), the external-timing
// tasks waiting for a date apart at the end, and the audit history with filters and its CSV export.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/period_title.h"
#include "engine/russian_count.h"
#include "engine/text.h"
#include "server/page_parts.h"
#include "server/web_app.h"
#include "workflows/audit_description.h"
#include "workflows/indicator_rules.h"

namespace vekha::server {

namespace {

constexpr size_t kHistoryPageRows = 1000;

}  // namespace

HttpResponse WebApp::OverduePage(const Call& call) {
  const Person& person = call.person();
  Date today = site_.Today();
  std::string body;
  std::string undated_rows;
  size_t undated_count = 0;
  size_t overdue_count = 0;
  bool any_roadmap = false;
  for (const Roadmap& roadmap : site_.deployment().roadmaps) {
    if (!site_.policy().SeesEverything(person) && roadmap.coordinator != person.id) continue;
    any_roadmap = true;
    TaskFilter filter;
    filter.roadmap = roadmap.id;
    filter.unfinished = true;
    std::vector<TaskRecord> tasks;
    if (Status status = site_.VisibleTasks(person, filter, tasks); !status.ok()) {
      return Page(call, status.meaning().http_status, "Просроченные", "", status.message(), true);
    }
    // activity → organisation → its overdue tasks, oldest deadline first (VisibleTasks' order)
    std::map<std::string, std::map<std::string, std::vector<const TaskRecord*>>> overdue;
    std::map<std::string, std::pair<int, int>> per_organisation;  // → (tasks, most days overdue)
    for (const TaskRecord& task : tasks) {
      if (IsOverdue(task, today)) {
        overdue[task.activity][task.organisation].push_back(&task);
        auto& [count, worst] = per_organisation[task.organisation];
        ++count;
        worst = std::max(worst, DaysBetween(*task.effective_due, today));
      } else if (task.kind == Repeat::kExternal && !task.due && task.opens <= today) {
        ++undated_count;
        undated_rows += fmt::format(
            R"(<tr><td><a href="/tasks/{0}">{1}</a><br><span class="muted">{2}</span></td><td>{3}</td><td><form method="post" action="/tasks/{0}/set-date" class="inline">{4}<label for="due-{0}" class="visually-hidden">Срок для «{1}», {3}</label><input type="date" id="due-{0}" name="due" required> <button type="submit">Назначить</button></form></td></tr>
)",
            task.id, Escape(site_.ActivityTitle(task)), Escape(roadmap.title),
            Escape(site_.OrganisationName(task.organisation)),
            CsrfField(call.principal.session ? call.principal.session->csrf : ""));
      }
    }
    int roadmap_total = 0;
    for (const auto& [organisation, figures] : per_organisation) roadmap_total += figures.first;
    overdue_count += static_cast<size_t>(roadmap_total);
    body += fmt::format(R"(<h2 id="roadmap-{}">{}</h2>)", Escape(roadmap.id), Escape(roadmap.title));
    if (overdue.empty()) {
      body += "<p class=\"muted\">Просроченных задач нет.</p>";
      continue;
    }
    std::string totals;
    for (const Organisation& organisation : site_.deployment().organisations) {
      auto found = per_organisation.find(organisation.id);
      if (found == per_organisation.end()) continue;
      totals +=
          fmt::format(R"(<tr><th scope="row">{}</th><td class="n">{}</td><td>{}</td></tr>)", Escape(organisation.name),
                      found->second.first, CountOf(found->second.second, nouns::kDays));
    }
    body += fmt::format(
        R"(<table class="overdue-totals"><caption>Просрочено: {} — по организациям</caption><thead><tr><th scope="col">Организация</th><th scope="col">Задач</th><th scope="col">Наибольшая просрочка</th></tr></thead><tbody>{}</tbody></table>
)",
        CountOf(roadmap_total, nouns::kTasks), totals);
    for (const Activity& activity : roadmap.activities) {
      auto by_organisation = overdue.find(activity.id);
      if (by_organisation == overdue.end()) continue;
      std::string rows;
      size_t activity_total = 0;
      for (const auto& [organisation, late] : by_organisation->second) {
        std::string links;
        for (const TaskRecord* task : late) {
          links += fmt::format(R"(<li><a href="/tasks/{}">{}</a> — срок {}, {}</li>)", task->id,
                               Escape(PeriodTitle(task->key)), DeadlineText(*task), Escape(UrgencyText(*task, today)));
        }
        activity_total += late.size();
        rows += fmt::format(R"(<tr><th scope="row">{}</th><td><ul class="periods">{}</ul></td></tr>)",
                            Escape(site_.OrganisationName(organisation)), links);
      }
      body += fmt::format(
          R"(<table class="overdue-activity"><caption>{} <span class="muted">— {}</span></caption><thead><tr><th scope="col">Организация</th><th scope="col">Просроченные периоды</th></tr></thead><tbody>{}</tbody></table>
)",
          Escape(activity.title), CountOf(activity_total, nouns::kTasks), rows);
    }
  }
  if (!any_roadmap)
    return Page(call, 200, "Просроченные задачи", "<p>Вы не координируете ни одной дорожной карты.</p>");
  std::string head =
      fmt::format("<p>На {}: просрочено {}.{}</p>", DottedDate(today), CountOf(overdue_count, nouns::kTasks),
                  undated_count > 0 ? fmt::format(" Ещё {} ждут, когда вы назначите срок (внизу страницы).",
                                                  CountOf(undated_count, nouns::kTasks))
                                    : "");
  if (undated_count > 0) {
    body += fmt::format(
        R"(<details id="undated"><summary><h2>Ждут даты: {}</h2></summary><p>Сроки этих мероприятий задаются внешним графиком; назначьте дату, и задача получит срок.</p><table><thead><tr><th scope="col">Задача</th><th scope="col">Организация</th><th scope="col">Назначить срок</th></tr></thead><tbody>
{}</tbody></table></details>)",
        CountOf(undated_count, nouns::kTasks), undated_rows);
  }
  return Page(call, 200, "Просроченные задачи", head + body);
}

HistoryFilter WebApp::HistoryFilterOf(const Call& call) const {
  HistoryFilter filter;
  filter.from = ParseIsoDate(FieldValue(call.query, "from"));
  filter.to = ParseIsoDate(FieldValue(call.query, "to"));
  filter.organisation = FieldValue(call.query, "organisation");
  filter.roadmap = FieldValue(call.query, "roadmap");
  filter.event = FieldValue(call.query, "event");
  filter.task = FieldValue(call.query, "task");
  // People read what was done; the notifications about it are folded away unless asked for.
  filter.notifications = FieldValue(call.query, "notifications") == "1" || filter.event.starts_with("notification");
  return filter;
}

Result<std::map<std::string, TaskRecord>> WebApp::TasksOf(const std::vector<AuditEntry>& entries) {
  TaskQuery query;
  for (const AuditEntry& entry : entries) {
    if (!entry.task_id.empty() && !IsIndicatorSubject(entry.task_id)) query.ids.push_back(entry.task_id);
  }
  std::map<std::string, TaskRecord> tasks;
  if (query.ids.empty()) return tasks;
  std::sort(query.ids.begin(), query.ids.end());
  query.ids.erase(std::unique(query.ids.begin(), query.ids.end()), query.ids.end());
  std::vector<TaskRecord> found;
  if (Status status = site_.store().ListTasks(query, found); !status.ok()) return status;
  for (TaskRecord& task : found) tasks.emplace(task.id, std::move(task));
  return tasks;
}

HttpResponse WebApp::HistoryPage(const Call& call) {
  HistoryFilter filter = HistoryFilterOf(call);
  std::vector<AuditEntry> entries;
  if (Status status = site_.History(call.person(), filter, entries); !status.ok()) {
    return Page(call, status.meaning().http_status, "История", "", status.message(), true);
  }
  std::string organisations = SelectOption("", "все", filter.organisation);
  for (const Organisation& organisation : site_.deployment().organisations) {
    organisations += SelectOption(organisation.id, organisation.name, filter.organisation);
  }
  std::string roadmaps = SelectOption("", "все", filter.roadmap);
  for (const Roadmap& roadmap : site_.deployment().roadmaps)
    roadmaps += SelectOption(roadmap.id, roadmap.title, filter.roadmap);
  std::string events = SelectOption("", "все", filter.event);
  for (const char* event : {"submitted", "confirmed", "returned", "waived", "dated", "opened", "created", "cancelled",
                            "untracked", "notification queued", "notification sent", "notification failed"}) {
    events += SelectOption(event, EventTitle(event), filter.event);
  }
  const std::string& zone = site_.deployment().settings.time_zone;
  // Newest first on the page; the export keeps the log's order.
  std::vector<AuditEntry> shown(
      entries.rbegin(), entries.rbegin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), kHistoryPageRows)));
  Result<std::map<std::string, TaskRecord>> read = TasksOf(shown);
  if (!read.ok()) return Page(call, read.status().meaning().http_status, "История", "", read.status().message(), true);
  const std::map<std::string, TaskRecord>& tasks = *read;
  std::string rows;
  for (const AuditEntry& entry : shown) {
    std::string task_cell;
    if (IsIndicatorSubject(entry.task_id)) {
      task_cell = Escape(SubjectText(entry.task_id));
    } else if (auto task = tasks.find(entry.task_id); task != tasks.end()) {
      task_cell =
          fmt::format(R"(<a href="/tasks/{}">{}</a><br><span class="muted">{} · {}</span>)", entry.task_id,
                      Escape(site_.ActivityTitle(task->second)),
                      Escape(site_.OrganisationName(task->second.organisation)), Escape(PeriodTitle(task->second.key)));
    } else if (!entry.task_id.empty()) {
      task_cell = fmt::format(R"(<a href="/tasks/{0}">{0}</a>)", entry.task_id);
    }
    rows += fmt::format(
        "<tr><td data-label=\"Время\">{}</td><td>{}</td><td data-label=\"Событие\">{}</td><td "
        "data-label=\"Кто\">{}</td><td>{}</td></tr>\n",
        LocalTime(entry.at, zone), task_cell, Escape(EventTitle(entry.event)),
        Escape(entry.actor == "vekha" ? "Веха" : site_.PersonName(entry.actor)),
        Escape(DescribeAuditDetails(entry.details)));
  }
  std::string body =
      fmt::format(R"(<form method="get" action="/history" class="card filters" id="history-filters">
<div><label for="from">С</label><input type="date" id="from" name="from" value="{}"></div>
<div><label for="to">По</label><input type="date" id="to" name="to" value="{}"></div>
<div><label for="organisation">Организация</label><select id="organisation" name="organisation">{}</select></div>
<div><label for="roadmap">Дорожная карта</label><select id="roadmap" name="roadmap">{}</select></div>
<div><label for="event">Событие</label><select id="event" name="event">{}</select></div>
<div><label><input type="checkbox" name="notifications" value="1"{}> с уведомлениями</label></div>
<div><button type="submit">Показать</button></div>
</form>
<p>Событий: {}{}{}. <a href="/history.csv?{}" id="export-csv">Скачать CSV</a></p>
<table id="history"><thead><tr><th>Время</th><th>Задача</th><th>Событие</th><th>Кто</th><th>Подробности</th></tr></thead>
<tbody>
{}</tbody></table>)",
                  filter.from ? FormatIsoDate(*filter.from) : "", filter.to ? FormatIsoDate(*filter.to) : "",
                  organisations, roadmaps, events, filter.notifications ? " checked" : "", entries.size(),
                  filter.notifications ? "" : " (уведомления скрыты)",
                  entries.size() > kHistoryPageRows
                      ? fmt::format("; показаны последние {}, сузьте фильтр или скачайте CSV", kHistoryPageRows)
                      : "",
                  Escape(call.request.Query()), rows);
  return Page(call, 200, "История выполнения", body);
}

HttpResponse WebApp::HistoryCsv(const Call& call) {
  std::vector<AuditEntry> entries;
  if (Status status = site_.History(call.person(), HistoryFilterOf(call), entries); !status.ok()) {
    return HttpResponse::Text(status.meaning().http_status, "text/plain; charset=utf-8", status.message());
  }
  const std::string& zone = site_.deployment().settings.time_zone;
  Result<std::map<std::string, TaskRecord>> read = TasksOf(entries);
  if (!read.ok()) {
    return HttpResponse::Text(read.status().meaning().http_status, "text/plain; charset=utf-8",
                              read.status().message());
  }
  const std::map<std::string, TaskRecord>& tasks = *read;
  // UTF-8 with a byte-order mark, so spreadsheet programs read the Cyrillic right; one fact a column.
  std::string csv =
      "\xEF\xBB\xBFНомер события,Время (UTC),Местное время,Задача,Мероприятие,Организация,Дорожная карта,Период,"
      "Событие,Кто,Подробности,Хеш\r\n";
  for (const AuditEntry& entry : entries) {
    auto task = tasks.find(entry.task_id);
    bool known = task != tasks.end();
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\r\n", entry.seq, entry.at, LocalTime(entry.at, zone),
                       CsvField(IsIndicatorSubject(entry.task_id) ? SubjectText(entry.task_id) : entry.task_id),
                       CsvField(known ? site_.ActivityTitle(task->second) : ""),
                       CsvField(known ? site_.OrganisationName(task->second.organisation) : ""),
                       CsvField(known ? site_.RoadmapTitle(task->second.roadmap) : ""),
                       CsvField(known ? PeriodTitle(task->second.key) : ""), CsvField(EventTitle(entry.event)),
                       CsvField(entry.actor == "vekha" ? "Веха" : site_.PersonName(entry.actor)),
                       CsvField(DescribeAuditDetails(entry.details)), entry.hash);
  }
  return HttpResponse::Text(200, "text/csv; charset=utf-8", std::move(csv))
      .With("Content-Disposition", "attachment; filename=\"vekha-history.csv\"");
}

}  // namespace vekha::server
