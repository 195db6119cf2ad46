// libFuzzer target: a rule's `when:` condition (CompileCondition). Any text must compile or be
// refused with a position; a compiled condition is evaluated against a task's facts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/condition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  vekha::rules::CompileResult compiled = vekha::rules::CompileCondition(text);
  if (compiled.condition) {
    vekha::rules::TaskFacts facts;
    (void)vekha::rules::Evaluate(*compiled.condition, facts);
    (void)vekha::rules::NumbersIn(*compiled.condition);
  }
  return 0;
}
