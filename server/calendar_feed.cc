#include "server/calendar_feed.h"

#include <fmt/format.h>

#include "engine/sha256.h"

namespace vekha::server {

namespace {

constexpr size_t kLineOctets = 75;

std::string EscapeText(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '\\':
        escaped += "\\\\";
        break;
      case ';':
        escaped += "\\;";
        break;
      case ',':
        escaped += "\\,";
        break;
      case '\n':
        escaped += "\\n";
        break;
      case '\r':
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// Appends one content line, folded (CRLF and a space) before 75 octets, never inside a UTF-8
// sequence.
void AppendLine(std::string& out, const std::string& line) {
  size_t written = 0;
  size_t limit = kLineOctets;
  while (line.size() - written > limit) {
    size_t cut = written + limit;
    while (cut > written && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, written, cut - written);
    out += "\r\n ";
    written = cut;
    limit = kLineOctets - 1;  // the leading space counts
  }
  out.append(line, written, std::string::npos);
  out += "\r\n";
}

std::string DateValue(const Date& date) {
  return fmt::format("{:04}{:02}{:02}", YearOf(date), MonthOf(date), DayOf(date));
}

std::string StatusOf(TaskStatus status) {
  switch (status) {
    case TaskStatus::kSubmitted:
      return "IN-PROCESS";
    case TaskStatus::kConfirmed:
    case TaskStatus::kDone:
    case TaskStatus::kWaived:
      return "COMPLETED";
    case TaskStatus::kCancelled:
    case TaskStatus::kUntracked:
      return "CANCELLED";
    default:
      return "NEEDS-ACTION";
  }
}

}  // namespace

std::string RenderCalendar(const std::string& calendar_name, const std::vector<CalendarEntry>& entries,
                           Clock::TimePoint now) {
  std::string stamp = FormatInstant(now);  // 2026-11-22T10:00:00Z → 20261122T100000Z
  std::erase(stamp, '-');
  std::erase(stamp, ':');
  std::string out;
  AppendLine(out, "BEGIN:VCALENDAR");
  AppendLine(out, "VERSION:2.0");
  AppendLine(out, "PRODID:-//Vekha//Vekha roadmaps//RU");
  AppendLine(out, "CALSCALE:GREGORIAN");
  AppendLine(out, "X-WR-CALNAME:" + EscapeText(calendar_name));
  for (const CalendarEntry& entry : entries) {
    const TaskRecord& task = entry.task;
    std::optional<Date> due = task.effective_due ? task.effective_due : task.due;
    AppendLine(out, "BEGIN:VTODO");
    AppendLine(out, fmt::format("UID:{}@vekha", task.id));
    AppendLine(out, "DTSTAMP:" + stamp);
    if (due && task.opens < *due) AppendLine(out, "DTSTART;VALUE=DATE:" + DateValue(task.opens));
    if (due) AppendLine(out, "DUE;VALUE=DATE:" + DateValue(*due));
    AppendLine(out, "SUMMARY:" + EscapeText(entry.title));
    AppendLine(out, "DESCRIPTION:" + EscapeText(fmt::format(
                                         "Организация: {}\nДорожная карта: {}\nСтатус: {}\nЗадача {}",
                                         entry.organisation, entry.roadmap, TaskStatusTitle(task.status), task.id)));
    if (!entry.link.empty()) AppendLine(out, "URL:" + entry.link);
    AppendLine(out, "STATUS:" + StatusOf(task.status));
    AppendLine(out, "END:VTODO");
  }
  AppendLine(out, "END:VCALENDAR");
  return out;
}

std::string FeedKey(const std::string& feed_secret, const std::string& person, const std::string& salt) {
  // A person never rotated keeps the key made before salts existed.
  std::string message = "calendar:" + person + (salt.empty() ? "" : ":" + salt);
  return HmacSha256Hex(feed_secret, message).substr(0, 32);
}

}  // namespace vekha::server
