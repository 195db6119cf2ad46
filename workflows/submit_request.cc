#include "workflows/submit_request.h"

#include <algorithm>
#include <string>

#include "engine/text.h"

namespace vekha {

const Deliverable* FindDeliverable(const Activity& activity, std::string_view name) {
  if (!name.empty() && name.size() < 9 &&
      std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t index = std::stoul(std::string(name));
    return index >= 1 && index <= activity.deliverables.size() ? &activity.deliverables[index - 1] : nullptr;
  }
  std::u32string wanted = FoldCase(DecodeUtf8(name));
  for (const Deliverable& deliverable : activity.deliverables) {
    if (FoldCase(DecodeUtf8(deliverable.title)) == wanted) return &deliverable;
  }
  return nullptr;
}

}  // namespace vekha
