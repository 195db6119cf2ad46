// The webhook channel: each message POSTed as JSON (MessageJson) to one URL, over TLS when the
// URL is https (certificates verified), with an `Idempotency-Key` header (the outbox key: a
// receiver that saw it already can drop a retry) and, when a secret is set, an
// `X-Vekha-Signature: sha256=<HMAC-SHA256 of the body, hex>` header. 2xx is sent; 408, 429, 5xx
// and network errors are worth a retry (not before the answer's Retry-After); other statuses
// fail. One libcurl handle serves every message, so its connection is kept alive between them
// (one delivery batch: one connection).
#pragma once

#include <chrono>
#include <string>

#include "notifiers/channel.h"
#include "notifiers/curl_easy.h"

namespace vekha::notifiers {

struct WebhookOptions {
  std::string url;
  std::string secret;  // empty: unsigned
  std::chrono::seconds timeout{10};
};

class WebhookChannel final : public Channel {
 public:
  explicit WebhookChannel(WebhookOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "webhook"; }
  bool reaches_people() const override { return true; }
  SendResult Send(const Message& message) override;

 private:
  WebhookOptions options_;
  CurlEasy curl_;  // kept between messages: libcurl reuses its connection
};

}  // namespace vekha::notifiers
