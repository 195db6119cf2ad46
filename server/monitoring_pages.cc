// What the roadmaps monitor, on the pages and in the API: «События» (the days events happened,
// the tasks still waiting for each, a form for coordinators to record a day) and «Показатели»
// (each catalogue indicator's target, value and verdict by year, a form to report a value).
#include <fmt/format.h>

#include <map>
#include <set>

#include "engine/text.h"
#include "server/json_body.h"
#include "server/page_parts.h"
#include "server/web_app.h"
#include "workflows/input_checks.h"
#include "workflows/monitoring_json.h"

namespace vekha::server {

namespace {

constexpr size_t kIndicatorPageRows = 2000;

std::string VerdictClass(IndicatorVerdict verdict) {
  switch (verdict) {
    case IndicatorVerdict::kMet:
      return "verdict-met";
    case IndicatorVerdict::kNotMet:
    case IndicatorVerdict::kNoValue:
      return "verdict-missed";
    case IndicatorVerdict::kNotDue:
    case IndicatorVerdict::kNoTarget:
      return "";
  }
  return "";
}

// The year and organisation the indicators page shows: from the query, the current year by default
// («все» for every year).
IndicatorFilter IndicatorFilterOf(const Fields& query, const Date& today, std::string& year_choice) {
  IndicatorFilter filter;
  filter.organisation = FieldValue(query, "organisation");
  year_choice = FieldValue(query, "year", fmt::format("{}", YearOf(today)));
  filter.year = ParseYear(year_choice);
  if (!filter.year) year_choice = "all";
  return filter;
}

}  // namespace

HttpResponse WebApp::EventsPage(const Call& call, int status, std::string notice, bool error) {
  const Deployment& deployment = site_.deployment();
  std::vector<EventDate> dates;
  std::map<std::string, int> waiting;
  if (Status read = site_.VisibleEventDates(call.person(), dates); !read.ok()) {
    return Page(call, read.meaning().http_status, "События", "", read.message(), true);
  }
  if (Status read = CountTasksWaitingForEvents(deployment, site_.store(), waiting); !read.ok()) {
    return Page(call, read.meaning().http_status, "События", "", read.message(), true);
  }
  if (deployment.events.empty()) {
    return Page(call, status, "События", "<p>В развёртывании нет событий (раздел «events:» в vekha.yaml).</p>",
                std::move(notice), error);
  }
  const std::string& zone = deployment.settings.time_zone;
  std::string rows;
  std::string event_options;
  for (const EventDefinition& event : deployment.events) {
    std::string days;
    for (const EventDate& date : dates) {
      if (date.event != event.id) continue;
      days += fmt::format(R"(<li>{}{} <span class="muted">— {}, {}{}</span></li>)", DottedDate(date.on),
                          date.organisation.empty() ? "" : " · " + Escape(site_.OrganisationName(date.organisation)),
                          Escape(date.person == "vekha" ? "Веха" : site_.PersonName(date.person)),
                          LocalTime(date.recorded_at, zone), date.note.empty() ? "" : " · " + Escape(date.note));
    }
    rows += fmt::format(
        R"(<tr id="event-{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)", Escape(event.id),
        Escape(event.title), event.per_organisation ? "в каждой организации" : "в муниципалитете",
        event.yearly ? "ежегодно" : "однократно",
        days.empty() ? R"(<span class="muted">не записано</span>)" : "<ul>" + days + "</ul>", waiting[event.id]);
    event_options += SelectOption(event.id, Shorten(event.title, 90), FieldValue(call.query, "event"));
  }
  std::string body = fmt::format(R"(<table id="events"><thead><tr><th>Событие</th><th>Где</th><th>Повторяется</th>
<th>Записанные дни</th><th>Ждут задач</th></tr></thead><tbody>
{}</tbody></table>)",
                                 rows);
  if (site_.policy().MayRecordEvents(call.person())) {
    std::string organisations = SelectOption("", "— муниципалитет (общее событие) —", "");
    for (const Organisation& organisation : deployment.organisations) {
      organisations += SelectOption(organisation.id, organisation.name, "");
    }
    body += fmt::format(R"(<form method="post" action="/events" class="card" id="record-event">{}
<h2>Записать день события</h2>
<label for="event">Событие</label><select id="event" name="event" required>{}</select>
<label for="organisation">Организация (для события каждой организации)</label><select id="organisation" name="organisation">{}</select>
<label for="on">День</label><input type="date" id="on" name="on" required>
<label for="note">Откуда дата (письмо, приказ)</label><input type="text" id="note" name="note" size="60">
<p><button type="submit">Записать</button></p>
</form>)",
                        CsrfField(call.principal.session ? call.principal.session->csrf : ""), event_options,
                        organisations);
  }
  return Page(call, status, "События", body, std::move(notice), error);
}

HttpResponse WebApp::RecordEventForm(const Call& call, const FormData& form) {
  ActionResult result = site_.RecordEvent(call.person(), call.request.remote_address, form.fields);
  return EventsPage(call, result.status, result.message, result.status != 200);
}

HttpResponse WebApp::IndicatorsPage(const Call& call, int status, std::string notice, bool error) {
  const Deployment& deployment = site_.deployment();
  if (deployment.indicators.empty()) {
    return Page(call, status, "Показатели", "<p>В развёртывании нет каталога показателей (раздел «indicators:»).</p>",
                std::move(notice), error);
  }
  std::string year_choice;
  IndicatorFilter filter = IndicatorFilterOf(call.query, site_.Today(), year_choice);
  std::vector<IndicatorRow> rows;
  if (Status read = site_.VisibleIndicators(call.person(), filter, rows); !read.ok()) {
    return Page(call, read.meaning().http_status, "Показатели", "", read.message(), true);
  }
  std::string years = SelectOption("all", "все", year_choice);
  std::set<int> target_years;
  for (const Indicator& indicator : deployment.indicators) {
    for (const IndicatorTarget& target : indicator.targets) target_years.insert(target.year);
  }
  target_years.insert(YearOf(site_.Today()));
  for (int year : target_years) years += SelectOption(fmt::format("{}", year), fmt::format("{}", year), year_choice);
  std::string organisations = SelectOption("", "все", filter.organisation);
  std::string places = site_.policy().MayReportAt(call.person(), "")
                           ? SelectOption("", "— муниципалитет (муниципальный показатель) —", "")
                           : "";
  for (const Organisation& organisation : deployment.organisations) {
    if (!site_.SeesMonitoringOf(call.person(), organisation.id)) continue;
    organisations += SelectOption(organisation.id, organisation.name, filter.organisation);
    places += SelectOption(organisation.id, organisation.name, "");
  }
  std::string table;
  size_t shown = 0;
  size_t total = 0;
  for (const IndicatorRow& row : rows) {
    for (const IndicatorYear& year : row.years) {
      ++total;
      if (shown >= kIndicatorPageRows) continue;
      ++shown;
      std::string late = year.on_time && !*year.on_time ? R"( <span class="muted">(с опозданием)</span>)" : "";
      table += fmt::format(
          R"(<tr class="{}"><td title="{}"><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>)"
          "\n",
          VerdictClass(year.verdict), Escape(row.indicator->measured), Escape(row.indicator->id),
          Escape(Shorten(row.indicator->title, 120)),
          row.organisation ? Escape(row.organisation->name) : "муниципалитет", year.year,
          Escape(IndicatorTargetText(year)),
          year.actual ? DecimalText(*year.actual) + " " + Escape(row.indicator->unit) : "—",
          IndicatorVerdictTitle(year.verdict), late, DottedDate(year.due));
    }
  }
  std::string body = fmt::format(
      R"(<form method="get" action="/indicators" class="card filters" id="indicator-filters">
<div><label for="year">Год</label><select id="year" name="year">{}</select></div>
<div><label for="filter-organisation">Организация</label><select id="filter-organisation" name="organisation">{}</select></div>
<div><button type="submit">Показать</button></div>
</form>
<p>Строк: {}{}.</p>
<table id="indicators"><thead><tr><th>Показатель</th><th>Где</th><th>Год</th><th>Цель</th><th>Факт</th><th>Оценка</th>
<th>Срок сдачи</th></tr></thead><tbody>
{}</tbody></table>)",
      years, organisations, total,
      total > shown ? fmt::format(" (показаны первые {}; выберите год или организацию)", shown) : "", table);
  if (!IsAuditor(call.person())) {
    std::string indicators;
    for (const Indicator& indicator : deployment.indicators) {
      indicators += SelectOption(indicator.id, fmt::format("{} — {}", indicator.id, Shorten(indicator.title, 80)), "");
    }
    body += fmt::format(R"(<form method="post" action="/indicators" class="card" id="record-indicator">{}
<h2>Сообщить значение</h2>
<label for="indicator">Показатель</label><select id="indicator" name="indicator" required>{}</select>
<label for="organisation">Организация (для показателя каждой организации)</label><select id="organisation" name="organisation">{}</select>
<label for="record-year">Год</label><input type="number" id="record-year" name="year" min="1990" max="2100" value="{}" required>
<label for="value">Значение</label><input type="text" id="value" name="value" inputmode="decimal" required>
<label for="comment">Источник значения</label><input type="text" id="comment" name="comment" size="60">
<p><button type="submit">Сообщить</button></p>
</form>)",
                        CsrfField(call.principal.session ? call.principal.session->csrf : ""), indicators, places,
                        filter.year ? *filter.year : YearOf(site_.Today()));
  }
  return Page(call, status, "Показатели", body, std::move(notice), error);
}

HttpResponse WebApp::RecordIndicatorForm(const Call& call, const FormData& form) {
  ActionResult result = site_.RecordIndicator(call.person(), call.request.remote_address, form.fields);
  // The page then shows the year the value is for.
  Call shown = call;
  shown.query["year"] = FieldValue(form.fields, "year");
  return IndicatorsPage(shown, result.status, result.message, result.status != 200);
}

HttpResponse WebApp::MonitoringApi(const Call& call, std::string_view path, const FormData* form) {
  const Person& person = call.person();
  if (path == "/api/events") {
    if (form != nullptr) {
      ActionResult result = site_.RecordEvent(person, call.request.remote_address, form->fields);
      if (result.status != 200) return HttpResponse::JsonError(result.status, result.message);
      return HttpResponse::Json(200, JsonBody({{"message", result.message}}));
    }
    std::vector<EventDate> dates;
    std::map<std::string, int> waiting;
    if (Status read = site_.VisibleEventDates(person, dates); !read.ok())
      return HttpResponse::JsonError(read.meaning().http_status, read.message());
    if (Status read = CountTasksWaitingForEvents(site_.deployment(), site_.store(), waiting); !read.ok()) {
      return HttpResponse::JsonError(read.meaning().http_status, read.message());
    }
    return HttpResponse::Json(200, OrderedJsonBody(EventsJson(site_.deployment(), dates, waiting)));
  }
  if (form != nullptr) {
    ActionResult result = site_.RecordIndicator(person, call.request.remote_address, form->fields);
    if (result.status != 200) return HttpResponse::JsonError(result.status, result.message);
    return HttpResponse::Json(200, JsonBody({{"message", result.message}}));
  }
  IndicatorFilter filter;
  filter.organisation = FieldValue(call.query, "organisation");
  if (std::string year = FieldValue(call.query, "year"); !year.empty()) {
    filter.year = ParseYear(year);
    if (!filter.year) return HttpResponse::JsonError(400, fmt::format("year «{}» is not a year", year));
  }
  std::vector<IndicatorRow> rows;
  if (Status read = site_.VisibleIndicators(person, filter, rows); !read.ok())
    return HttpResponse::JsonError(read.meaning().http_status, read.message());
  return HttpResponse::Json(200, OrderedJsonBody(IndicatorRowsJson(rows)));
}

}  // namespace vekha::server
