// RFC 5322 e-mail messages with UTF-8 text: header words encoded per RFC 2047 (base64, folded to
// lines of at most 76 characters), a plain-text body in base64, `Date` and `Message-ID`.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace vekha::notifiers {

std::string Base64(std::string_view bytes);

// `text` as it may stand in a header: unchanged when printable ASCII, otherwise as RFC 2047
// encoded words ("=?UTF-8?B?…?="), never splitting a UTF-8 character, joined by folding.
std::string EncodeHeaderText(std::string_view text);

// "Name <address>", the name encoded when it needs to be; the bare address when there is no name.
std::string MailboxHeader(std::string_view name, std::string_view address);

// "Tue, 22 Mar 2022 09:00:00 +0000".
std::string Rfc5322Date(std::chrono::sys_seconds instant);

struct EmailContent {
  std::string from_name;
  std::string from_address;
  std::string to_name;
  std::string to_address;
  std::string subject;
  std::string body;        // UTF-8 plain text, lines ending in \n
  std::string message_id;  // without the angle brackets
  std::chrono::sys_seconds date;
};

// The whole message, CRLF line endings, ready for SMTP DATA.
std::string ComposeEmail(const EmailContent& content);

}  // namespace vekha::notifiers
