// JsonBody: the text of a JSON answer. A client's bytes that are not UTF-8 and reach an answer (an
// id in a path, a file name in an error) become U+FFFD instead of an exception and a 500.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace vekha::server {

inline std::string JsonBody(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline std::string OrderedJsonBody(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace vekha::server
