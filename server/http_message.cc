#include "server/http_message.h"

#include <algorithm>
#include <cctype>

#include "server/json_body.h"

namespace vekha::server {

std::string HttpRequest::Header(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

std::string_view HttpRequest::Path() const {
  std::string_view view = target;
  return view.substr(0, view.find('?'));
}

std::string_view HttpRequest::Query() const {
  std::string_view view = target;
  size_t question = view.find('?');
  return question == std::string_view::npos ? std::string_view() : view.substr(question + 1);
}

std::string HttpRequest::Cookie(std::string_view name) const {
  std::string header = Header("cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t semicolon = rest.find(';');
    std::string_view pair = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
  }
  return "";
}

HttpResponse HttpResponse::Text(int status, std::string content_type, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", std::move(content_type));
  return response;
}

HttpResponse HttpResponse::Html(int status, std::string body) {
  return Text(status, "text/html; charset=utf-8", std::move(body));
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  return Text(status, "application/json; charset=utf-8", std::move(body));
}

HttpResponse HttpResponse::JsonError(int status, const std::string& message) {
  return Json(status, JsonBody({{"error", message}}));
}

HttpResponse HttpResponse::Redirect(std::string location) {
  HttpResponse response;
  response.status = 303;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

HttpResponse& HttpResponse::With(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

bool IsSafeHeaderValue(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7F;
  });
}

bool IsHeaderName(std::string_view name) {
  static constexpr std::string_view kTokenPunctuation = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kTokenPunctuation.find(c) != std::string_view::npos;
  });
}

std::string LocalRedirectTarget(std::string_view next) {
  bool local =
      next.starts_with('/') && !next.starts_with("//") && next.find('\\') == std::string_view::npos &&
      std::none_of(next.begin(), next.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; });
  return local ? std::string(next) : "/";
}

}  // namespace vekha::server
