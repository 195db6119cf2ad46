// HttpServer: HTTP/1.1 on Boost.Beast inside the daemon's event loop (one thread, no locks). Each
// request goes to the handler whole; limits guard the process and keep it fair: header size, body
// size (a larger request is answered 413 with a message, its body drained, then the connection
// closed), a short deadline for a request's headers and a longer one for its body (slow or idle
// clients are dropped), a cap on open connections and a smaller one per address (a trusted
// proxy's excepted). When every slot is taken, the connection that has waited longest for a
// request's headers — an idle keep-alive or a slow client — is closed to make room. The request's
// remote address is the client's: the X-Forwarded-For client behind a trusted proxy, else the
// peer. Stop() closes the acceptor and idle connections; a response being written finishes first.
// Parse errors are answered 400. Nothing throws out of its handlers.
#pragma once

#include "server/net.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "engine/listen_address.h"
#include "engine/status.h"
#include "engine/trusted_proxies.h"
#include "server/http_message.h"

namespace vekha::server {

struct HttpLimits {
  size_t header_bytes = 16 * 1024;
  uint64_t body_bytes = 8 * 1024 * 1024;
  std::chrono::seconds header_timeout{10};  // to receive a request's headers
  std::chrono::seconds read_timeout{30};    // to receive its body, and to write a response
  size_t max_connections = 256;
  size_t max_connections_per_address = 32;
  TrustedProxies trusted_proxies;
};

struct ServerState;  // http_server.cc

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // `io` must outlive the server; `handler` runs on its thread.
  HttpServer(boost::asio::io_context& io, Handler handler, HttpLimits limits);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting; the error names the address.
  Status Listen(const ListenAddress& address);
  // The port bound (the system's choice for port 0).
  uint16_t port() const;
  void Stop();

 private:
  std::shared_ptr<ServerState> state_;
};

}  // namespace vekha::server
