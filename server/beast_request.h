// The one conversion from a request Boost.Beast has parsed to the HttpRequest the web application
// handles: method, target, headers with lower-case names, body and the client's address. Shared by
// the server and the HTTP fuzz target, so that both hand WebApp exactly the same thing.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop
#include <string>

#include "server/http_message.h"

namespace vekha::server {

HttpRequest FromBeast(boost::beast::http::request<boost::beast::http::string_body> request,
                      const std::string& remote_address);

}  // namespace vekha::server
