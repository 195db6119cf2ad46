// A «Сроки» phrase with the period it is expanded over and the occurrences a careful coordinator
// expects, written "key opens due" with ">effective" when the shift policy moved the deadline, or
// "-" for no deadline; and the check that the reader and the expansion give exactly those.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/occurrences.h"
#include "workflows/timing_phrase.h"

namespace vekha {

struct Period {
  const char* from;
  const char* to;
  YearType year = YearType::kCalendar;
};

struct SeedTiming {
  const char* phrase;
  Period period;
  const char* kind;
  std::vector<std::string> occurrences;
};

// Names the case in test output instead of dumping its bytes.
inline void PrintTo(const SeedTiming& timing, std::ostream* out) {
  *out << "«" << timing.phrase << "» over " << timing.period.from << ".." << timing.period.to;
}

inline std::string Show(const Occurrence& occurrence) {
  std::string text = fmt::format("{} {} ", occurrence.key, FormatIsoDate(occurrence.opens));
  if (!occurrence.due) return text + "-";
  text += FormatIsoDate(*occurrence.due);
  if (occurrence.effective_due != occurrence.due) text += ">" + FormatIsoDate(*occurrence.effective_due);
  return text;
}

inline void ExpectOccurrences(const SeedTiming& timing) {
  PhraseResult parsed = ParseTimingPhrase(timing.phrase);
  ASSERT_TRUE(parsed.ok) << timing.phrase << ": " << parsed.error.message;
  ExpansionContext context;
  context.from = *ParseIsoDate(timing.period.from);
  context.to = *ParseIsoDate(timing.period.to);
  context.year_type = timing.period.year;
  Expansion expansion = ExpandTiming(parsed.spec, context);
  EXPECT_EQ(RepeatName(expansion.kind), timing.kind) << timing.phrase;
  std::vector<std::string> shown;
  for (const Occurrence& occurrence : expansion.occurrences) shown.push_back(Show(occurrence));
  EXPECT_EQ(shown, timing.occurrences) << timing.phrase;
}

}  // namespace vekha
