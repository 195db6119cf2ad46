// «Обзор»: how the schools are doing, for the person's view of the deployment — what is overdue,
// due this week and waiting for confirmation, the on-time share per school and per roadmap, the
// month-by-month picture and the indicators against their targets, over a school or calendar year.
// The figures are the implementation report's (reports/report.h) built from the tasks the person
// may see; the charts are its SVG fragments (reports/report_charts.h).
#include <fmt/format.h>

#include <algorithm>

#include "engine/russian_count.h"
#include "reports/report_charts.h"
#include "server/page_parts.h"
#include "server/web_app.h"

namespace vekha::server {

namespace {

constexpr size_t kTargetBars = 30;
constexpr int kDueSoonDays = 7;

// The school year (1 September – 31 August) holding `day`.
std::pair<Date, Date> SchoolYearOf(const Date& day) {
  int first = MonthOf(day) >= 9 ? YearOf(day) : YearOf(day) - 1;
  return {MakeDate(first, 9, 1), MakeDate(first + 1, 8, 31)};
}

std::string PeriodLink(const Date& from, const Date& to, std::string_view label, bool current) {
  return fmt::format(R"(<a href="/dashboard?from={}&amp;to={}"{}>{}</a>)", FormatIsoDate(from), FormatIsoDate(to),
                     current ? R"( aria-current="page")" : "", label);
}

std::string Tile(std::string_view css, const std::string& link, const std::string& figure, std::string_view words) {
  std::string inner = fmt::format(R"(<span class="figure">{}</span> <span class="words">{}</span>)", figure, words);
  if (link.empty()) return fmt::format(R"(<div class="tile {}">{}</div>)", css, inner);
  return fmt::format(R"(<a class="tile {}" href="{}">{}</a>)", css, link, inner);
}

}  // namespace

HttpResponse WebApp::DashboardPage(const Call& call) {
  const Person& person = call.person();
  const AccessPolicy& policy = site_.policy();
  Date today = site_.Today();
  auto [school_from, school_to] = SchoolYearOf(today);
  std::optional<Date> from = ParseIsoDate(FieldValue(call.query, "from"));
  std::optional<Date> to = ParseIsoDate(FieldValue(call.query, "to"));
  if (!from || !to || *to < *from || DaysBetween(*from, *to) > 3 * 366) {
    from = school_from;
    to = school_to;
  }

  // The tiles: what needs someone now, among the tasks the person sees.
  TaskFilter unfinished;
  unfinished.unfinished = true;
  std::vector<TaskRecord> waiting;
  if (Status status = site_.VisibleTasks(person, unfinished, waiting); !status.ok()) {
    return Page(call, status.meaning().http_status, "Обзор", "", status.message(), true);
  }
  int overdue = 0, due_soon = 0, to_confirm = 0;
  for (const TaskRecord& task : waiting) {
    if (IsOverdue(task, today)) {
      ++overdue;
    } else if (IsWaiting(task.status) && task.effective_due &&
               DaysBetween(today, *task.effective_due) <= kDueSoonDays) {
      ++due_soon;
    }
    if (task.status == TaskStatus::kSubmitted && policy.MayDecide(person, task)) ++to_confirm;
  }

  reports::ReportOptions options;
  options.from = *from;
  options.to = *to;
  options.as_of = today;
  options.includes = [&](const TaskRecord& task) { return policy.MaySee(person, task); };
  std::optional<std::vector<std::string>> scope = policy.OrganisationScope(person);
  if (scope && scope->size() == 1) options.organisation = scope->front();
  reports::Report report;
  if (Status status = reports::BuildReport(site_.deployment(), site_.store(), options, report); !status.ok()) {
    return Page(call, status.meaning().http_status, "Обзор", "", status.message(), true);
  }
  if (scope) {  // the municipality's indicators and those of the person's organisations
    std::erase_if(report.targets, [&](const reports::TargetLine& line) {
      return !line.organisation.empty() && std::find(scope->begin(), scope->end(), line.organisation) == scope->end();
    });
  }

  bool coordinates = policy.SeesEverything(person) || policy.CoordinatesAny(person);
  std::string body = R"(<section class="tiles" aria-label="Сейчас">)";
  body += Tile(overdue > 0 ? "overdue" : "", coordinates ? "/overdue" : "/my", std::to_string(overdue),
               NounFor(overdue, {"задача просрочена", "задачи просрочены", "задач просрочено"}));
  body += Tile(due_soon > 0 ? "due-week" : "", "/my", std::to_string(due_soon),
               fmt::format("{} в ближайшие {}", NounFor(due_soon, {"срок", "срока", "сроков"}),
                           CountOf(kDueSoonDays, nouns::kDays)));
  body +=
      Tile("", "/confirm", std::to_string(to_confirm),
           fmt::format("{} вашего подтверждения", NounFor(to_confirm, {"ответ ждёт", "ответа ждут", "ответов ждут"})));
  body += Tile("", "", reports::ShareText(report.total), "задач за период выполнено в срок");
  body += "</section>\n";

  auto [last_from, last_to] = SchoolYearOf(AddDays(school_from, -1));
  Date calendar_from = MakeDate(YearOf(today), 1, 1);
  Date calendar_to = MakeDate(YearOf(today), 12, 31);
  body += fmt::format(
      R"(<p class="period">Период: с {} по {}. {} · {} · {}</p>
)",
      DottedDate(*from), DottedDate(*to),
      PeriodLink(school_from, school_to, fmt::format("{}/{} учебный год", YearOf(school_from), YearOf(school_to) % 100),
                 *from == school_from && *to == school_to),
      PeriodLink(last_from, last_to, fmt::format("{}/{} учебный год", YearOf(last_from), YearOf(last_to) % 100),
                 *from == last_from && *to == last_to),
      PeriodLink(calendar_from, calendar_to, fmt::format("{} год", YearOf(today)),
                 *from == calendar_from && *to == calendar_to));

  std::vector<reports::ShareBar> schools = reports::BarsByOrganisation(report);
  std::string period_query = fmt::format("from={}&to={}", FormatIsoDate(*from), FormatIsoDate(*to));
  for (reports::ShareBar& bar : schools) bar.link = fmt::format("/history?organisation={}&{}", bar.key, period_query);
  std::vector<reports::ShareBar> roadmaps = reports::BarsByRoadmap(report);
  if (coordinates) {
    for (reports::ShareBar& bar : roadmaps) bar.link = "/overdue#roadmap-" + bar.key;
  }
  if (schools.size() > 1 || !scope) body += reports::OnTimeChart("Выполнено в срок по организациям", schools);
  body += reports::OnTimeChart("Выполнено в срок по дорожным картам", roadmaps);
  body += reports::MonthlyChart("Задачи периода по месяцам срока", reports::TallyByMonth(report));
  body += reports::TargetChart("Показатели и их целевые значения", report.targets, kTargetBars);
  body +=
      R"(<p class="muted">Доля в срок считается среди задач с наступившим сроком: выполненных в срок, с опозданием )"
      R"(и просроченных; снятые и ещё не наступившие не учитываются.</p>)";
  return Page(call, 200, "Обзор", body);
}

}  // namespace vekha::server
