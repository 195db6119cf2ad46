// Helpers shared by the subcommands: ISO date options.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

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

// "2022-03-30T10:15:00Z" or "2022-03-30" (midnight UTC).
inline std::optional<std::chrono::sys_seconds> ParseInstant(const std::string& text) {
  std::optional<Date> day = ParseIsoDate(text.substr(0, 10));
  if (!day) return std::nullopt;
  std::chrono::sys_seconds instant{std::chrono::sys_days{*day}};
  if (text.size() == 10) return instant;
  int hours = 0, minutes = 0, seconds = 0;
  char zulu = 0;
  if (text.size() != 20 || text[10] != 'T' ||
      std::sscanf(text.c_str() + 11, "%2d:%2d:%2d%c", &hours, &minutes, &seconds, &zulu) != 4 || zulu != 'Z' ||
      hours > 23 || minutes > 59 || seconds > 59) {
    return std::nullopt;
  }
  return instant + std::chrono::hours(hours) + std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

inline std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return ParseIsoDate(text);
}

}  // namespace vekha::app
