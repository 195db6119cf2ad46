#include "notifiers/curl_easy.h"

#include <fmt/format.h>

#include <stdexcept>

namespace vekha::notifiers {

namespace {

void InitialiseCurlOnce() {
  static const bool kInitialised = [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl cannot initialise");
    return true;
  }();
  (void)kInitialised;
}

}  // namespace

CurlEasy::CurlEasy() {
  InitialiseCurlOnce();
  handle_ = curl_easy_init();
  if (handle_ == nullptr) throw std::runtime_error("libcurl cannot create a handle");
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: signals are the daemon's
}

CurlEasy::~CurlEasy() { curl_easy_cleanup(handle_); }

std::string CurlEasy::Perform() {
  error_[0] = '\0';
  CURLcode code = curl_easy_perform(handle_);
  if (code == CURLE_OK) return "";
  return error_[0] != '\0' ? fmt::format("{} ({})", curl_easy_strerror(code), error_) : curl_easy_strerror(code);
}

}  // namespace vekha::notifiers
