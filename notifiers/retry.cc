#include "notifiers/retry.h"

#include <algorithm>

namespace vekha::notifiers {

std::chrono::seconds RetryDelay(const RetryPolicy& policy, int failures, std::mt19937_64& random) {
  int doublings = std::clamp(failures - 1, 0, 30);
  std::chrono::seconds full = std::min(policy.cap, policy.base * (int64_t{1} << doublings));
  std::uniform_int_distribution<int64_t> jitter(0, full.count() / 2);
  return std::max(std::chrono::seconds{1}, full - std::chrono::seconds{jitter(random)});
}

}  // namespace vekha::notifiers
