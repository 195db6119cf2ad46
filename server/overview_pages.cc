// The pages of coordinators and auditors: the overdue matrix (organisation × activity) per
// roadmap with the external-timing tasks still waiting for a date, and the audit history with
// filters and its CSV export.
#include <fmt/format.h>

#include <map>
#include <set>

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
    // organisation → activity → overdue tasks
    std::map<std::string, std::map<std::string, std::vector<const TaskRecord*>>> overdue;
    std::set<std::string> activities;
    std::vector<const TaskRecord*> undated;
    for (const TaskRecord& task : tasks) {
      if (IsOverdue(task, today)) {
        overdue[task.organisation][task.activity].push_back(&task);
        activities.insert(task.activity);
      } else if (task.kind == Repeat::kExternal && !task.due && task.opens <= today) {
        undated.push_back(&task);
      }
    }
    body += fmt::format(R"(<h2 id="roadmap-{}">{}</h2>)", Escape(roadmap.id), Escape(roadmap.title));
    if (overdue.empty()) {
      body += "<p class=\"muted\">Просроченных задач нет.</p>";
    } else {
      std::string header;
      std::vector<std::string> columns;
      for (const Activity& activity : roadmap.activities) {
        if (!activities.contains(activity.id)) continue;
        columns.push_back(activity.id);
        header += fmt::format(R"(<th title="{}">{}</th>)", Escape(activity.title), Escape(Shorten(activity.title, 40)));
      }
      std::string rows;
      for (const auto& [organisation, by_activity] : overdue) {
        rows += fmt::format("<tr><th>{}</th>", Escape(site_.OrganisationName(organisation)));
        for (const std::string& activity : columns) {
          auto found = by_activity.find(activity);
          if (found == by_activity.end()) {
            rows += R"(<td class="count-ok">—</td>)";
            continue;
          }
          const std::vector<const TaskRecord*>& late = found->second;
          std::string links;
          for (const TaskRecord* task : late) {
            links += fmt::format(R"(<a href="/tasks/{}" title="срок {}">{}</a> )", task->id, DeadlineText(*task),
                                 Escape(UrgencyText(*task, today)));
          }
          rows += fmt::format(R"(<td class="count-overdue">{}</td>)", links);
        }
        rows += "</tr>\n";
      }
      body += fmt::format(R"(<table class="matrix"><thead><tr><th>Организация</th>{}</tr></thead><tbody>
{}</tbody></table>)",
                          header, rows);
    }
    if (!undated.empty()) {
      body +=
          "<h3>Ждут даты (сроки по внешнему плану)</h3><table><thead><tr><th>Задача</th><th>Организация</th>"
          "<th>Назначить срок</th></tr></thead><tbody>";
      for (const TaskRecord* task : undated) {
        body += fmt::format(
            R"(<tr><td><a href="/tasks/{0}">{1}</a></td><td>{2}</td><td><form method="post" action="/tasks/{0}/set-date" class="inline">{3}<input type="date" name="due" required> <button type="submit">Назначить</button></form></td></tr>)",
            task->id, Escape(site_.ActivityTitle(*task)), Escape(site_.OrganisationName(task->organisation)),
            CsrfField(call.principal.session ? call.principal.session->csrf : ""));
      }
      body += "</tbody></table>";
    }
  }
  if (!any_roadmap) body = "<p>Вы не координируете ни одной дорожной карты.</p>";
  return Page(call, 200, "Просроченные задачи", body);
}

HistoryFilter WebApp::HistoryFilterOf(const Call& call) const {
  HistoryFilter filter;
  filter.from = ParseIsoDate(FieldValue(call.query, "from"));
  filter.to = ParseIsoDate(FieldValue(call.query, "to"));
  filter.organisation = FieldValue(call.query, "organisation");
  filter.roadmap = FieldValue(call.query, "roadmap");
  filter.event = FieldValue(call.query, "event");
  filter.task = FieldValue(call.query, "task");
  return filter;
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
    roadmaps += SelectOption(roadmap.id, Shorten(roadmap.title, 70), filter.roadmap);
  std::string events = SelectOption("", "все", filter.event);
  for (const char* event :
       {"submitted", "confirmed", "returned", "waived", "dated", "opened", "created", "cancelled"}) {
    events += SelectOption(event, EventTitle(event), filter.event);
  }
  const std::string& zone = site_.deployment().settings.time_zone;
  std::string rows;
  size_t shown = 0;
  // Newest first on the page; the export keeps the log's order.
  for (auto entry = entries.rbegin(); entry != entries.rend() && shown < kHistoryPageRows; ++entry, ++shown) {
    std::string task_cell;
    std::string organisation;
    if (IsIndicatorSubject(entry->task_id)) {
      task_cell = Escape(SubjectText(entry->task_id));
    } else if (!entry->task_id.empty()) {
      task_cell = fmt::format(R"(<a href="/tasks/{0}">{0}</a>)", entry->task_id);
    }
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        LocalTime(entry->at, zone), task_cell, Escape(EventTitle(entry->event)),
                        Escape(entry->actor == "vekha" ? "Веха" : site_.PersonName(entry->actor)),
                        Escape(DescribeAuditDetails(entry->details)));
  }
  std::string body =
      fmt::format(R"(<form method="get" action="/history" class="card filters" id="history-filters">
<div><label for="from">С</label><input type="date" id="from" name="from" value="{}"></div>
<div><label for="to">По</label><input type="date" id="to" name="to" value="{}"></div>
<div><label for="organisation">Организация</label><select id="organisation" name="organisation">{}</select></div>
<div><label for="roadmap">Дорожная карта</label><select id="roadmap" name="roadmap">{}</select></div>
<div><label for="event">Событие</label><select id="event" name="event">{}</select></div>
<div><button type="submit">Показать</button></div>
</form>
<p>Событий: {}{}. <a href="/history.csv?{}" id="export-csv">Скачать CSV</a></p>
<table id="history"><thead><tr><th>Время</th><th>Задача</th><th>Событие</th><th>Кто</th><th>Подробности</th></tr></thead>
<tbody>
{}</tbody></table>)",
                  filter.from ? FormatIsoDate(*filter.from) : "", filter.to ? FormatIsoDate(*filter.to) : "",
                  organisations, roadmaps, events, entries.size(),
                  entries.size() > kHistoryPageRows
                      ? fmt::format(" (показаны последние {}; сузьте фильтр или скачайте CSV)", kHistoryPageRows)
                      : "",
                  Escape(call.request.Query()), rows);
  return Page(call, 200, "История выполнения", body);
}

HttpResponse WebApp::HistoryCsv(const Call& call) {
  std::vector<AuditEntry> entries;
  if (Status status = site_.History(call.person(), HistoryFilterOf(call), entries); !status.ok()) {
    return HttpResponse::Text(500, "text/plain; charset=utf-8", status.message());
  }
  const std::string& zone = site_.deployment().settings.time_zone;
  // UTF-8 with a byte-order mark, so spreadsheet programs read the Cyrillic right.
  std::string csv = "\xEF\xBB\xBFseq,at_utc,local_time,task,event,actor,actor_name,description,details,hash\r\n";
  for (const AuditEntry& entry : entries) {
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\r\n", entry.seq, entry.at, LocalTime(entry.at, zone),
                       entry.task_id, entry.event, CsvField(entry.actor), CsvField(site_.PersonName(entry.actor)),
                       CsvField(DescribeAuditDetails(entry.details)), CsvField(entry.details), entry.hash);
  }
  return HttpResponse::Text(200, "text/csv; charset=utf-8", std::move(csv))
      .With("Content-Disposition", "attachment; filename=\"vekha-history.csv\"");
}

}  // namespace vekha::server
