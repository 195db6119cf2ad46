// Clock: the one source of "now" in Vekha. Production code takes a Clock& and never reads the
// system time itself, so tests move time with FakeClock. Implementations are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/date.h"

namespace vekha {

class Clock {
 public:
  using TimePoint = std::chrono::sys_seconds;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// A clock that stands still until a test moves it.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint{std::chrono::seconds{now_.load()}}; }
  void Set(TimePoint now) { now_ = now.time_since_epoch().count(); }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<std::chrono::seconds::rep> now_;
};

// The system clock moved by a fixed offset: time flows from a chosen start instant, for a daemon
// rehearsing a past or future date (`vekha --now … run`), where retries and timers must still
// come due.
class ShiftedClock final : public Clock {
 public:
  ShiftedClock(const Clock& base, TimePoint start) : base_(base), offset_(start - base.Now()) {}
  TimePoint Now() const override { return base_.Now() + offset_; }

 private:
  const Clock& base_;
  std::chrono::seconds offset_;
};

// An instant's UTC day and time of day, exact for any year: what printers of instants start from,
// rather than fmt's chrono formatting, which goes through the system clock's nanoseconds and
// overflows before 1678 and after 2262 (years a user can type: `--now 0221-09-03`).
struct UtcDayAndTime {
  Date day;
  std::chrono::hh_mm_ss<std::chrono::seconds> time;
};
UtcDayAndTime SplitInstant(Clock::TimePoint instant);

// ISO 8601 UTC instant with seconds: 2022-03-30T07:15:00Z (sortable as text).
std::string FormatInstant(Clock::TimePoint instant);
// "2022-03-30T10:15:00Z", or "2022-03-30" for midnight UTC; nullopt otherwise.
std::optional<Clock::TimePoint> ParseInstant(std::string_view text);

// The clock's current day in an IANA time zone (UTC when the zone is unknown).
Date LocalToday(const Clock& clock, const std::string& time_zone);
// The day an instant falls on in an IANA time zone (UTC when the zone is unknown).
Date LocalDateOf(Clock::TimePoint instant, const std::string& time_zone);
// "2022-03-30 10:15": an instant's local date and time in an IANA time zone (UTC when unknown).
std::string FormatLocalTime(Clock::TimePoint instant, const std::string& time_zone);
// The instant a local day begins in an IANA time zone (UTC when the zone is unknown).
std::chrono::sys_seconds StartOfLocalDay(const Date& day, const std::string& time_zone);

}  // namespace vekha
