#include "importer/roadmap_yaml.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "engine/text.h"
#include "importer/result_documents.h"
#include "workflows/timing_phrase.h"

namespace vekha::importer {

namespace {

// GOST 7.79-2000 system B, as Russian web addresses spell it.
std::string Transliterate(char32_t c) {
  static const std::map<char32_t, const char*> kLetters = {
      {U'а', "a"},  {U'б', "b"},   {U'в', "v"}, {U'г', "g"}, {U'д', "d"}, {U'е', "e"}, {U'ж', "zh"}, {U'з', "z"},
      {U'и', "i"},  {U'й', "j"},   {U'к', "k"}, {U'л', "l"}, {U'м', "m"}, {U'н', "n"}, {U'о', "o"},  {U'п', "p"},
      {U'р', "r"},  {U'с', "s"},   {U'т', "t"}, {U'у', "u"}, {U'ф', "f"}, {U'х', "h"}, {U'ц', "c"},  {U'ч', "ch"},
      {U'ш', "sh"}, {U'щ', "shh"}, {U'ъ', ""},  {U'ы', "y"}, {U'ь', ""},  {U'э', "e"}, {U'ю', "yu"}, {U'я', "ya"}};
  if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) return std::string(1, static_cast<char>(c));
  auto found = kLetters.find(c);
  return found == kLetters.end() ? "-" : found->second;
}

// A YAML double-quoted scalar.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Flow(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string Lines(const std::vector<int>& lines) {
  std::string out = "L";
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "+" : "") + std::to_string(lines[i]);
  return out;
}

}  // namespace

std::string SlugOf(const std::string& title, size_t limit) {
  std::string slug;
  for (char32_t c : FoldCase(DecodeUtf8(title))) {
    std::string letter = Transliterate(c);
    if (letter == "-") {
      if (!slug.empty() && slug.back() != '-') slug += '-';
    } else {
      slug += letter;
    }
    if (slug.size() >= limit) break;
  }
  if (slug.size() > limit) slug.resize(limit);
  // End at a word boundary when the cut fell inside a word.
  if (slug.size() == limit) {
    if (size_t dash = slug.rfind('-'); dash != std::string::npos && dash > limit / 2) slug.resize(dash);
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "activity" : slug;
}

ImportResult WriteRoadmapYaml(const ImportedTable& table, const RoadmapHeader& header, const PartyMatcher& matcher) {
  ImportResult result;
  std::string& yaml = result.yaml;
  yaml += fmt::format("# Импортировано командой `vekha import-table` из {} (шапка таблицы в строке {}).\n",
                      header.source, table.header_line);
  yaml += "# Строки с пометкой TODO требуют решения координатора, прежде чем дорожной картой пользоваться.\n";
  yaml += "roadmap:\n";
  yaml += fmt::format("  id: {}\n", Quoted(header.id));
  yaml += fmt::format("  title: {}\n", Quoted(header.title));
  yaml += fmt::format("  source: {{reference: {}}}\n", Quoted(header.source));
  if (header.from && header.to) {
    yaml += fmt::format("  period: {{from: {}, to: {}}}\n", FormatIsoDate(*header.from), FormatIsoDate(*header.to));
  }
  if (!header.year_type.empty()) yaml += fmt::format("  year: {}\n", header.year_type);
  yaml += header.owner.empty() ? "  owner: \"\"  # TODO: организация, которой принадлежит дорожная карта\n"
                               : fmt::format("  owner: {}\n", header.owner);
  if (!header.coordinator.empty()) yaml += fmt::format("  coordinator: {}\n", header.coordinator);
  yaml += "  activities:\n";

  int year_hint = header.from ? YearOf(*header.from) : 0;
  std::set<std::string> ids;
  std::string group;
  for (const ImportedRow& row : table.rows) {
    ++result.rows;
    size_t flags_before = result.flags.size();
    int line = row.lines.front();
    auto flag = [&](std::string what) { result.flags.push_back({line, std::move(what)}); };
    std::vector<std::string> todo;
    std::vector<std::string> notes;

    if (row.group != group) {
      group = row.group;
      yaml += fmt::format("\n    # ── {}\n", group);
    }
    std::string id = SlugOf(row.title);
    for (int suffix = 2; ids.contains(id); ++suffix) id = fmt::format("{}-{}", SlugOf(row.title), suffix);
    ids.insert(id);

    PhraseResult timing = ParseTimingPhrase(row.timing, year_hint);
    if (row.timing.empty()) {
      todo.push_back("в строке нет «Сроков»: впишите срок");
      flag("нет срока");
    } else if (!timing.ok) {
      todo.push_back(fmt::format("срок «{}» не понят: {}", row.timing, timing.error.message));
      flag(fmt::format("срок «{}» не понят: {}", row.timing, timing.error.message));
    } else {
      for (const std::string& warning : timing.warnings) notes.push_back(fmt::format("срок: {}", warning));
    }

    PartyMatch parties = matcher.Match(row.responsible);
    if (row.responsible.empty()) {
      todo.push_back("в строке нет «Ответственных»: назовите, кто отвечает");
      flag("нет ответственного");
    }
    for (const std::string& unmatched : parties.unmatched) {
      todo.push_back(fmt::format("ответственный «{}» не найден среди людей и ролей", unmatched));
      flag(fmt::format("ответственный «{}» не найден среди людей и ролей", unmatched));
    }
    notes.insert(notes.end(), parties.notes.begin(), parties.notes.end());
    if (row.merged_extra_cells) notes.push_back("ячейки за последним столбцом таблицы присоединены к «Ответственным»");

    yaml += fmt::format("    # {}{} | Сроки: «{}» | Ответственные: «{}»\n", Lines(row.lines),
                        row.number.empty() ? "" : " " + row.number, row.timing, row.responsible);
    for (const std::string& note : notes) yaml += fmt::format("    # примечание: {}\n", note);
    for (const std::string& item : todo) yaml += fmt::format("    # TODO: {}\n", item);
    yaml += fmt::format("    - id: {}\n", id);
    yaml += fmt::format("      title: {}\n", Quoted(row.title));
    if (!row.group.empty()) yaml += fmt::format("      group: {}\n", Quoted(row.group));
    yaml += fmt::format("      timing: {}\n", Quoted(row.timing));
    if (!parties.meaning.parties.empty()) yaml += fmt::format("      responsible: {}\n", Flow(parties.meaning.parties));
    const PartyMeaning& meaning = parties.meaning;
    if (!meaning.for_kinds.empty() && !meaning.for_tags.empty()) {
      yaml += fmt::format("      for: {{kind: {}, tags: {}}}\n", Flow(meaning.for_kinds), Flow(meaning.for_tags));
    } else if (!meaning.for_kinds.empty()) {
      yaml += fmt::format("      for: {{kind: {}}}\n", Flow(meaning.for_kinds));
    } else if (!meaning.for_tags.empty()) {
      yaml += fmt::format("      for: {{tags: {}}}\n", Flow(meaning.for_tags));
    }
    if (!row.result.empty()) yaml += fmt::format("      result: {}\n", Quoted(row.result));
    if (std::vector<std::string> documents = DocumentsNamedIn(row.result); !documents.empty()) {
      yaml += "      deliverables:\n";
      for (const std::string& document : documents) yaml += fmt::format("        - document: {}\n", Quoted(document));
      if (std::string confirmer = matcher.ConfirmerFor(meaning.parties); !confirmer.empty()) {
        yaml += fmt::format("      confirm: {}\n", confirmer);
      }
    }
    yaml += fmt::format("      source: {}\n", Quoted(Lines(row.lines)));
    if (result.flags.size() == flags_before) ++result.clean_rows;
  }
  return result;
}

}  // namespace vekha::importer
