// Helpers shared by the subcommands: ISO date options (instants: engine/clock.h ParseInstant).
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "engine/clock.h"
#include "engine/date.h"

namespace vekha::app {

// A CLI11 validator accepting only YYYY-MM-DD dates.
inline CLI::Validator IsoDateValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return ParseIsoDate(text) ? std::string() : "expected a date as YYYY-MM-DD, got " + text;
      },
      "YYYY-MM-DD");
}

inline std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return ParseIsoDate(text);
}

}  // namespace vekha::app
