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
        return ParseIsoDate(text) ? std::string() : "нужна дата вида ГГГГ-ММ-ДД, а написано «" + text + "»";
      },
      "ГГГГ-ММ-ДД");
}

// A CLI11 validator accepting an instant: YYYY-MM-DDTHH:MM:SSZ, or a day (its midnight UTC).
inline CLI::Validator InstantValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return ParseInstant(text) ? std::string()
                                  : "нужен момент вида ГГГГ-ММ-ДД или ГГГГ-ММ-ДДTЧЧ:ММ:ССZ, а написано «" + text + "»";
      },
      "МОМЕНТ");
}

inline std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return ParseIsoDate(text);
}

}  // namespace vekha::app
