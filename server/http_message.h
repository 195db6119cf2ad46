// The requests and responses the web application handles, kept free of Boost.Beast so pages and
// the API can be written and tested as plain functions; http_server.cc converts to and from Beast.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vekha::server {

struct HttpRequest {
  std::string method;                          // "GET", "POST", …
  std::string target;                          // path and query, as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;

  // A header's value, or "" when absent; `name` in lower case.
  std::string Header(const std::string& name) const;
  std::string_view Path() const;
  std::string_view Query() const;
  // The value of cookie `name`, or "".
  std::string Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static HttpResponse Html(int status, std::string body);
  static HttpResponse Json(int status, std::string body);
  // {"error": message}
  static HttpResponse JsonError(int status, const std::string& message);
  static HttpResponse Text(int status, std::string content_type, std::string body);
  // 303 See Other: after a form, the browser GETs `location`.
  static HttpResponse Redirect(std::string location);
  HttpResponse& With(std::string name, std::string value);
};

// Whether `value` may be written as a header's value: no control characters but the horizontal
// tab (RFC 9110 §5.5) — a CR or LF would end the header and let its writer add headers or a body.
bool IsSafeHeaderValue(std::string_view value);
// Whether `name` is a header name: a token of RFC 9110 §5.6.2.
bool IsHeaderName(std::string_view name);

// Where to send a browser after signing in: `next` when it is a path on this site — a single
// leading slash, no backslash, no control character or space (browsers drop some of them and read
// «/\t/evil.example» as «//evil.example», another site) — and "/" otherwise.
std::string LocalRedirectTarget(std::string_view next);

}  // namespace vekha::server
