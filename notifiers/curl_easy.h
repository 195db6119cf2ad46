// CurlEasy: one libcurl easy handle (RAII), with libcurl's global initialisation done once per
// process. The webhook and e-mail channels build on it. Not thread-safe: one handle per thread.
#pragma once

#include <curl/curl.h>

#include <string>

namespace vekha::notifiers {

class CurlEasy {
 public:
  CurlEasy();
  ~CurlEasy();
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  CURL* get() const { return handle_; }
  // Performs the transfer; "" on success, else libcurl's message with its details.
  std::string Perform();

 private:
  CURL* handle_;
  char error_[CURL_ERROR_SIZE] = {};
};

// A curl_slist of header lines, freed with it.
class CurlHeaders {
 public:
  CurlHeaders() = default;
  ~CurlHeaders() { curl_slist_free_all(list_); }
  CurlHeaders(const CurlHeaders&) = delete;
  CurlHeaders& operator=(const CurlHeaders&) = delete;
  void Add(const std::string& line) { list_ = curl_slist_append(list_, line.c_str()); }
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace vekha::notifiers
