// libFuzzer target: a «Сроки» cell as a coordinator types it (ParseTimingPhrase). Any text must
// give a verdict — a timing or an error with its column — without a crash, a hang or a sanitizer
// report; an accepted phrase must also plan occurrences over a few years.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/date.h"
#include "engine/occurrences.h"
#include "workflows/timing_phrase.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view phrase(reinterpret_cast<const char*>(data), size);
  vekha::PhraseResult parsed = vekha::ParseTimingPhrase(phrase, 2021);
  if (parsed.ok) {
    vekha::ExpansionContext context{vekha::MakeDate(2021, 1, 1), vekha::MakeDate(2023, 12, 31)};
    (void)vekha::ExpandTiming(parsed.spec, context);
  }
  return 0;
}
