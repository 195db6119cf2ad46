// YamlReader: reads one YAML file of a deployment and checks its shape — known keys, scalar types,
// ISO dates, lists — reporting every problem to Diagnostics with file:line:column (character
// columns, 1-based). yaml-cpp exceptions stop at this class. One reader per file; not thread-safe.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "workflows/diagnostics.h"

namespace vekha {

// The largest configuration file read: far above a country's directory (40,000 schools and their
// directors take about 5 MiB), far below what would exhaust memory once parsed.
inline constexpr size_t kMaxYamlBytes = 32 << 20;

class YamlReader {
 public:
  YamlReader(std::string path, Diagnostics& diagnostics);

  // Reads and parses the file; on failure reports the error and returns false.
  bool Load();
  // Parses `text` as if it were the file's contents (for data compiled into the binary).
  bool LoadText(std::string text);
  const YAML::Node& root() const { return root_; }
  const std::string& path() const { return path_; }

  SourcePosition PositionOf(const YAML::Node& node) const;
  // The position of the `offset`-th character (0-based) inside a scalar's text, for errors inside
  // a «Сроки» phrase; falls back to the scalar's start when the text is not on one line.
  SourcePosition PositionInScalar(const YAML::Node& node, int offset) const;

  // Reports keys of `map` not in `allowed`, with a «может быть, …?»; false when any was unknown.
  bool CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed, std::string_view what);
  bool ExpectMap(const YAML::Node& node, std::string_view what);
  bool ExpectSequence(const YAML::Node& node, std::string_view what);

  // Scalar fields of a map. A missing required field or a wrong type is reported.
  std::optional<std::string> String(const YAML::Node& map, const std::string& key, bool required);
  std::optional<Date> IsoDate(const YAML::Node& map, const std::string& key, bool required);
  std::optional<int> Integer(const YAML::Node& map, const std::string& key, int min, int max);
  std::optional<double> Number(const YAML::Node& map, const std::string& key);
  std::optional<bool> Boolean(const YAML::Node& map, const std::string& key);
  // A string with an '@' and no spaces; anything else is reported and read as absent.
  std::optional<std::string> EmailAddress(const YAML::Node& map, const std::string& key, bool required);
  // "HH:MM" as minutes after midnight; anything else is reported and read as absent.
  std::optional<int> ClockTime(const YAML::Node& map, const std::string& key, bool required);
  // A string that must be one of `allowed`; anything else is reported («unknown WHAT «x»; expected
  // a or b») and read as absent.
  std::optional<std::string> OneOf(const YAML::Node& map, const std::string& key,
                                   const std::vector<std::string>& allowed, std::string_view what);
  // A scalar or a list of scalars.
  std::vector<std::string> StringList(const YAML::Node& map, const std::string& key);

  std::optional<std::string> ScalarText(const YAML::Node& node, std::string_view what);
  std::optional<int> IntegerValue(const YAML::Node& node, std::string_view what, int min, int max);

  Diagnostics& diagnostics() { return diagnostics_; }
  void Error(const YAML::Node& node, std::string message, std::vector<std::string> hints = {});
  void Warning(const YAML::Node& node, std::string message, std::vector<std::string> hints = {});

 private:
  // True when `size` bytes are within kMaxYamlBytes; otherwise says so (at the file) and is false.
  bool WithinSizeLimit(uintmax_t size);
  int CharacterColumn(int line, int byte_column) const;

  std::string path_;
  Diagnostics& diagnostics_;
  std::vector<std::string> lines_;
  YAML::Node root_;
};

}  // namespace vekha
