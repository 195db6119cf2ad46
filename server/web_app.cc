#include "server/web_app.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/embedded_file.h"
#include "engine/text.h"
#include "reports/report_charts.h"

namespace vekha::server {

namespace {

// Splits "/a/b/c" into {"a", "b", "c"}.
std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    size_t slash = path.find('/');
    std::string decoded = PercentDecode(path.substr(0, slash), false).value_or("");
    segments.push_back(decoded);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return segments;
}

bool IsUtf8(std::string_view text) { return FirstInvalidUtf8(text) == std::string_view::npos; }

bool AllUtf8(const Fields& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const auto& field) { return IsUtf8(field.first) && IsUtf8(field.second); });
}

// Whether the text a request brings — its path's components and its query — is UTF-8: what is not
// must reach neither the store, nor the log, nor an answer.
bool AddressIsUtf8(const HttpRequest& request, const std::vector<std::string>& segments) {
  std::optional<Fields> query = ParseUrlEncoded(request.Query());
  return std::all_of(segments.begin(), segments.end(), IsUtf8) && (!query || AllUtf8(*query));
}

bool FormIsUtf8(const FormData& form) {
  return AllUtf8(form.fields) && std::all_of(form.files.begin(), form.files.end(), [](const UploadedFile& file) {
           return IsUtf8(file.field) && IsUtf8(file.file_name) && IsUtf8(file.content_type);
         });
}

HttpResponse Stylesheet() {
  for (const EmbeddedFile& file : EmbeddedWebAssets()) {
    if (file.name == "vekha.css") {
      return HttpResponse::Text(200, "text/css; charset=utf-8",
                                std::string(file.contents) + std::string(reports::ChartStyle()))
          .With("Cache-Control", "max-age=3600");
    }
  }
  return HttpResponse::Text(404, "text/plain; charset=utf-8", "no stylesheet");
}

}  // namespace

WebApp::WebApp(SiteContext context)
    : site_(context),
      authenticator_(context.deployment, context.access, context.clock),
      email_sign_in_(context.deployment, context.access, context.clock, context.mail, context.public_url) {}

HttpResponse WebApp::Handle(const HttpRequest& request) {
  std::vector<std::string> segments = Segments(request.Path());
  HttpResponse response;
  if (!AddressIsUtf8(request, segments)) {
    const char* text = "the address is not UTF-8 text";
    response = request.Path().starts_with("/api/")
                   ? HttpResponse::JsonError(400, text)
                   : HttpResponse::Text(400, "text/plain; charset=utf-8", "Адрес содержит текст не в кодировке UTF-8.");
  } else if (request.Path() == "/static/vekha.css") {
    response = Stylesheet();
  } else if (request.Path() == "/sign-in") {
    response = request.method == "POST" ? SignIn(request) : SignInPage(request, 200, "");
  } else if (request.Path() == "/sign-in/email" && request.method == "POST") {
    response = RequestSignInLink(request);
  } else if (request.Path() == "/sign-in/link") {
    response = request.method == "POST" ? SignInWithLink(request) : SignInLinkPage(request);
  } else if (segments.size() == 3 && segments[0] == "calendar" && request.method == "GET" &&
             segments[2].ends_with(".ics")) {
    response = CalendarFeed(segments[1], segments[2].substr(0, segments[2].size() - 4));
  } else {
    std::optional<Principal> principal;
    if (Status status = authenticator_.Identify(request, principal); !status.ok()) {
      spdlog::error("http: {}", status.message());
      response = HttpResponse::Text(500, "text/plain; charset=utf-8", "Внутренняя ошибка: " + status.message());
    } else if (!principal) {
      bool api = request.Path().starts_with("/api/");
      response = api ? HttpResponse::JsonError(401, "sign in: Authorization: Bearer <token>")
                     : HttpResponse::Redirect("/sign-in?next=" + PercentEncode(request.target));
    } else {
      Call call{request, *principal, ParseUrlEncoded(request.Query()).value_or(Fields{}), std::move(segments)};
      response = Route(call);
    }
  }
  // Pages are personal and must not be framed by other sites.
  response.With("X-Content-Type-Options", "nosniff")
      .With("X-Frame-Options", "DENY")
      .With("Referrer-Policy", "same-origin")
      .With("Content-Security-Policy", "default-src 'self'; form-action 'self'; frame-ancestors 'none'");
  bool cacheable = request.Path() == "/static/vekha.css";
  if (!cacheable) response.With("Cache-Control", "no-store");
  return response;
}

HttpResponse WebApp::Route(const Call& call) {
  const HttpRequest& request = call.request;
  std::string_view path = request.Path();
  const std::vector<std::string>& segments = call.segments;
  bool post = request.method == "POST";
  if (post) {
    std::string error;
    std::optional<FormData> form = ReadForm(request, error);
    std::string presented = request.Header("x-csrf-token");
    if (form && presented.empty()) presented = FieldValue(form->fields, "csrf");
    if (!Authenticator::CsrfValid(call.principal, presented)) {
      return path.starts_with("/api/") ? HttpResponse::JsonError(403, "missing or wrong CSRF token")
                                       : Page(call, 403, "Запрос отклонён",
                                              "<p>Форма устарела или отправлена не со страницы Вехи (нет верного "
                                              "CSRF-токена). Откройте страницу заново и повторите.</p>",
                                              "Запрос отклонён: неверный CSRF-токен.", true);
    }
    if (!form) {
      return path.starts_with("/api/") ? HttpResponse::JsonError(400, error)
                                       : Page(call, 400, "Ошибка формы", "", error, true);
    }
    if (path == "/sign-out") return SignOut(call);
    if (path == "/people/invite") return InviteForm(call, *form);
    if (path == "/events") return RecordEventForm(call, *form);
    if (path == "/indicators") return RecordIndicatorForm(call, *form);
    if (path == "/api/events" || path == "/api/indicators") return MonitoringApi(call, path, &*form);
    if (segments.size() == 4 && segments[0] == "api" && segments[1] == "tasks") {
      if (auto verb = ParseVerb(segments[3])) return ApiAction(call, segments[2], *verb, *form);
    }
    if (segments.size() == 3 && segments[0] == "tasks") {
      if (auto verb = ParseVerb(segments[2])) return TaskAction(call, segments[1], *verb, *form);
    }
    return HttpResponse::Text(405, "text/plain; charset=utf-8", "Метод не поддерживается для этого адреса");
  }
  if (request.method != "GET" && request.method != "HEAD") {
    return HttpResponse::Text(405, "text/plain; charset=utf-8", "Метод не поддерживается");
  }
  if (path == "/api/events" || path == "/api/indicators") return MonitoringApi(call, path, nullptr);
  if (path.starts_with("/api/")) return Api(call, path);
  if (path == "/") {
    const AccessPolicy& policy = site_.policy();
    bool overseer = policy.SeesEverything(call.person()) || policy.CoordinatesAny(call.person());
    return HttpResponse::Redirect(overseer ? "/dashboard" : "/my");
  }
  if (path == "/dashboard") return DashboardPage(call);
  if (path == "/my") return MyTasksPage(call);
  if (path == "/confirm") return ToConfirmPage(call);
  if (path == "/overdue") return OverduePage(call);
  if (path == "/history") return HistoryPage(call);
  if (path == "/history.csv") return HistoryCsv(call);
  if (path == "/calendar") return CalendarPage(call);
  if (path == "/people") return PeoplePage(call);
  if (path == "/events") return EventsPage(call);
  if (path == "/indicators") return IndicatorsPage(call);
  if (segments.size() == 2 && segments[0] == "tasks") return TaskPage(call, segments[1]);
  if (segments.size() == 2 && segments[0] == "evidence") return Evidence(call, segments[1]);
  return Page(call, 404, "Страница не найдена", "<p>Такой страницы нет. <a href=\"/\">На главную</a></p>");
}

PageFrame WebApp::FrameFor(const Call& call) const {
  PageFrame frame;
  frame.site_name = site_.deployment().settings.name;
  frame.person = call.principal.person;
  frame.csrf = call.principal.session ? call.principal.session->csrf : "";
  frame.coordinator = site_.policy().SeesEverything(call.person()) || site_.policy().CoordinatesAny(call.person());
  frame.events = !site_.deployment().events.empty();
  frame.indicators = !site_.deployment().indicators.empty();
  frame.people = site_.policy().CoordinatesAny(call.person());
  return frame;
}

HttpResponse WebApp::Page(const Call& call, int status, std::string_view title, std::string_view body,
                          std::string notice, bool error) const {
  PageFrame frame = FrameFor(call);
  frame.notice = std::move(notice);
  frame.notice_is_error = error;
  return HttpResponse::Html(status, RenderPage(frame, title, body));
}

std::optional<FormData> WebApp::ReadForm(const HttpRequest& request, std::string& error) {
  std::optional<FormData> form = ParseForm(request, error);
  if (form && !FormIsUtf8(*form)) {
    error = "Неверная форма: поля, имена файлов и их типы должны быть текстом в кодировке UTF-8";
    return std::nullopt;
  }
  return form;
}

std::optional<FormData> WebApp::ParseForm(const HttpRequest& request, std::string& error) {
  std::string content_type = request.Header("content-type");
  FormData form;
  if (std::string boundary = MultipartBoundary(content_type); !boundary.empty()) {
    if (Status status = ParseMultipart(request.body, boundary, form); !status.ok()) {
      error = "Неверная форма: " + status.message();
      return std::nullopt;
    }
    return form;
  }
  if (content_type.starts_with("application/json")) {
    // API clients may send the fields as one JSON object of strings.
    try {
      nlohmann::json json = nlohmann::json::parse(request.body.empty() ? "{}" : request.body);
      if (!json.is_object()) throw std::runtime_error("not an object");
      for (const auto& [key, value] : json.items()) {
        form.fields[key] = value.is_string() ? value.get<std::string>() : value.dump();
      }
      return form;
    } catch (const std::exception& parse_error) {
      error = fmt::format("Неверный JSON: {}", parse_error.what());
      return std::nullopt;
    }
  }
  std::optional<Fields> fields = ParseUrlEncoded(request.body);
  if (!fields) {
    error = "Неверная форма: испорченная %-последовательность";
    return std::nullopt;
  }
  form.fields = std::move(*fields);
  return form;
}

}  // namespace vekha::server
