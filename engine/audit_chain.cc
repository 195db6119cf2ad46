#include "engine/audit_chain.h"

#include <fmt/format.h>

#include "engine/json_text.h"
#include "engine/sha256.h"

namespace vekha {

std::string CanonicalEvent(int64_t seq, const std::string& at, const std::string& actor, const std::string& event,
                           const std::string& task_id, const std::string& details) {
  // Built by appending: a first sync writes millions.
  std::string text;
  text.reserve(96 + actor.size() + details.size() + event.size() + task_id.size());
  text += R"({"actor":)";
  AppendJsonString(text, actor);
  text += R"(,"at":)";
  AppendJsonString(text, at);
  text += R"(,"details":)";
  text += details;
  text += R"(,"event":)";
  AppendJsonString(text, event);
  text += R"(,"seq":)";
  text += std::to_string(seq);
  text += R"(,"task":)";
  AppendJsonString(text, task_id);
  text += '}';
  return text;
}

std::string ChainHash(const std::string& previous_hash, const std::string& canonical) {
  return Sha256HexOfParts({previous_hash, "\n", canonical});
}

void ChainWalker::Visit(const AuditEntry& entry) {
  ++events_;
  if (first_broken_) return;
  int64_t expected = events_;
  if (entry.seq != expected) {
    reason_ = fmt::format("за событием #{} следует #{}: события пропущены", expected - 1, entry.seq);
  } else if (ChainHash(previous_hash_, CanonicalEvent(entry.seq, entry.at, entry.actor, entry.event, entry.task_id,
                                                      entry.details)) != entry.hash) {
    reason_ = "его содержимое не совпадает с его хешем";
  } else {
    previous_hash_ = entry.hash;
    return;
  }
  first_broken_ = entry.seq;
}

}  // namespace vekha
