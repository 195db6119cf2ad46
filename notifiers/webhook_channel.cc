#include "notifiers/webhook_channel.h"

#include <fmt/format.h>

#include "engine/sha256.h"

namespace vekha::notifiers {

namespace {

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

SendResult WebhookChannel::Send(const Message& message) {
  std::string body = MessageJson(message);
  CurlEasy& curl = curl_;
  CurlHeaders headers;
  headers.Add("Content-Type: application/json; charset=utf-8");
  headers.Add("Idempotency-Key: " + message.outbox.idempotency_key);
  if (!options_.secret.empty()) headers.Add("X-Vekha-Signature: sha256=" + HmacSha256Hex(options_.secret, body));
  headers.Add("Expect:");  // no 100-continue round trip
  curl_easy_setopt(curl.get(), CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count() * 1000));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout.count() * 1000));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "vekha/0.1");
  if (std::string error = curl.Perform(); !error.empty()) return SendResult::Retry(error);
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return SendResult::Sent();
  std::string error = fmt::format("the webhook answered HTTP {}", status);
  if (status == 408 || status == 429 || status >= 500) {
    curl_off_t retry_after = 0;  // libcurl reads both forms of Retry-After: seconds and a date
    curl_easy_getinfo(curl.get(), CURLINFO_RETRY_AFTER, &retry_after);
    if (retry_after > 0) error += fmt::format(" (Retry-After: {} s)", retry_after);
    return SendResult::Retry(error, std::chrono::seconds{retry_after});
  }
  return SendResult::Failed(error);
}

}  // namespace vekha::notifiers
