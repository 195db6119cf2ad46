// «Календарь»: the month of the person's deadlines (the tasks they are responsible for or confirm)
// with their feed URL, and the feed itself — the same tasks as iCalendar, at a URL whose key is
// checked in constant time.
#include <fmt/format.h>

#include "engine/secure_random.h"
#include "server/calendar_feed.h"
#include "server/month_calendar.h"
#include "server/web_app.h"

namespace vekha::server {

std::string WebApp::FeedUrl(const std::string& person) {
  std::string secret;
  std::string salt;
  if (!site_.access().FeedSecret(secret).ok() || !site_.access().FeedSalt(person, salt).ok()) return "";
  return fmt::format("{}/calendar/{}/{}.ics", site_.public_url(), PercentEncode(person), FeedKey(secret, person, salt));
}

HttpResponse WebApp::CalendarPage(const Call& call) {
  std::string url = FeedUrl(call.person().id);
  if (url.empty()) return Page(call, 500, "Календарь", "", "Не удалось прочитать ключ календаря.", true);
  std::vector<CalendarEntry> entries;
  if (Status status = site_.OwedTasks(call.person(), entries); !status.ok()) {
    return Page(call, status.meaning().http_status, "Календарь", "", status.message(), true);
  }
  Date today = site_.Today();
  YearMonth month = YearMonthOf(today);
  if (std::optional<YearMonth> asked = ParseYearMonth(FieldValue(call.query, "month")); asked) month = *asked;
  std::string body = MonthCalendar(month.year, month.month, today, site_.deployment().calendar, entries);
  body += fmt::format(R"(<h2>Подписка</h2>
<p>Подпишитесь на этот адрес в календаре (Outlook, Яндекс Календарь, Thunderbird,
календарь телефона), и сроки ваших задач появятся в нём и будут обновляться сами.</p>
<p><code id="feed-url">{0}</code></p>
<p><a href="{0}">Скачать файл .ics</a></p>
<p class="muted">Адрес личный: по нему видны ваши задачи без входа. Не пересылайте его.</p>)",
                      Escape(url));
  return Page(call, 200, "Календарь", body);
}

HttpResponse WebApp::CalendarFeed(const std::string& person_id, const std::string& key) {
  const Person* person = site_.deployment().FindPerson(person_id);
  std::string secret;
  std::string salt;
  if (!site_.access().FeedSecret(secret).ok() || !site_.access().FeedSalt(person_id, salt).ok()) {
    return HttpResponse::Text(500, "text/plain; charset=utf-8", "Не удалось прочитать ключ календаря.");
  }
  if (person == nullptr || !SecretsEqual(FeedKey(secret, person_id, salt), key)) {
    return HttpResponse::Text(404, "text/plain; charset=utf-8", "Календарь не найден");
  }
  std::vector<CalendarEntry> entries;
  if (Status status = site_.OwedTasks(*person, entries); !status.ok()) {
    return HttpResponse::Text(500, "text/plain; charset=utf-8", status.message());
  }
  std::string name = fmt::format("Веха: {}", person->name);
  return HttpResponse::Text(200, "text/calendar; charset=utf-8", RenderCalendar(name, entries, site_.clock().Now()))
      .With("Content-Disposition", "inline; filename=\"vekha.ics\"");
}

}  // namespace vekha::server
