#include "workflows/event_loader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/text.h"

namespace vekha {

namespace {

const std::vector<std::string> kEventKeys = {"id", "title", "phrases", "scope", "repeat", "implied_by"};

// The words of a text, case-folded, «ё» as «е», without punctuation.
std::vector<std::u32string> Words(std::string_view text) {
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : FoldCase(DecodeUtf8(text))) {
    if (IsLetter(c) || IsDigit(c)) {
      word.push_back(c == U'ё' ? U'е' : c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Whether two words are forms of one word as a «Сроки» cell inflects it («начало» and «начала»,
// «получены» and «получения», «результаты» and «результатов»): equal, or long enough and differing
// only in an ending of at most three letters. Short words («в», «ОО») must be equal.
bool SameWord(const std::u32string& a, const std::u32string& b) {
  if (a == b) return true;
  if (a.size() < 4 || b.size() < 4) return false;
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  return common >= std::max<size_t>(4, std::max(a.size(), b.size()) - 3);
}

// Whether `phrase` occurs in `text` word by word, in order, other words allowed in between
// («официальной даты публикации (получения, утверждения) результатов» holds «публикации
// результатов»).
bool ContainsInOrder(const std::vector<std::u32string>& text, const std::vector<std::u32string>& phrase) {
  if (phrase.empty()) return false;
  size_t next = 0;
  for (const std::u32string& word : text) {
    if (next < phrase.size() && SameWord(word, phrase[next])) ++next;
  }
  return next == phrase.size();
}

// The events whose title or phrases the words name, with the length of the best phrase of each;
// the longest match wins.
std::vector<const EventDefinition*> EventsNamedBy(const Deployment& deployment, std::string_view words) {
  std::vector<std::u32string> text = Words(words);
  size_t best = 0;
  std::vector<const EventDefinition*> named;
  for (const EventDefinition& event : deployment.events) {
    size_t length = 0;
    std::vector<std::string> phrases = event.phrases;
    phrases.push_back(event.title);
    for (const std::string& phrase : phrases) {
      std::vector<std::u32string> phrase_words = Words(phrase);
      if (ContainsInOrder(text, phrase_words)) length = std::max(length, phrase_words.size());
    }
    if (length == 0 || length < best) continue;
    if (length > best) named.clear();
    best = length;
    named.push_back(&event);
  }
  return named;
}

void ResolveAnchor(const Deployment& deployment, Activity& activity, Diagnostics& diagnostics) {
  EventAnchor& anchor = *activity.timing.event;
  const EventDefinition* event = deployment.FindEvent(anchor.event);
  if (event == nullptr) {
    std::vector<const EventDefinition*> named = EventsNamedBy(deployment, anchor.event);
    std::vector<std::string> ids;
    for (const EventDefinition& declared : deployment.events) ids.push_back(declared.id);
    if (named.empty()) {
      std::vector<std::string> hints = DidYouMean(anchor.event, ids);
      hints.push_back(
          fmt::format("объявите его в «events:» с фразой, которой его называет ячейка, например "
                      "{{id: …, title: …, phrases: [\"{}\"]}}",
                      anchor.event));
      diagnostics.Error(activity.timing_where,
                        fmt::format("ни одно событие развёртывания не называется «{}»", anchor.event),
                        std::move(hints));
      return;
    }
    if (named.size() > 1) {
      std::vector<std::string> names;
      for (const EventDefinition* each : named) names.push_back(each->id);
      diagnostics.Error(activity.timing_where,
                        fmt::format("«{}» называет несколько событий ({}); напишите «event: <id>» в структурном сроке "
                                    "или сделайте фразы событий разными",
                                    anchor.event, fmt::join(names, ", ")));
      return;
    }
    event = named.front();
  }
  anchor.event = event->id;
  anchor.yearly = event->yearly;
}

}  // namespace

std::optional<EventDefinition> ReadEventDefinition(YamlReader& reader, const YAML::Node& node) {
  reader.CheckKeys(node, kEventKeys, "событие");
  int errors_before = reader.diagnostics().errors();
  EventDefinition event;
  event.where = reader.PositionOf(node);
  event.id = reader.String(node, "id", true).value_or("");
  event.title = reader.String(node, "title", true).value_or("");
  event.phrases = reader.StringList(node, "phrases");
  event.per_organisation =
      reader.OneOf(node, "scope", {"organisation", "municipality"}, "«scope» (охват события)") == "organisation";
  event.yearly = reader.OneOf(node, "repeat", {"yearly", "once"}, "«repeat» (повторение события)") != "once";
  if (auto implied = reader.String(node, "implied_by", false)) {
    size_t slash = implied->find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == implied->size()) {
      reader.Error(node["implied_by"],
                   fmt::format("«implied_by: {}» должно называть дорожная_карта/мероприятие", *implied));
    } else {
      event.implied_by_roadmap = implied->substr(0, slash);
      event.implied_by_activity = implied->substr(slash + 1);
    }
  }
  if (reader.diagnostics().errors() > errors_before || event.id.empty()) return std::nullopt;
  return event;
}

void ResolveEventAnchors(Deployment& deployment, Diagnostics& diagnostics) {
  for (Roadmap& roadmap : deployment.roadmaps) {
    for (Activity& activity : roadmap.activities) {
      if (activity.timing.event) ResolveAnchor(deployment, activity, diagnostics);
    }
  }
  for (const EventDefinition& event : deployment.events) {
    if (event.implied_by_roadmap.empty()) continue;
    auto roadmap = std::find_if(deployment.roadmaps.begin(), deployment.roadmaps.end(),
                                [&](const Roadmap& each) { return each.id == event.implied_by_roadmap; });
    bool found = roadmap != deployment.roadmaps.end() &&
                 std::any_of(roadmap->activities.begin(), roadmap->activities.end(),
                             [&](const Activity& activity) { return activity.id == event.implied_by_activity; });
    if (!found) {
      diagnostics.Error(event.where, fmt::format("«implied_by: {}/{}» — такого мероприятия в развёртывании нет",
                                                 event.implied_by_roadmap, event.implied_by_activity));
    }
  }
}

}  // namespace vekha
