#include "engine/clock.h"

namespace vekha {

Clock::TimePoint SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace vekha
