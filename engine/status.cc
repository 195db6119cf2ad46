#include "engine/status.h"

#include <array>

namespace vekha {

namespace {

// Every refusal exits 1, as `check` and the lifecycle commands always have; 2 stays for usage
// errors, which CLI11 reports before any Status exists.
constexpr std::array<StatusMeaning, 7> kMeanings = {{
    {StatusCode::kOk, "ok", 200, 0},
    {StatusCode::kInvalid, "invalid", 422, 1},
    {StatusCode::kNotFound, "not-found", 404, 1},
    {StatusCode::kForbidden, "forbidden", 403, 1},
    {StatusCode::kConflict, "conflict", 409, 1},
    {StatusCode::kUnavailable, "unavailable", 503, 1},
    {StatusCode::kCorrupt, "corrupt", 500, 1},
}};

}  // namespace

const StatusMeaning& StatusMeaningOf(StatusCode code) { return kMeanings[static_cast<size_t>(code)]; }

std::ostream& operator<<(std::ostream& out, const Status& status) {
  if (status.ok()) return out << "ok";
  return out << status.meaning().name << ": " << status.message();
}

}  // namespace vekha
