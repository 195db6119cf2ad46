// "host:port" as written in `http.listen` and `vekha run --listen`: an IPv4 address or a name,
// or an IPv6 address in brackets ("[::1]:8080"); port 0 lets the system choose. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vekha {

struct ListenAddress {
  std::string host;  // without brackets
  uint16_t port = 0;
};

std::optional<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace vekha
