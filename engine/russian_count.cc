#include "engine/russian_count.h"

namespace vekha {

std::string_view NounForMagnitude(uint64_t magnitude, const NounForms& noun) {
  uint64_t last_two = magnitude % 100;
  uint64_t last = magnitude % 10;
  if (last_two >= 11 && last_two <= 14) return noun.many;
  if (last == 1) return noun.one;
  if (last >= 2 && last <= 4) return noun.few;
  return noun.many;
}

}  // namespace vekha
