// The web server's settings (vekha.yaml `http:`): where it listens, how people reach it, how long
// a sign-in lasts, how many connections one address may hold, which proxies are trusted. Filled by
// the loader, read by server/ and the daemon.
#pragma once

#include <chrono>
#include <string>

#include "engine/trusted_proxies.h"

namespace vekha {

// The web pages and JSON API inside `vekha run` (server/). No `listen`: no server.
struct HttpSettings {
  std::string listen;                     // "host:port" to accept connections on
  std::string public_url;                 // how people reach it ("https://vekha.example.ru"); empty: http://<listen>
  std::chrono::minutes session{12 * 60};  // how long a sign-in lasts
  // Connections one address may hold open at once (a trusted proxy's are not counted).
  int max_connections_per_address = 32;
  TrustedProxies trusted_proxies;  // peers whose X-Forwarded-For names the client

  // Where people reach the server: public_url, else http://<listen>; empty without either.
  std::string BaseUrl() const { return !public_url.empty() ? public_url : listen.empty() ? "" : "http://" + listen; }
};

}  // namespace vekha
