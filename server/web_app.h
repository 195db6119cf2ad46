// WebApp: the web pages (Russian, server-rendered, no JavaScript) and the JSON API of `vekha run`,
// as one function from request to response. Routes:
//   GET  /sign-in, POST /sign-in, POST /sign-out           signing in with a token
//   POST /sign-in/email, GET|POST /sign-in/link?code=      signing in by a link sent by e-mail
//   GET  /people, POST /people/invite                     coordinators invite their roadmaps' people
//   GET  /dashboard?from=&to=                             «Обзор»: counts and charts of the person's view
//   GET  /my                                              «Мои задачи»: what the person owes
//   GET  /confirm                                         «На подтверждение»: what they confirm
//   GET  /overdue                                         coordinators: overdue matrix, undated tasks
//   GET  /history, /history.csv                           the audit history, filtered, and its export
//   GET  /tasks/ID, POST /tasks/ID/{submit|confirm|return|waive|set-date}
//   GET  /evidence/SHA256?task=ID                         a submitted file
//   GET  /calendar?month=YYYY-MM, /calendar/PERSON/KEY.ics the month of deadlines and the feed URL; the feed
//   GET  /events, POST /events                            events' days; coordinators record one
//   GET  /indicators?year=&organisation=, POST /indicators the indicators' status; report a value
//   GET  /api/me, /api/tasks, /api/tasks/ID, /api/history, /api/events, /api/indicators;
//   POST /api/tasks/ID/VERB, /api/events, /api/indicators
//   GET  /static/vekha.css
// Every page and API call needs a session cookie or a bearer token (the feed needs its key);
// every POST from a session carries its CSRF token (form field `csrf` or header X-CSRF-Token).
// What a person sees and may do is AccessPolicy's answer; hidden tasks answer 404.
// Holds references to the context's objects. Single-threaded.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "server/authenticator.h"
#include "server/email_sign_in.h"
#include "server/html.h"
#include "server/http_message.h"
#include "server/site.h"

namespace vekha::server {

class WebApp {
 public:
  explicit WebApp(SiteContext context);

  HttpResponse Handle(const HttpRequest& request);

 private:
  // One request of a signed-in person.
  struct Call {
    const HttpRequest& request;
    Principal principal;
    Fields query;
    std::vector<std::string> segments;  // the path's decoded components
    const Person& person() const { return *principal.person; }
  };

  HttpResponse Route(const Call& call);
  PageFrame FrameFor(const Call& call) const;
  HttpResponse Page(const Call& call, int status, std::string_view title, std::string_view body,
                    std::string notice = "", bool error = false) const;
  // Reads a POST's form (url-encoded, multipart or a JSON object); nullopt with `error` set when
  // malformed or when its text is not UTF-8. ParseForm only parses.
  static std::optional<FormData> ReadForm(const HttpRequest& request, std::string& error);
  static std::optional<FormData> ParseForm(const HttpRequest& request, std::string& error);

  // Signing in and out, e-mail links and invitations (access_pages.cc).
  HttpResponse SignInPage(const HttpRequest& request, int status, const std::string& error) const;
  // A page for someone not signed in: the site's name, no navigation; `error` as the notice.
  HttpResponse SignedOutPage(int status, std::string_view title, std::string_view body,
                             const std::string& error = "") const;
  HttpResponse SignIn(const HttpRequest& request);
  // On to `next` with the session's cookie, or the sign-in page saying why not (`refusal` for a
  // wrong token or link).
  HttpResponse SignInAnswer(const HttpRequest& request, const Status& status, SignInOutcome outcome,
                            const std::string& cookie, const std::string& next, std::string_view refusal) const;
  HttpResponse RequestSignInLink(const HttpRequest& request);
  HttpResponse SignInLinkPage(const HttpRequest& request) const;
  HttpResponse SignInWithLink(const HttpRequest& request);
  HttpResponse SignOut(const Call& call);
  HttpResponse PeoplePage(const Call& call, int status = 200, std::string notice = "", bool error = false);
  HttpResponse InviteForm(const Call& call, const FormData& form);

  // Task pages (task_pages.cc).
  HttpResponse MyTasksPage(const Call& call);
  HttpResponse ToConfirmPage(const Call& call);
  // `typed`: the fields of a refused submission, filled in again.
  HttpResponse TaskPage(const Call& call, const std::string& id, int status = 200, std::string notice = "",
                        bool error = false, const Fields* typed = nullptr);
  HttpResponse TaskAction(const Call& call, const std::string& id, Verb verb, const FormData& form);
  HttpResponse Evidence(const Call& call, const std::string& sha256);

  // «Обзор»: figures and charts of the person's view (dashboard_page.cc).
  HttpResponse DashboardPage(const Call& call);

  // Coordinators and auditors (overview_pages.cc).
  HttpResponse OverduePage(const Call& call);
  HttpResponse HistoryPage(const Call& call);
  HttpResponse HistoryCsv(const Call& call);
  HistoryFilter HistoryFilterOf(const Call& call) const;
  // The stored tasks the entries are about, by id (indicator subjects and vanished tasks left out).
  Result<std::map<std::string, TaskRecord>> TasksOf(const std::vector<AuditEntry>& entries);

  // Calendar feeds (calendar_pages.cc).
  HttpResponse CalendarPage(const Call& call);
  HttpResponse CalendarFeed(const std::string& person, const std::string& key);
  std::string FeedUrl(const std::string& person);

  // Events and indicators (monitoring_pages.cc). MonitoringApi answers /api/events and
  // /api/indicators: a listing, or with `form` a recording.
  HttpResponse EventsPage(const Call& call, int status = 200, std::string notice = "", bool error = false);
  HttpResponse RecordEventForm(const Call& call, const FormData& form);
  HttpResponse IndicatorsPage(const Call& call, int status = 200, std::string notice = "", bool error = false);
  HttpResponse RecordIndicatorForm(const Call& call, const FormData& form);
  HttpResponse MonitoringApi(const Call& call, std::string_view path, const FormData* form);

  // The JSON API (api.cc).
  HttpResponse Api(const Call& call, std::string_view path);
  HttpResponse ApiAction(const Call& call, const std::string& id, Verb verb, const FormData& form);

  Site site_;
  Authenticator authenticator_;
  EmailSignIn email_sign_in_;
};

}  // namespace vekha::server
