// Compiles a «Сроки» cell as written in the orders («Ежегодно январь, май», «ежеквартально (до 15
// числа месяца, следующего за отчетным периодом)», «Октябрь 2021 - июль 2022», «По плану УО»…)
// into the structured TimingSpec (docs/timing.md). Case-insensitive and tolerant of dashes, stray
// spaces, «г.»/«года», parentheses and line breaks. Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/timing.h"

namespace vekha {

struct PhraseError {
  std::string message;                   // what is wrong, in English
  int column = 1;                        // 1-based character column within the phrase
  std::vector<std::string> suggestions;  // the nearest accepted forms
};

struct PhraseResult {
  bool ok = false;
  TimingSpec spec;
  std::vector<std::string> warnings;  // accepted, but a careful coordinator should look
  PhraseError error;                  // when !ok
};

// `suggestion_year` is used to propose corrected phrases (typically the roadmap's first year).
PhraseResult ParseTimingPhrase(std::string_view phrase, int suggestion_year = 0);

// The accepted forms a refusal offers as the nearest ones; each of them reads.
const std::vector<std::string>& CanonicalTimingPhrases();

// The month an activity title hints at with an adjective («на августовском совещании» → 8), for
// suggesting a month when the timing says only «Ежегодно»; nullopt when there is none.
std::optional<int> MonthHintedByTitle(std::string_view title);

}  // namespace vekha
