#include "server/html.h"

#include <fmt/format.h>

namespace vekha::server {

std::string CsrfField(const std::string& csrf) {
  return fmt::format(R"(<input type="hidden" name="csrf" value="{}">)", Escape(csrf));
}

std::string RenderPage(const PageFrame& frame, std::string_view title, std::string_view body) {
  std::string navigation;
  if (frame.person != nullptr) {
    navigation +=
        R"(<a href="/dashboard">Обзор</a> <a href="/my">Мои задачи</a> <a href="/confirm">На подтверждение</a> )";
    if (frame.coordinator) navigation += R"(<a href="/overdue">Просроченные</a> )";
    if (frame.events) navigation += R"(<a href="/events">События</a> )";
    if (frame.indicators) navigation += R"(<a href="/indicators">Показатели</a> )";
    if (frame.people) navigation += R"(<a href="/people">Люди</a> )";
    navigation += R"(<a href="/history">История</a> )";
    navigation += R"(<a href="/calendar">Календарь</a>)";
    navigation += fmt::format(
        R"(<span class="who">{}</span><form method="post" action="/sign-out" class="inline">{}<button>Выйти</button></form>)",
        Escape(frame.person->name), CsrfField(frame.csrf));
  }
  std::string notice;
  if (!frame.notice.empty()) {
    notice = fmt::format(R"(<p class="notice{}" role="status">{}</p>)", frame.notice_is_error ? " error" : "",
                         Escape(frame.notice));
  }
  return fmt::format(R"(<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} — {}</title>
<link rel="stylesheet" href="/static/vekha.css">
</head>
<body>
<header><span class="brand">Веха · {}</span><nav>{}</nav></header>
<main>
<h1>{}</h1>
{}{}
</main>
</body>
</html>
)",
                     Escape(title), Escape(frame.site_name), Escape(frame.site_name), navigation, Escape(title), notice,
                     body);
}

}  // namespace vekha::server
