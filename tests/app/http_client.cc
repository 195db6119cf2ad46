#include "tests/app/http_client.h"

#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop

#include <cctype>

namespace vekha::testing_support {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::string HttpReply::Header(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

HttpReply SendHttp(int port, const HttpCall& call) {
  HttpReply reply;
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(60));
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    http::request<http::string_body> request(http::string_to_verb(call.method), call.target, 11);
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : call.headers) request.set(name, value);
    request.body() = call.body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256ULL << 20);
    http::read(stream, buffer, parser);
    const auto& response = parser.get();
    reply.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers.emplace(name, std::string(field.value()));
    }
    reply.body = response.body();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  } catch (const std::exception& error) {
    reply.status = 0;
    reply.body = error.what();
  }
  return reply;
}

std::string SendRawHttp(int port, const std::string& bytes) {
  std::string answer;
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    asio::write(stream, asio::buffer(bytes));
    char chunk[4096];
    for (;;) {
      beast::error_code error;
      size_t read = stream.read_some(asio::buffer(chunk), error);
      answer.append(chunk, read);
      if (error) break;  // closed by the server (or the time is up)
    }
  } catch (const std::exception& error) {
    answer += error.what();
  }
  return answer;
}

void MultipartBody::AddField(const std::string& name, const std::string& value) {
  text += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

void MultipartBody::AddFile(const std::string& name, const std::string& file_name, const std::string& contents) {
  text += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file_name +
          "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + contents + "\r\n";
}

std::string MultipartBody::Finish() const { return text + "--" + boundary + "--\r\n"; }

}  // namespace vekha::testing_support
