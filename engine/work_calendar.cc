#include "engine/work_calendar.h"

#include <fmt/format.h>

#include <cassert>
#include <cctype>

#include "engine/embedded_file.h"

namespace vekha {

std::string_view ShiftPolicyName(ShiftPolicy policy) {
  switch (policy) {
    case ShiftPolicy::kNext:
      return "next";
    case ShiftPolicy::kPrevious:
      return "previous";
    case ShiftPolicy::kNone:
      return "none";
  }
  return "next";
}

std::optional<ShiftPolicy> ParseShiftPolicy(std::string_view name) {
  if (name == "next") return ShiftPolicy::kNext;
  if (name == "previous") return ShiftPolicy::kPrevious;
  if (name == "none") return ShiftPolicy::kNone;
  return std::nullopt;
}

namespace {

// A cursor over an xmlcalendar document that knows its line and column for error messages.
class XmlScanner {
 public:
  XmlScanner(std::string_view text, std::string_view source, SourcePosition* error_at)
      : text_(text), source_(source), error_at_(error_at) {}

  // Moves to the next element start "<name" (skipping declarations and comments); false at end.
  bool NextElement(std::string& name) {
    while (true) {
      size_t open = text_.find('<', pos_);
      if (open == std::string_view::npos) return false;
      Advance(open);
      if (text_.substr(pos_, 4) == "<!--") {
        size_t end = text_.find("-->", pos_);
        if (end == std::string_view::npos) return false;
        Advance(end + 3);
        continue;
      }
      if (text_.substr(pos_, 2) == "<?" || text_.substr(pos_, 2) == "</") {
        Advance(pos_ + 1);
        continue;
      }
      size_t start = pos_ + 1;
      size_t end = start;
      while (end < text_.size() && std::isalnum(static_cast<unsigned char>(text_[end]))) ++end;
      name = std::string(text_.substr(start, end - start));
      element_line_ = line_;
      element_column_ = column_;
      size_t close = text_.find('>', end);
      element_ = text_.substr(end, close == std::string_view::npos ? text_.npos : close - end);
      Advance(end);
      return true;
    }
  }

  // The value of attribute `name` in the current element, or empty.
  std::string_view Attribute(std::string_view name) const {
    for (size_t at = element_.find(name); at != std::string_view::npos; at = element_.find(name, at + 1)) {
      bool starts_word = at > 0 && std::isspace(static_cast<unsigned char>(element_[at - 1]));
      size_t quote = at + name.size() + 2;  // past name="
      if (!starts_word || element_.substr(at + name.size(), 2) != "=\"") continue;
      size_t end = element_.find('"', quote);
      if (end == std::string_view::npos) return {};
      return element_.substr(quote, end - quote);
    }
    return {};
  }

  Status ErrorHere(std::string_view message) const {
    if (error_at_ != nullptr) {
      *error_at_ = SourcePosition{std::string(source_), element_line_, element_column_};
    }
    return Status::Error(std::string(message));
  }

 private:
  void Advance(size_t to) {
    for (; pos_ < to && pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '\n') {
        ++line_;
        column_ = 1;
      } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
        ++column_;  // count characters, not UTF-8 continuation bytes
      }
    }
  }

  std::string_view text_;
  std::string_view source_;
  SourcePosition* error_at_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  int element_line_ = 1;
  int element_column_ = 1;
  std::string_view element_;
};

std::optional<int> ParseNumber(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::bitset<366> WeekdaysOf(int year) {
  std::bitset<366> working;
  Date day = MakeDate(year, 1, 1);
  for (size_t index = 0; YearOf(day) == year; ++index, day = AddDays(day, 1)) {
    working[index] = !IsWeekend(day);
  }
  return working;
}

size_t DayIndex(const Date& date) { return static_cast<size_t>(DaysBetween(MakeDate(YearOf(date), 1, 1), date)); }

}  // namespace

Status WorkCalendar::AddXmlCalendar(std::string_view xml, std::string_view source, SourcePosition* error_at) {
  XmlScanner scanner(xml, source, error_at);
  std::string element;
  std::optional<int> year;
  std::bitset<366> working;
  while (scanner.NextElement(element)) {
    if (element == "calendar") {
      year = ParseNumber(scanner.Attribute("year"));
      if (!year || *year < 1900 || *year > 2999) {
        return scanner.ErrorHere("<calendar> needs year=\"YYYY\" with a four-digit year");
      }
      working = WeekdaysOf(*year);
    } else if (element == "day") {
      if (!year) return scanner.ErrorHere("<day> before <calendar year=\"YYYY\">");
      std::string_view d = scanner.Attribute("d");
      std::string_view t = scanner.Attribute("t");
      auto month = d.size() == 5 && d[2] == '.' ? ParseNumber(d.substr(0, 2)) : std::nullopt;
      auto day = d.size() == 5 && d[2] == '.' ? ParseNumber(d.substr(3, 2)) : std::nullopt;
      Date date = MakeDate(*year, month.value_or(0), day.value_or(0));
      if (!month || !day || !date.ok()) {
        return scanner.ErrorHere(fmt::format("<day d=\"{}\">: expected a valid date as d=\"MM.DD\"", d));
      }
      if (t == "1") {
        working[DayIndex(date)] = false;
      } else if (t == "2" || t == "3") {
        working[DayIndex(date)] = true;
      } else {
        return scanner.ErrorHere(
            fmt::format("<day d=\"{}\" t=\"{}\">: expected t=\"1\" (day off), \"2\" (shortened working day) "
                        "or \"3\" (working weekend day)",
                        d, t));
      }
    }
  }
  if (!year) {
    if (error_at != nullptr) *error_at = SourcePosition{std::string(source), 1, 1};
    return Status::Error("нет элемента <calendar year=\"ГГГГ\">");
  }
  years_[*year] = working;
  return Status::Ok();
}

const WorkCalendar& WorkCalendar::RussianBuiltin() {
  static const WorkCalendar kCalendar = [] {
    WorkCalendar calendar;
    for (const EmbeddedFile& file : EmbeddedRussianCalendars()) {
      Status status = calendar.AddXmlCalendar(file.contents, file.name);
      assert(status.ok() && "the embedded calendars are checked by the tests");
      (void)status;
    }
    return calendar;
  }();
  return kCalendar;
}

int WorkCalendar::FirstCoveredYear() const { return years_.empty() ? 0 : years_.begin()->first; }
int WorkCalendar::LastCoveredYear() const { return years_.empty() ? 0 : years_.rbegin()->first; }

bool WorkCalendar::IsWorkingDay(const Date& date) const {
  auto year = years_.find(YearOf(date));
  if (year == years_.end()) return !IsWeekend(date);
  return year->second[DayIndex(date)];
}

Date WorkCalendar::Shift(const Date& date, ShiftPolicy policy) const {
  if (policy == ShiftPolicy::kNone) return date;
  int step = policy == ShiftPolicy::kNext ? 1 : -1;
  Date shifted = date;
  while (!IsWorkingDay(shifted)) shifted = AddDays(shifted, step);
  return shifted;
}

Date WorkCalendar::AddWorkingDays(const Date& from, int count) const {
  int step = count < 0 ? -1 : 1;
  Date day = Shift(from, count < 0 ? ShiftPolicy::kPrevious : ShiftPolicy::kNext);
  for (int added = 0; added != count;) {
    day = AddDays(day, step);
    if (IsWorkingDay(day)) added += step;
  }
  return day;
}

int WorkCalendar::WorkingDaysBetween(const Date& from, const Date& to) const {
  int sign = DaysBetween(from, to) >= 0 ? 1 : -1;
  Date low = sign > 0 ? from : to;
  Date high = sign > 0 ? to : from;
  int count = WorkingDaysOfYearThrough(high) - WorkingDaysOfYearThrough(low);
  for (int year = YearOf(low); year < YearOf(high); ++year) count += WorkingDaysOfYearThrough(MakeDate(year, 12, 31));
  return sign * count;
}

int WorkCalendar::WorkingDaysOfYearThrough(const Date& date) const {
  size_t index = DayIndex(date);
  if (auto year = years_.find(YearOf(date)); year != years_.end()) {
    return static_cast<int>((year->second << (365 - index)).count());  // bits 0..index survive the shift
  }
  // Weekends only: each whole week holds five working days, then the days left one by one.
  int days = static_cast<int>(index) + 1;
  int count = days / 7 * 5;
  Date day = AddDays(MakeDate(YearOf(date), 1, 1), days / 7 * 7);
  for (int left = days % 7; left > 0; --left, day = AddDays(day, 1)) count += IsWeekend(day) ? 0 : 1;
  return count;
}

}  // namespace vekha
