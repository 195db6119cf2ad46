// The e-mail channel: each message as an RFC 5322 e-mail (ComposeEmail) over real SMTP with
// libcurl — STARTTLS required on smtp:// unless switched off, implicit TLS on smtps://, AUTH when
// a login is given. The Message-ID is derived from the idempotency key, so a message that had to
// be sent again is recognisable as the same one. A person without an address fails at once;
// network errors and 4xx replies are worth a retry; 5xx replies and refused logins fail.
#pragma once

#include <chrono>
#include <string>

#include "engine/clock.h"
#include "notifiers/channel.h"

namespace vekha::notifiers {

struct EmailOptions {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string from;
  std::string from_name;
  bool starttls = true;
  std::string user;  // empty: no AUTH
  std::string password;
  std::chrono::seconds timeout{30};
};

class EmailChannel final : public Channel {
 public:
  EmailChannel(EmailOptions options, const Clock& clock) : options_(std::move(options)), clock_(clock) {}
  std::string_view name() const override { return "email"; }
  bool reaches_people() const override { return true; }
  SendResult Send(const Message& message) override;

 private:
  EmailOptions options_;
  const Clock& clock_;
};

}  // namespace vekha::notifiers
