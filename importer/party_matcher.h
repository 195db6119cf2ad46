// Who an order's «Ответственные» cell means in a deployment: each part of the cell («Начальник
// управления образования, НМЦ, руководители ОО») is looked up, case and quotes aside, in the
// coordinator's phrase map first (import map YAML, `responsible:`), then among the role titles and
// the people's names (initials before or after the surname); the longest run of parts that names
// one party wins, so a name may hold commas; notes in parentheses («(далее — Министерство)», «(по
// согласованию)») are looked through; names with only spaces between them («Н.Е. Байрачный К.А.
// Федоренко») are several people; a part within a few typing slips of a name is taken with a note.
// Parts found nowhere are returned as unmatched, for the importer to flag. The map's `confirm:`
// (a party, or a list up the hierarchy) says who confirms what a row hands in.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/status.h"

namespace vekha::importer {

// What a phrase stands for: party references as the roadmap YAML writes them ("head@uo",
// "director", a person id), and the organisation kinds and tags the activity then fans out to.
struct PartyMeaning {
  std::vector<std::string> parties;
  std::vector<std::string> for_kinds;
  std::vector<std::string> for_tags;
};

struct PartyMatch {
  PartyMeaning meaning;                // the union over the parts found
  std::vector<std::string> unmatched;  // parts as written
  std::vector<std::string> notes;      // "«…» read as «…»" for approximate matches
};

class PartyMatcher {
 public:
  // `map_yaml` may be empty. Fails with file:line:column on a malformed map.
  static Status Create(const Deployment& directory, const std::string& map_yaml, const std::string& map_source,
                       PartyMatcher& out);

  PartyMatch Match(const std::string& cell) const;
  // Who confirms a row's work: the map's `confirm:` list runs up the hierarchy, and the row's
  // confirmer is the first party above every one of its `responsible` parties in it (nobody
  // confirms their own work or their superior's); "" when the map names none or nobody is above.
  std::string ConfirmerFor(const std::vector<std::string>& responsible) const;

 private:
  struct Entry {
    std::u32string key;   // normalised phrase
    std::string written;  // as written in the map or the directory
    PartyMeaning meaning;
  };
  const Entry* Find(const std::u32string& key, bool& approximate) const;
  // The entry `phrase` names exactly, as written or without its notes in parentheses.
  const Entry* FindExact(const std::string& phrase) const;
  // One part of a cell: as written, without notes, within a few typing slips, or as several people.
  void MatchPart(const std::string& part, PartyMatch& match) const;

  std::vector<Entry> entries_;  // the map's, then the directory's
  std::vector<std::string> confirmers_;
};

// Case folded, quotes and trailing punctuation dropped, spaces collapsed. Exposed for tests.
std::u32string NormalisePhrase(std::string_view text);

}  // namespace vekha::importer
