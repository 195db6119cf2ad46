// Clock: the one source of "now" in Vekha. Production code takes a Clock& and never reads the
// system time itself, so tests move time with FakeClock. Implementations are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

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

// The clock's current day in an IANA time zone (UTC when the zone is unknown).
Date LocalToday(const Clock& clock, const std::string& time_zone);
// The instant a local day begins in an IANA time zone (UTC when the zone is unknown).
std::chrono::sys_seconds StartOfLocalDay(const Date& day, const std::string& time_zone);

}  // namespace vekha
