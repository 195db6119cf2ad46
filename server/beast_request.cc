#include "server/beast_request.h"

#include <cctype>
#include <utility>

namespace vekha::server {

HttpRequest FromBeast(boost::beast::http::request<boost::beast::http::string_body> request,
                      const std::string& remote_address) {
  HttpRequest converted;
  converted.method = std::string(request.method_string());
  converted.target = std::string(request.target());
  for (const auto& field : request) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    converted.headers[name] = std::string(field.value());
  }
  converted.body = std::move(request.body());
  converted.remote_address = remote_address;
  return converted;
}

}  // namespace vekha::server
