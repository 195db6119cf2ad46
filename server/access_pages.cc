// Signing in and out — with a token, or with a link sent by e-mail — and the coordinators' «Люди»
// page, where they invite the people of their roadmaps.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "engine/russian_count.h"
#include "server/web_app.h"

namespace vekha::server {

namespace {

// An address as people type one: something@domain, with no spaces or line breaks, at most 254 bytes.
bool LooksLikeEmail(std::string_view text) {
  size_t at = text.find('@');
  return !text.empty() && text.size() <= 254 && at != 0 && at != std::string_view::npos && at + 1 < text.size() &&
         text.find('@', at + 1) == std::string_view::npos &&
         text.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
}

HttpResponse RetryLater(HttpResponse response, std::chrono::seconds after) {
  return std::move(response.With("Retry-After", std::to_string(after.count())));
}

}  // namespace

HttpResponse WebApp::SignInPage(const HttpRequest& request, int status, const std::string& error) const {
  Fields query = ParseUrlEncoded(request.Query()).value_or(Fields{});
  std::string next = FieldValue(query, "next", "/");
  std::string body;
  if (email_sign_in_.available()) {
    body += R"(<form method="post" action="/sign-in/email" class="card" id="email-form">
<h2>Вход по ссылке из письма</h2>
<p>Укажите адрес электронной почты, который знает координатор: на него придёт ссылка для входа.</p>
<label for="email">Электронная почта</label>
<input type="email" id="email" name="email" autocomplete="email" size="40" required>
<p><button type="submit" id="send-link">Прислать ссылку</button></p>
</form>
)";
  }
  body += fmt::format(R"(<form method="post" action="/sign-in" class="card" id="token-form">
<h2>Вход по ключу доступа</h2>
<p>Введите ключ доступа, который выдал вам координатор (команда <code>vekha token issue</code>).</p>
<label for="token">Ключ доступа</label>
<input type="password" id="token" name="token" autocomplete="current-password" size="60" required>
<input type="hidden" name="next" value="{}">
<p><button type="submit" id="sign-in">Войти</button></p>
</form>)",
                      Escape(next));
  return SignedOutPage(status, "Вход", body, error);
}

HttpResponse WebApp::SignedOutPage(int status, std::string_view title, std::string_view body,
                                   const std::string& error) const {
  PageFrame frame;
  frame.site_name = site_.deployment().settings.name;
  frame.notice = error;
  frame.notice_is_error = !error.empty();
  return HttpResponse::Html(status, RenderPage(frame, title, body));
}

HttpResponse WebApp::SignIn(const HttpRequest& request) {
  std::string error;
  std::optional<FormData> form = ReadForm(request, error);
  if (!form) return SignInPage(request, 400, error);
  SignInOutcome outcome = SignInOutcome::kWrongToken;
  std::string cookie;
  Status status = authenticator_.SignIn(FieldValue(form->fields, "token"), request.remote_address, outcome, cookie);
  return SignInAnswer(request, status, outcome, cookie, FieldValue(form->fields, "next", "/"),
                      "Ключ доступа не подошёл: проверьте его или попросите новый у координатора.");
}

HttpResponse WebApp::SignInAnswer(const HttpRequest& request, const Status& status, SignInOutcome outcome,
                                  const std::string& cookie, const std::string& next, std::string_view refusal) const {
  if (!status.ok()) {
    spdlog::error("http: sign-in: {}", status.message());
    return SignInPage(request, 500, "Внутренняя ошибка: " + status.message());
  }
  if (outcome == SignInOutcome::kThrottled) {
    return RetryLater(
        SignInPage(request, 429,
                   fmt::format("Слишком много неудачных попыток входа с вашего адреса. Подождите {} минут.",
                               kFailureWindow.count())),
        kFailureWindow);
  }
  if (outcome == SignInOutcome::kWrongToken) {
    spdlog::warn("http: failed sign-in from {}", request.remote_address);
    return SignInPage(request, 401, std::string(refusal));
  }
  // Only a local path: never send the browser to another site, nor let `next` add headers.
  return HttpResponse::Redirect(LocalRedirectTarget(next)).With("Set-Cookie", cookie);
}

HttpResponse WebApp::RequestSignInLink(const HttpRequest& request) {
  if (!email_sign_in_.available()) {
    return SignInPage(request, 503, "Вход по почте здесь не настроен: войдите по ключу доступа.");
  }
  std::string error;
  std::optional<FormData> form = ReadForm(request, error);
  if (!form) return SignInPage(request, 400, error);
  std::string email(Trim(FieldValue(form->fields, "email")));
  if (!LooksLikeEmail(email)) {
    return SignInPage(request, 400,
                      "Это не похоже на адрес электронной почты: нужен адрес вида ivanova@school.ru, без пробелов.");
  }
  LinkRequestOutcome outcome = LinkRequestOutcome::kTaken;
  if (Status status = email_sign_in_.Request(email, request.remote_address, outcome); !status.ok()) {
    spdlog::error("http: sign-in link: {}", status.message());
    return SignInPage(request, status.meaning().http_status, "Не удалось отправить ссылку: " + status.message());
  }
  if (outcome == LinkRequestOutcome::kThrottled) {
    return RetryLater(SignInPage(request, 429,
                                 "Ссылку для входа с этого адреса или на эту почту уже запрашивали несколько раз за "
                                 "последний час. Проверьте почту (и папку «Спам») или попробуйте через час."),
                      kLinkRequestWindow);
  }
  // The same answer whether the address is someone's or not.
  std::string body = fmt::format(R"(<div class="card" id="link-sent">
<p>Если адрес <strong>{}</strong> указан у кого-то из участников, на него отправлено письмо со ссылкой для входа.
Ссылка действует {} и открывает вход один раз.</p>
<p>Письма нет через несколько минут? Проверьте папку «Спам» и правильность адреса; если адрес не тот, который знает
координатор, попросите его указать ваш адрес. <a href="/sign-in">Вернуться ко входу</a></p>
</div>)",
                                 Escape(email), CountOf(kSignInLinkLifetime.count(), nouns::kMinutes));
  return SignedOutPage(200, "Проверьте почту", body);
}

HttpResponse WebApp::SignInLinkPage(const HttpRequest& request) const {
  Fields query = ParseUrlEncoded(request.Query()).value_or(Fields{});
  std::string code = FieldValue(query, "code");
  if (code.empty()) return SignInPage(request, 400, "В ссылке нет кода входа: откройте ссылку из письма целиком.");
  // Opening the link only shows a button: mail scanners fetch links, and must not use them up.
  std::string body = fmt::format(R"(<form method="post" action="/sign-in/link" class="card" id="link-form">
<p>Нажмите «Войти», чтобы открыть свои страницы. Ссылка из письма открывает вход один раз.</p>
<input type="hidden" name="code" value="{}">
<p><button type="submit" id="use-link">Войти</button></p>
</form>)",
                                 Escape(code));
  return SignedOutPage(200, "Вход по ссылке", body);
}

HttpResponse WebApp::SignInWithLink(const HttpRequest& request) {
  std::string error;
  std::optional<FormData> form = ReadForm(request, error);
  if (!form) return SignInPage(request, 400, error);
  SignInOutcome outcome = SignInOutcome::kWrongToken;
  std::string cookie;
  Status status =
      authenticator_.SignInWithLink(FieldValue(form->fields, "code"), request.remote_address, outcome, cookie);
  return SignInAnswer(request, status, outcome, cookie, "/",
                      "Ссылка не подошла: она уже открывала вход или её срок истёк. Запросите новую ниже.");
}

HttpResponse WebApp::SignOut(const Call& call) {
  std::string cookie;
  if (Status status = authenticator_.SignOut(call.principal, cookie); !status.ok()) {
    spdlog::error("http: sign-out: {}", status.message());
  }
  return HttpResponse::Redirect("/sign-in").With("Set-Cookie", cookie);
}

HttpResponse WebApp::PeoplePage(const Call& call, int status, std::string notice, bool error) {
  if (!site_.policy().CoordinatesAny(call.person())) {
    return Page(call, 403, "Люди", "<p>Приглашать людей может координатор дорожной карты.</p>",
                "Эта страница — для координаторов.", true);
  }
  std::map<std::string, SignInLink> links;
  if (Status problem = site_.access().LatestSignInLinks(links); !problem.ok()) {
    return Page(call, problem.meaning().http_status, "Люди", "", problem.message(), true);
  }
  const Deployment& deployment = site_.deployment();
  std::string csrf = call.principal.session ? call.principal.session->csrf : "";
  std::string rows;
  for (const Person* person : site_.policy().InvitablePeople(call.person())) {
    std::string roles;
    for (const RoleAssignment& role : person->roles) {
      auto title = deployment.roles.find(role.role);
      if (!roles.empty()) roles += "; ";
      roles += fmt::format("{}, {}", title != deployment.roles.end() ? title->second : role.role,
                           site_.OrganisationName(role.at));
    }
    std::string state = R"(<span class="muted">не приглашали</span>)";
    if (auto link = links.find(person->id); link != links.end()) {
      std::string zone = deployment.settings.time_zone;
      auto local = [&](const std::string& instant) {
        std::optional<Clock::TimePoint> at = ParseInstant(instant);
        return at ? FormatLocalTime(*at, zone) : instant;
      };
      const SignInLink& latest = link->second;
      state = !latest.used_at.empty()     ? fmt::format("вошёл по ссылке {}", local(latest.used_at))
              : latest.invited_by.empty() ? fmt::format("сам запросил ссылку {}", local(latest.created_at))
                                          : fmt::format("приглашение отправлено {} ({})", local(latest.created_at),
                                                        Escape(site_.PersonName(latest.invited_by)));
    }
    std::string action = R"(<span class="muted">нет адреса почты</span>)";
    if (!person->email.empty() && email_sign_in_.available()) {
      action =
          fmt::format(R"(<form method="post" action="/people/invite">{}<input type="hidden" name="person" value="{}">
<button type="submit" id="invite-{}">Пригласить</button></form>)",
                      CsrfField(csrf), Escape(person->id), Escape(person->id));
    }
    rows += fmt::format(
        R"(<tr id="person-{}"><td>{}</td><td data-label="Роли">{}</td><td data-label="Почта">{}</td><td data-label="Вход">{}</td><td>{}</td></tr>
)",
        Escape(person->id), Escape(person->name), Escape(roles), Escape(person->email), state, action);
  }
  std::string body =
      email_sign_in_.available()
          ? fmt::format(
                "<p>Участники ваших дорожных карт. Приглашение — письмо со ссылкой для входа; она действует {} "
                "и открывает вход один раз. Потом человек входит сам: на странице входа указывает свою почту "
                "и получает новую ссылку.</p>",
                CountOf(std::chrono::duration_cast<std::chrono::days>(kInvitationLifetime).count(), nouns::kDays))
          : "<p>Отправка писем не настроена (<code>notifications: email:</code> в <code>vekha.yaml</code>), поэтому "
            "пригласить по почте нельзя: выдайте ключ доступа командой <code>vekha token issue</code>.</p>";
  body += fmt::format(
      R"(<table id="people"><thead><tr><th>Кто</th><th>Роли</th><th>Почта</th><th>Вход</th><th></th></tr></thead>
<tbody>{}</tbody></table>)",
      rows.empty() ? R"(<tr><td colspan="5">В ваших дорожных картах пока никто не назван.</td></tr>)" : rows);
  return Page(call, status, "Люди", body, std::move(notice), error);
}

HttpResponse WebApp::InviteForm(const Call& call, const FormData& form) {
  std::string id = FieldValue(form.fields, "person");
  const std::vector<const Person*> invitable = site_.policy().InvitablePeople(call.person());
  auto found = std::find_if(invitable.begin(), invitable.end(), [&](const Person* person) { return person->id == id; });
  if (found == invitable.end()) {
    return PeoplePage(call, 403, "Пригласить можно только участников ваших дорожных карт.", true);
  }
  if (Status status = email_sign_in_.Invite(call.person(), **found); !status.ok()) {
    return PeoplePage(call, status.meaning().http_status, status.message(), true);
  }
  return PeoplePage(call, 200, fmt::format("Приглашение отправлено: {}, {}.", (*found)->name, (*found)->email));
}

}  // namespace vekha::server
