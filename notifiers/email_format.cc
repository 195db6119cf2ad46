#include "notifiers/email_format.h"

#include <fmt/format.h>

#include <array>

#include "engine/clock.h"

namespace vekha::notifiers {

namespace {

// 39 bytes → 52 base64 characters + 12 of framing: a header line stays under 78 characters.
constexpr size_t kEncodedWordBytes = 39;
constexpr size_t kDisplayNameBytes = 45;

bool PrintableAscii(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return false;
  }
  return true;
}

// Whether `text` can stand as a display name without quoting.
bool PlainPhrase(std::string_view text) {
  return PrintableAscii(text) && text.find_first_of("\"(),.:;<>@[\\]") == std::string_view::npos;
}

bool ContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `text` as encoded words of at most `word_bytes` bytes each, never splitting a character.
std::string EncodeWords(std::string_view text, size_t word_bytes) {
  if (PrintableAscii(text)) return std::string(text);
  std::string encoded;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + word_bytes);
    while (end < text.size() && end > start && ContinuationByte(text[end])) --end;  // whole characters only
    if (!encoded.empty()) encoded += "\r\n ";
    encoded += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return encoded;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(chunk >> 18) & 63]);
    out.push_back(kAlphabet[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=');
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) { return EncodeWords(text, kEncodedWordBytes); }

std::string MailboxHeader(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  // A display name goes in one encoded word when it fits (45 bytes make 72 characters): some
  // readers put a space between the words of a phrase that was split.
  std::string phrase = PlainPhrase(name) ? std::string(name) : EncodeWords(name, kDisplayNameBytes);
  if (PrintableAscii(name) && !PlainPhrase(name)) {
    phrase = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') phrase.push_back('\\');
      phrase.push_back(c);
    }
    phrase += "\"";
  }
  return fmt::format("{} <{}>", phrase, address);
}

std::string Rfc5322Date(std::chrono::sys_seconds instant) {
  static constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto [day, time] = SplitInstant(instant);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kWeekdays[IsoWeekday(day) - 1], DayOf(day),
                     kMonths[MonthOf(day) - 1], YearOf(day), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

std::string ComposeEmail(const EmailContent& content) {
  std::string message;
  message += "Date: " + Rfc5322Date(content.date) + "\r\n";
  message += "Message-ID: <" + content.message_id + ">\r\n";
  message += "From: " + MailboxHeader(content.from_name, content.from_address) + "\r\n";
  message += "To: " + MailboxHeader(content.to_name, content.to_address) + "\r\n";
  message += "Subject: " + EncodeHeaderText(content.subject) + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: base64\r\n";
  message += "\r\n";
  std::string crlf_body;
  for (char c : content.body) {
    if (c == '\n') crlf_body.push_back('\r');
    crlf_body.push_back(c);
  }
  std::string body = Base64(crlf_body);
  for (size_t i = 0; i < body.size(); i += 76) message += body.substr(i, 76) + "\r\n";
  return message;
}

}  // namespace vekha::notifiers
