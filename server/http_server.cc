#include "server/http_server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop
#include <boost/range/iterator_range.hpp>
#include <optional>
#include <vector>

#include "server/beast_request.h"

namespace vekha::server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kLingerTime{5};
constexpr uint64_t kLingerBytes = 256ULL << 20;  // drained from a refused request at most
constexpr std::chrono::seconds kRefusalLogInterval{10};

}  // namespace

class Connection;

struct ServerState {
  ServerState(asio::io_context& context, HttpServer::Handler request_handler, HttpLimits request_limits)
      : io(context), acceptor(context), handler(std::move(request_handler)), limits(request_limits) {}
  asio::io_context& io;
  tcp::acceptor acceptor;
  HttpServer::Handler handler;
  HttpLimits limits;
  bool stopping = false;
  std::vector<std::weak_ptr<Connection>> connections;
  // Refusals are logged at most once per kRefusalLogInterval, with how many there were: a flood
  // of connections must not become a flood of log lines.
  std::chrono::steady_clock::time_point last_refusal_logged;
  size_t refusals_unlogged = 0;

  void Refused(const std::string& why) {
    ++refusals_unlogged;
    auto now = std::chrono::steady_clock::now();
    if (now - last_refusal_logged < kRefusalLogInterval) return;
    spdlog::warn("http: refused {} connection(s); the latest: {}", refusals_unlogged, why);
    refusals_unlogged = 0;
    last_refusal_logged = now;
  }
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::string peer, std::shared_ptr<ServerState> state)
      : stream_(std::move(socket)), state_(std::move(state)), peer_(std::move(peer)), address_(peer_) {}

  void Start() { Read(); }
  bool idle() const { return idle_; }
  const std::string& peer() const { return peer_; }
  // Waiting for a request's headers since this instant: nothing of a request is being handled.
  std::optional<std::chrono::steady_clock::time_point> awaiting_headers_since() const {
    return idle_ ? std::optional(idle_since_) : std::nullopt;
  }
  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

 private:
  void Read() {
    if (state_->stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_->limits.header_bytes));
    parser_->body_limit(state_->limits.body_bytes);
    idle_ = true;
    idle_since_ = std::chrono::steady_clock::now();
    stream_.expires_after(state_->limits.header_timeout);
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, size_t) {
      if (error) return self->OnRead(error);
      // The headers came in time: a request is under way (Stop() lets it finish), and its body has
      // the longer deadline.
      self->idle_ = false;
      self->stream_.expires_after(self->state_->limits.read_timeout);
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](beast::error_code body_error, size_t) { self->OnRead(body_error); });
    });
  }

  void OnRead(beast::error_code error) {
    idle_ = false;
    if (error == http::error::end_of_stream || error == asio::error::operation_aborted ||
        error == beast::error::timeout || error == asio::error::eof || error == asio::error::connection_reset) {
      return Close();
    }
    if (error == http::error::body_limit) {
      return Refuse(413, fmt::format("Запрос слишком большой: допускается не более {} МБ. Ничего не сохранено.",
                                     state_->limits.body_bytes >> 20));
    }
    if (error == http::error::header_limit) return Refuse(431, "Заголовки запроса слишком велики.");
    if (error) return Refuse(400, fmt::format("Неверный HTTP-запрос: {}.", error.message()));

    http::request<http::string_body> request = parser_->release();
    bool keep_alive = request.keep_alive();
    // Several X-Forwarded-For lines are one list, in order (RFC 9110 §5.3).
    std::string forwarded_for;
    for (const auto& field : boost::make_iterator_range(request.equal_range("X-Forwarded-For"))) {
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for.append(field.value().data(), field.value().size());
    }
    address_ = state_->limits.trusted_proxies.ClientOf(peer_, forwarded_for);
    HttpRequest converted = FromBeast(std::move(request), address_);
    HttpResponse response;
    try {
      response = state_->handler(converted);
    } catch (const std::exception& failure) {
      spdlog::error("http: {} {}: {}", converted.method, converted.target, failure.what());
      response = HttpResponse::Text(500, "text/plain; charset=utf-8", "Внутренняя ошибка сервера.");
    }
    spdlog::debug("http: {} {} {} → {}", address_, converted.method, converted.target, response.status);
    Write(std::move(response), keep_alive && !state_->stopping, /*linger=*/false, converted.method == "HEAD");
  }

  // Answers and closes, reading what the client still sends so it gets to read the answer.
  void Refuse(int status, std::string text) {
    spdlog::warn("http: {}: refused with {}: {}", address_, status, text);
    Write(HttpResponse::Text(status, "text/plain; charset=utf-8", std::move(text)), false, /*linger=*/true, false);
  }

  void Write(HttpResponse response, bool keep_alive, bool linger, bool head) {
    // Every header any page or API call writes passes here: one with a control character would
    // let its value split the response (another header, another body) — answer 500 instead.
    for (const auto& [name, value] : response.headers) {
      if (IsHeaderName(name) && IsSafeHeaderValue(value)) continue;
      spdlog::error("http: {}: refused to write the header «{}»: a control character in it", address_, name);
      response = HttpResponse::Text(500, "text/plain; charset=utf-8", "Внутренняя ошибка сервера.");
      break;
    }
    auto message = std::make_shared<http::response<http::string_body>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    message->set(http::field::server, "Vekha");
    for (auto& [name, value] : response.headers) message->insert(name, value);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    if (head) message->body().clear();
    stream_.expires_after(state_->limits.read_timeout);
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message, keep_alive, linger](beast::error_code error, size_t) {
                        if (error) return self->Close();
                        if (linger) return self->Linger();
                        if (keep_alive) return self->Read();
                        self->Close();
                      });
  }

  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(discard_), [self = shared_from_this()](beast::error_code error, size_t bytes) {
      self->drained_ += bytes;
      if (error || self->drained_ > kLingerBytes) return self->Close();
      self->Drain();
    });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<ServerState> state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string peer_;     // the address the connection comes from
  std::string address_;  // the client's, as of the latest request
  bool idle_ = true;     // waiting for a request's headers: nothing of a request is being handled
  std::chrono::steady_clock::time_point idle_since_;
  std::array<char, 64 * 1024> discard_{};
  uint64_t drained_ = 0;
};

namespace {

// Whether a connection from `peer` may open now, closing the longest-waiting idle one when every
// slot is taken.
bool MakeRoom(ServerState& state, const std::string& peer) {
  std::erase_if(state.connections, [](const std::weak_ptr<Connection>& connection) { return connection.expired(); });
  if (!state.limits.trusted_proxies.Contains(peer)) {
    size_t from_peer = 0;
    for (const std::weak_ptr<Connection>& weak : state.connections) {
      if (std::shared_ptr<Connection> connection = weak.lock(); connection && connection->peer() == peer) ++from_peer;
    }
    if (from_peer >= state.limits.max_connections_per_address) {
      state.Refused(fmt::format("{} holds {} connections already", peer, from_peer));
      return false;
    }
  }
  if (state.connections.size() < state.limits.max_connections) return true;
  std::shared_ptr<Connection> longest_waiting;
  for (const std::weak_ptr<Connection>& weak : state.connections) {
    std::shared_ptr<Connection> connection = weak.lock();
    if (!connection || !connection->awaiting_headers_since()) continue;
    if (!longest_waiting || *connection->awaiting_headers_since() < *longest_waiting->awaiting_headers_since()) {
      longest_waiting = connection;
    }
  }
  if (!longest_waiting) {
    state.Refused(fmt::format("{} connections open, each busy with a request", state.connections.size()));
    return false;
  }
  longest_waiting->Close();
  std::erase_if(state.connections,
                [&](const std::weak_ptr<Connection>& connection) { return connection.lock() == longest_waiting; });
  return true;
}

void Accept(const std::shared_ptr<ServerState>& state) {
  state->acceptor.async_accept([state](beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || state->stopping) return;
    if (error) {
      spdlog::warn("http: accept: {}", error.message());
    } else {
      beast::error_code unknown;
      tcp::endpoint remote = socket.remote_endpoint(unknown);
      std::string peer = unknown ? "unknown" : remote.address().to_string();
      if (MakeRoom(*state, peer)) {
        auto connection = std::make_shared<Connection>(std::move(socket), std::move(peer), state);
        state->connections.push_back(connection);
        connection->Start();
      } else {
        beast::error_code ignored;
        socket.close(ignored);
      }
    }
    Accept(state);
  });
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, Handler handler, HttpLimits limits)
    : state_(std::make_shared<ServerState>(io, std::move(handler), limits)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Listen(const ListenAddress& address) {
  try {
    tcp::resolver resolver(state_->io);
    auto endpoints = resolver.resolve(address.host, std::to_string(address.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service);
    tcp::endpoint endpoint = endpoints.begin()->endpoint();
    state_->acceptor.open(endpoint.protocol());
    state_->acceptor.set_option(asio::socket_base::reuse_address(true));
    state_->acceptor.bind(endpoint);
    state_->acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& error) {
    return Status::Error(
        fmt::format("не удалось принимать соединения на {}:{}: {}", address.host, address.port, error.what()));
  }
  Accept(state_);
  return Status::Ok();
}

uint16_t HttpServer::port() const {
  beast::error_code error;
  tcp::endpoint endpoint = state_->acceptor.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

void HttpServer::Stop() {
  if (state_->stopping) return;
  state_->stopping = true;
  beast::error_code ignored;
  state_->acceptor.close(ignored);
  for (const std::weak_ptr<Connection>& weak : state_->connections) {
    if (std::shared_ptr<Connection> connection = weak.lock(); connection && connection->idle()) connection->Close();
  }
}

}  // namespace vekha::server
