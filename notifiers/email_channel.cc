#include "notifiers/email_channel.h"

#include <fmt/format.h>

#include <cstring>

#include "engine/sha256.h"
#include "notifiers/curl_easy.h"
#include "notifiers/email_format.h"

namespace vekha::notifiers {

namespace {

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t length = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, length);
  upload->offset += length;
  return length;
}

// The domain part of the sender's address, for Message-IDs.
std::string DomainOf(const std::string& address) {
  size_t at = address.rfind('@');
  return at == std::string::npos ? "vekha.invalid" : address.substr(at + 1);
}

}  // namespace

SendResult EmailChannel::Send(const Message& message) {
  if (message.recipient_email.empty()) {
    return SendResult::Failed(fmt::format("{} has no e-mail address", message.outbox.recipient));
  }
  EmailContent content;
  content.from_name = options_.from_name;
  content.from_address = options_.from;
  content.to_name = message.recipient_name;
  content.to_address = message.recipient_email;
  content.subject = message.subject;
  content.body = message.body;
  content.message_id =
      fmt::format("{}@{}", Sha256Hex(message.outbox.idempotency_key).substr(0, 32), DomainOf(options_.from));
  content.date = clock_.Now();
  std::string text = ComposeEmail(content);
  Upload upload{text};

  CurlEasy curl;
  CurlHeaders recipients;
  recipients.Add("<" + message.recipient_email + ">");
  std::string mail_from = "<" + options_.from + ">";
  curl_easy_setopt(curl.get(), CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL,
                   static_cast<long>(options_.starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count() * 1000));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout.count() * 1000));
  if (!options_.user.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, options_.password.c_str());
  }
  std::string error = curl.Perform();
  if (error.empty()) return SendResult::Sent();
  long reply = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply);
  std::string why = reply != 0 ? fmt::format("SMTP {}: {}", reply, error) : error;
  if (reply >= 500 || error.find("Login denied") != std::string::npos) return SendResult::Failed(why);
  return SendResult::Retry(why);
}

}  // namespace vekha::notifiers
