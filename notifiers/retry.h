// When a failed delivery is tried again: exponential backoff with jitter. The n-th failure waits
// base × 2^(n-1), capped, and then a random part of it is taken off (between none and half), so
// that messages that failed together do not all come back at the same second.
#pragma once

#include <chrono>
#include <random>

#include "engine/model.h"

namespace vekha::notifiers {

// The delay after the `failures`-th failed attempt (1 for the first).
std::chrono::seconds RetryDelay(const RetryPolicy& policy, int failures, std::mt19937_64& random);

}  // namespace vekha::notifiers
