// A small blocking HTTP/1.1 client for tests (Boost.Beast): one request per connection, the
// response's status, headers and body. Also builds multipart/form-data bodies.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vekha::testing_support {

struct HttpReply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string Header(const std::string& name) const;
};

struct HttpCall {
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Sends `call` to 127.0.0.1:`port`; a failure to connect or read is status 0 and the error in body.
HttpReply SendHttp(int port, const HttpCall& call);
// Writes `bytes` as they are (a hostile client) and returns everything the server answers until it
// closes the connection (or 10 s pass).
std::string SendRawHttp(int port, const std::string& bytes);

// A multipart/form-data body: fields and files (field, file name, contents).
struct MultipartBody {
  std::string boundary = "vekha-test-boundary-7d1f";
  std::string text;
  void AddField(const std::string& name, const std::string& value);
  void AddFile(const std::string& name, const std::string& file_name, const std::string& contents);
  std::string Finish() const;  // the body with its closing delimiter
  std::string ContentType() const { return "multipart/form-data; boundary=" + boundary; }
};

}  // namespace vekha::testing_support
