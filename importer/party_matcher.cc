#include "importer/party_matcher.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

#include "engine/text.h"

namespace vekha::importer {

namespace {

bool IsQuote(char32_t c) {
  return c == U'"' || c == U'\'' || c == U'«' || c == U'»' || c == U'“' || c == U'”' || c == U'„';
}

// Splits a cell into parts at commas, semicolons and line breaks outside quotes and parentheses.
std::vector<std::string> Parts(const std::string& cell) {
  std::vector<std::string> parts;
  std::u32string text = DecodeUtf8(cell);
  std::u32string part;
  int depth = 0;
  bool in_straight_quotes = false;
  auto flush = [&] {
    std::string written = EncodeUtf8(part);
    if (!NormalisePhrase(written).empty()) parts.push_back(written);
    part.clear();
  };
  for (char32_t c : text) {
    if (c == U'(' || c == U'«') ++depth;
    if ((c == U')' || c == U'»') && depth > 0) --depth;
    if (c == U'"') in_straight_quotes = !in_straight_quotes;
    if ((c == U',' || c == U';' || c == U'\n') && depth == 0 && !in_straight_quotes) {
      flush();
      continue;
    }
    part += c;
  }
  flush();
  // Trim the spaces the split leaves.
  for (std::string& each : parts) {
    size_t begin = each.find_first_not_of(' ');
    size_t end = each.find_last_not_of(' ');
    each = each.substr(begin, end - begin + 1);
  }
  return parts;
}

void AppendNew(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const std::string& value : more) {
    if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
  }
}

void Merge(PartyMeaning& into, const PartyMeaning& more) {
  AppendNew(into.parties, more.parties);
  AppendNew(into.for_kinds, more.for_kinds);
  AppendNew(into.for_tags, more.for_tags);
}

std::string Where(const std::string& source, const YAML::Node& node) {
  return fmt::format("{}:{}:{}", source, node.Mark().line + 1, node.Mark().column + 1);
}

std::vector<std::string> StringList(const YAML::Node& node) {
  std::vector<std::string> values;
  if (node.IsScalar()) {
    values.push_back(node.as<std::string>());
  } else {
    for (const YAML::Node& item : node) values.push_back(item.as<std::string>());
  }
  return values;
}

// The first key of a map that is not one of `known`, if any.
std::optional<std::pair<std::string, YAML::Node>> UnknownKey(const YAML::Node& map,
                                                             std::initializer_list<const char*> known) {
  for (const auto& entry : map) {
    std::string key = entry.first.as<std::string>();
    if (std::none_of(known.begin(), known.end(), [&](const char* name) { return key == name; })) {
      return std::pair{key, entry.first};
    }
  }
  return std::nullopt;
}

// "head@uo", [a, b], or {party: …, for: {kind: …, tags: …}}.
Status ReadMeaning(const YAML::Node& node, const std::string& source, PartyMeaning& out) {
  if (node.IsScalar() || node.IsSequence()) {
    out.parties = StringList(node);
    return Status::Ok();
  }
  if (!node.IsMap() || !node["party"]) {
    return Status::Error(
        fmt::format("{}: ожидалась сторона («head@uo»), их список или {{party: …, for: {{kind: …, tags: …}}}}",
                    Where(source, node)));
  }
  if (auto unknown = UnknownKey(node, {"party", "for"})) {
    return Status::Error(fmt::format("{}: неизвестный ключ «{}»; допустимы «party» и «for»",
                                     Where(source, unknown->second), unknown->first));
  }
  out.parties = StringList(node["party"]);
  if (const YAML::Node& selector = node["for"]) {
    if (!selector.IsMap() || !(selector["kind"] || selector["tag"] || selector["tags"])) {
      return Status::Error(fmt::format("{}: «for» принимает {{kind: …}} и/или {{tags: …}}", Where(source, selector)));
    }
    if (auto unknown = UnknownKey(selector, {"kind", "tag", "tags"})) {
      return Status::Error(fmt::format("{}: неизвестный ключ «{}» в «for»; допустимы «kind», «tags»",
                                       Where(source, unknown->second), unknown->first));
    }
    if (selector["kind"]) out.for_kinds = StringList(selector["kind"]);
    for (const char* key : {"tag", "tags"}) {
      if (selector[key]) AppendNew(out.for_tags, StringList(selector[key]));
    }
  }
  return Status::Ok();
}

bool IsUpperLetter(char32_t c) { return IsLetter(c) && FoldCase(c) != c; }

// «Б.С.», «Б.», «Б. С.» written as one token or several: initials.
bool IsInitials(const std::u32string& token) {
  if (token.size() < 2) return false;
  for (size_t i = 0; i < token.size(); i += 2) {
    if (i + 1 >= token.size() || !IsUpperLetter(token[i]) || token[i + 1] != U'.') return false;
  }
  return true;
}

// «Муртазов», «Римская-Корсакова»: a capitalised word.
bool IsSurname(const std::u32string& token) {
  if (token.size() < 2 || !IsUpperLetter(token.front())) return false;
  return std::all_of(token.begin() + 1, token.end(),
                     [](char32_t c) { return (IsLetter(c) && FoldCase(c) == c) || c == U'-'; });
}

std::vector<std::u32string> Words(const std::u32string& text) {
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : text + U" ") {
    if (c == U' ' || c == U'\u00A0' || c == U'\n' || c == U'\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  // «Б. С.» is one set of initials.
  std::vector<std::u32string> merged;
  for (std::u32string& each : words) {
    if (!merged.empty() && IsInitials(merged.back()) && IsInitials(each) && merged.back().size() < 4) {
      merged.back() += each;
    } else {
      merged.push_back(std::move(each));
    }
  }
  return merged;
}

// The people a part names when it is nothing but names with initials, before or after the surname
// and separated by spaces only: «Н.Е. Байрачный К.А. Федоренко» → both; else empty.
std::vector<std::string> PeopleNamed(const std::string& part) {
  std::vector<std::u32string> words = Words(DecodeUtf8(part));
  std::vector<std::string> people;
  for (size_t k = 0; k + 1 < words.size(); k += 2) {
    bool initials_first = IsInitials(words[k]) && IsSurname(words[k + 1]);
    bool surname_first = IsSurname(words[k]) && IsInitials(words[k + 1]);
    if (!initials_first && !surname_first) return {};
    people.push_back(EncodeUtf8(words[k] + U" " + words[k + 1]));
  }
  if (words.size() % 2 != 0 || people.size() < 2) return {};
  return people;
}

// The other ways a person's name is written: «Муртазов Б.С.» and «Б.С. Муртазов»; a full name
// «Муртазов Булат Саитович» also as both forms with initials.
std::vector<std::string> NameForms(const std::string& name) {
  std::vector<std::u32string> words = Words(DecodeUtf8(name));
  std::u32string surname;
  std::u32string initials;
  if (words.size() == 2 && IsInitials(words[1]) && IsSurname(words[0])) {
    surname = words[0];
    initials = words[1];
  } else if (words.size() == 2 && IsInitials(words[0]) && IsSurname(words[1])) {
    surname = words[1];
    initials = words[0];
  } else if (words.size() == 3 && std::all_of(words.begin(), words.end(), IsSurname)) {
    surname = words[0];
    initials = std::u32string{words[1].front(), U'.', words[2].front(), U'.'};
  } else {
    return {};
  }
  return {EncodeUtf8(surname + U" " + initials), EncodeUtf8(initials + U" " + surname)};
}

// A party's name without the notes in parentheses orders add: «Министерство образования Кузбасса
// (далее — Министерство)», «руководители ОО (по согласованию)».
std::string WithoutNotes(const std::string& part) {
  std::string out;
  int depth = 0;
  for (char c : part) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')' && depth > 0) --depth;
  }
  return out;
}

}  // namespace

std::u32string NormalisePhrase(std::string_view text) {
  std::u32string folded = FoldCase(DecodeUtf8(text));
  std::u32string out;
  for (char32_t c : folded) {
    if (IsQuote(c)) continue;
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\u00A0') {
      if (!out.empty() && out.back() != U' ') out += U' ';
      continue;
    }
    out += c;
  }
  while (!out.empty() && (out.back() == U' ' || out.back() == U'.' || out.back() == U',' || out.back() == U';')) {
    out.pop_back();
  }
  // «и. и. иванова» is «и.и. иванова»: no space between initials.
  std::u32string tight;
  for (size_t i = 0; i < out.size(); ++i) {
    bool between_initials = out[i] == U' ' && i >= 2 && out[i - 1] == U'.' && IsLetter(out[i - 2]) &&
                            (i < 3 || !IsLetter(out[i - 3])) && i + 2 < out.size() && IsLetter(out[i + 1]) &&
                            (out[i + 2] == U'.');
    if (!between_initials) tight += out[i];
  }
  return tight;
}

Status PartyMatcher::Create(const Deployment& directory, const std::string& map_yaml, const std::string& map_source,
                            PartyMatcher& out) {
  out.entries_.clear();
  out.confirmers_.clear();
  if (!map_yaml.empty()) {
    if (size_t bad = FirstInvalidUtf8(map_yaml); bad != std::string::npos) {
      int line =
          static_cast<int>(std::count(map_yaml.begin(), map_yaml.begin() + static_cast<std::ptrdiff_t>(bad), '\n')) + 1;
      return Status::Error(fmt::format("{}:{}: файл соответствий не в кодировке UTF-8 (байт {}); сохраните его в UTF-8",
                                       map_source, line, bad + 1));
    }
    YAML::Node root;
    try {
      root = YAML::Load(map_yaml);
    } catch (const YAML::Exception& error) {
      return Status::Error(
          fmt::format("{}:{}:{}: {}", map_source, error.mark.line + 1, error.mark.column + 1, error.msg));
    }
    if (!root.IsMap())
      return Status::Error(fmt::format("{}: ожидался словарь с «responsible:» и «confirm:»", map_source));
    if (auto unknown = UnknownKey(root, {"responsible", "confirm"})) {
      return Status::Error(fmt::format("{}: неизвестный ключ «{}»; допустимы «responsible» и «confirm»",
                                       Where(map_source, unknown->second), unknown->first));
    }
    const YAML::Node responsible = root["responsible"];
    if (!responsible || !responsible.IsMap()) {
      return Status::Error(fmt::format("{}: ожидался словарь «responsible:» вида фраза → сторона", map_source));
    }
    if (const YAML::Node confirm = root["confirm"]) {
      if (!(confirm.IsScalar() || confirm.IsSequence())) {
        return Status::Error(
            fmt::format("{}: «confirm» принимает сторону («head@uo») или их список, первый вариант первым",
                        Where(map_source, confirm)));
      }
      try {
        out.confirmers_ = StringList(confirm);
      } catch (const YAML::Exception& error) {
        return Status::Error(fmt::format("{}: {}", Where(map_source, confirm), error.msg));
      }
    }
    for (const auto& entry : responsible) {
      Entry mapped{NormalisePhrase(entry.first.as<std::string>()), entry.first.as<std::string>(), {}};
      try {
        if (Status status = ReadMeaning(entry.second, map_source, mapped.meaning); !status.ok()) return status;
      } catch (const YAML::Exception& error) {
        return Status::Error(fmt::format("{}: {}", Where(map_source, entry.second), error.msg));
      }
      out.entries_.push_back(std::move(mapped));
    }
  }
  for (const auto& [role, title] : directory.roles) {
    // A role held at one organisation only is that organisation's; otherwise the task's own.
    std::vector<std::string> places;
    for (const Person& person : directory.people) {
      for (const RoleAssignment& assignment : person.roles) {
        if (assignment.role == role && std::find(places.begin(), places.end(), assignment.at) == places.end()) {
          places.push_back(assignment.at);
        }
      }
    }
    std::string party = places.size() == 1 ? role + "@" + places.front() : role;
    out.entries_.push_back({NormalisePhrase(title), title, {{party}, {}, {}}});
  }
  for (const Person& person : directory.people) {
    out.entries_.push_back({NormalisePhrase(person.name), person.name, {{person.id}, {}, {}}});
    for (const std::string& form : NameForms(person.name)) {
      out.entries_.push_back({NormalisePhrase(form), person.name, {{person.id}, {}, {}}});
    }
  }
  return Status::Ok();
}

const PartyMatcher::Entry* PartyMatcher::Find(const std::u32string& key, bool& approximate) const {
  approximate = false;
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  // Typing slips: one edit per 15 characters, only for phrases long enough to be unambiguous.
  if (key.size() < 12) return nullptr;
  size_t allowed = key.size() / 15 + 1;
  const Entry* best = nullptr;
  size_t best_distance = allowed + 1;
  for (const Entry& entry : entries_) {
    size_t length_gap = entry.key.size() > key.size() ? entry.key.size() - key.size() : key.size() - entry.key.size();
    if (length_gap > allowed) continue;
    size_t distance = EditDistance(entry.key, key);
    if (distance < best_distance) {
      best = &entry;
      best_distance = distance;
    }
  }
  approximate = best != nullptr;
  return best;
}

std::string PartyMatcher::ConfirmerFor(const std::vector<std::string>& responsible) const {
  size_t above = 0;  // past the highest of the row's responsible parties in the list
  for (size_t at = 0; at < confirmers_.size(); ++at) {
    if (std::find(responsible.begin(), responsible.end(), confirmers_[at]) != responsible.end()) above = at + 1;
  }
  return above < confirmers_.size() ? confirmers_[above] : "";
}

PartyMatch PartyMatcher::Match(const std::string& cell) const {
  PartyMatch match;
  if (const Entry* whole = FindExact(cell)) {
    match.meaning = whole->meaning;
    return match;
  }
  std::vector<std::string> parts = Parts(cell);
  for (size_t first = 0; first < parts.size();) {
    // The longest run of parts that names one party: a name may hold commas («органы местного
    // самоуправления …, осуществляющие управление в сфере образования»).
    const Entry* entry = nullptr;
    size_t end = parts.size();
    for (; end > first + 1; --end) {
      std::string joined = parts[first];
      for (size_t k = first + 1; k < end; ++k) joined += ", " + parts[k];
      if ((entry = FindExact(joined)) != nullptr) break;
    }
    if (entry != nullptr) {
      Merge(match.meaning, entry->meaning);
      first = end;
      continue;
    }
    MatchPart(parts[first], match);
    ++first;
  }
  return match;
}

const PartyMatcher::Entry* PartyMatcher::FindExact(const std::string& phrase) const {
  bool approximate = false;
  for (const std::string& form : {phrase, WithoutNotes(phrase)}) {
    if (const Entry* entry = Find(NormalisePhrase(form), approximate); entry && !approximate) return entry;
  }
  return nullptr;
}

void PartyMatcher::MatchPart(const std::string& part, PartyMatch& match) const {
  bool approximate = false;
  for (const std::string& form : {part, WithoutNotes(part)}) {
    if (NormalisePhrase(form).empty()) continue;
    if (const Entry* entry = Find(NormalisePhrase(form), approximate)) {
      if (approximate) match.notes.push_back(fmt::format("«{}» прочитано как «{}»", form, entry->written));
      Merge(match.meaning, entry->meaning);
      return;
    }
  }
  // Several people with only spaces between them.
  if (std::vector<std::string> people = PeopleNamed(WithoutNotes(part)); !people.empty()) {
    for (const std::string& person : people) MatchPart(person, match);
    return;
  }
  match.unmatched.push_back(part);
}

}  // namespace vekha::importer
