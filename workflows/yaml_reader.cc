#include "workflows/yaml_reader.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "engine/text.h"
#include "engine/whole_file.h"

namespace vekha {

YamlReader::YamlReader(std::string path, Diagnostics& diagnostics)
    : path_(std::move(path)), diagnostics_(diagnostics) {}

bool YamlReader::Load() {
  std::error_code size_error;
  uintmax_t size = std::filesystem::file_size(path_, size_error);
  if (!size_error && !WithinSizeLimit(size)) return false;  // not even read
  std::optional<std::string> text = ReadWholeFile(path_);
  if (!text) {
    diagnostics_.Error({path_, 0, 0}, "не удалось открыть файл");
    return false;
  }
  return LoadText(std::move(*text));
}

bool YamlReader::LoadText(std::string text) {
  if (!WithinSizeLimit(text.size())) return false;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) lines_.push_back(line);
  if (size_t bad = FirstInvalidUtf8(text); bad != std::string::npos) {
    // Saved in another encoding (cp1251 by an old editor): refused where it goes wrong, never let
    // through to the pages and reports.
    int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n')) + 1;
    size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    line_start = line_start == std::string::npos || bad == 0 ? 0 : line_start + 1;
    diagnostics_.Error(
        {path_, line, CharacterColumn(line, static_cast<int>(bad - line_start))},
        fmt::format("файл не в кодировке UTF-8: байт 0x{:02X} не читается", static_cast<unsigned char>(text[bad])),
        {"сохраните файл в UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)"});
    return false;
  }
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::DeepRecursion& error) {
    int line = error.mark.line + 1;
    diagnostics_.Error({path_, line, CharacterColumn(line, error.mark.column)},
                       fmt::format("YAML вложен глубже {} уровней", error.depth()));
    return false;
  } catch (const YAML::Exception& error) {
    int line = error.mark.line + 1;
    diagnostics_.Error({path_, line, CharacterColumn(line, error.mark.column)},
                       fmt::format("синтаксис YAML: {}", error.msg));
    return false;
  }
  if (!root_.IsDefined() || root_.IsNull()) {
    diagnostics_.Error({path_, 1, 1}, "файл пуст");
    return false;
  }
  return ExpectMap(root_, "файл");
}

bool YamlReader::WithinSizeLimit(uintmax_t size) {
  if (size <= kMaxYamlBytes) return true;
  diagnostics_.Error({path_, 0, 0}, fmt::format("файл — {} МиБ; файл настроек может быть не больше {} МиБ", size >> 20,
                                                kMaxYamlBytes >> 20));
  return false;
}

int YamlReader::CharacterColumn(int line, int byte_column) const {
  if (line < 1 || static_cast<size_t>(line) > lines_.size()) return byte_column + 1;
  const std::string& text = lines_[static_cast<size_t>(line - 1)];
  int column = 1;
  for (int i = 0; i < byte_column && static_cast<size_t>(i) < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[static_cast<size_t>(i)]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

SourcePosition YamlReader::PositionOf(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {path_, 0, 0};
  return {path_, mark.line + 1, CharacterColumn(mark.line + 1, mark.column)};
}

SourcePosition YamlReader::PositionInScalar(const YAML::Node& node, int offset) const {
  SourcePosition start = PositionOf(node);
  if (start.line < 1 || static_cast<size_t>(start.line) > lines_.size()) return start;
  const std::string& line = lines_[static_cast<size_t>(start.line - 1)];
  size_t byte = static_cast<size_t>(node.Mark().column);
  bool quoted = byte < line.size() && (line[byte] == '"' || line[byte] == '\'');
  std::string scalar = node.Scalar();
  // Only a scalar written whole on its line maps offsets to columns one to one.
  if (line.find(scalar, byte) == std::string::npos) return start;
  start.column += offset + (quoted ? 1 : 0);
  return start;
}

void YamlReader::Error(const YAML::Node& node, std::string message, std::vector<std::string> hints) {
  diagnostics_.Error(PositionOf(node), std::move(message), std::move(hints));
}

void YamlReader::Warning(const YAML::Node& node, std::string message, std::vector<std::string> hints) {
  diagnostics_.Warning(PositionOf(node), std::move(message), std::move(hints));
}

bool YamlReader::ExpectMap(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  Error(node, fmt::format("{}: нужен словарь вида «ключ: значение»", what));
  return false;
}

bool YamlReader::ExpectSequence(const YAML::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  Error(node, fmt::format("{}: нужен список", what));
  return false;
}

bool YamlReader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed, std::string_view what) {
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    std::string name = key.IsScalar() ? key.Scalar() : std::string();
    if (!seen.insert(name).second) {
      Error(key, fmt::format("ключ «{}» повторяется ({})", name, what));
      ok = false;
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::vector<std::string> hints = DidYouMean(name, allowed);
    if (hints.empty()) hints.push_back(fmt::format("допустимые ключи: {}", fmt::join(allowed, ", ")));
    Error(key, fmt::format("неизвестный ключ «{}» ({})", name, what), std::move(hints));
    ok = false;
  }
  return ok;
}

std::optional<std::string> YamlReader::ScalarText(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    Error(node, fmt::format("{}: нужно одно значение, а не список или словарь", what));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> YamlReader::EmailAddress(const YAML::Node& map, const std::string& key, bool required) {
  std::optional<std::string> address = String(map, key, required);
  if (!address || address->empty()) return address;
  if (address->find('@') != std::string::npos && address->find(' ') == std::string::npos) return address;
  Error(map[key], fmt::format("«{}» — не адрес электронной почты", *address));
  return std::nullopt;
}

std::optional<int> YamlReader::ClockTime(const YAML::Node& map, const std::string& key, bool required) {
  std::optional<std::string> text = String(map, key, required);
  if (!text) return std::nullopt;
  int hours = -1;
  int minutes = -1;
  char colon = 0;
  if (text->size() == 5 && std::sscanf(text->c_str(), "%2d%c%2d", &hours, &colon, &minutes) == 3 && colon == ':' &&
      hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60) {
    return hours * 60 + minutes;
  }
  Error(map[key], fmt::format("«{}» — не время суток; напишите ЧЧ:ММ, например 21:00", *text));
  return std::nullopt;
}

std::optional<std::string> YamlReader::String(const YAML::Node& map, const std::string& key, bool required) {
  YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) Error(map, fmt::format("не хватает обязательного ключа «{}»", key));
    return std::nullopt;
  }
  auto text = ScalarText(node, fmt::format("«{}»", key));
  if (text && required && text->empty()) {
    Error(node, fmt::format("«{}» не может быть пустым", key));
    return std::nullopt;
  }
  return text;
}

std::optional<Date> YamlReader::IsoDate(const YAML::Node& map, const std::string& key, bool required) {
  auto text = String(map, key, required);
  if (!text) return std::nullopt;
  auto date = ParseIsoDate(*text);
  if (!date) Error(map[key], fmt::format("«{}: {}» — не дата; напишите ГГГГ-ММ-ДД, например 2022-09-01", key, *text));
  return date;
}

std::optional<int> YamlReader::IntegerValue(const YAML::Node& node, std::string_view what, int min, int max) {
  auto text = ScalarText(node, what);
  if (!text) return std::nullopt;
  int value = 0;
  try {
    size_t used = 0;
    value = std::stoi(*text, &used);
    if (used != text->size()) throw std::invalid_argument(*text);
  } catch (const std::exception&) {
    Error(node, fmt::format("{}: нужно целое число, а не «{}»", what, *text));
    return std::nullopt;
  }
  if (value < min || value > max) {
    Error(node, fmt::format("{}: нужно число от {} до {}, а не {}", what, min, max, value));
    return std::nullopt;
  }
  return value;
}

std::optional<int> YamlReader::Integer(const YAML::Node& map, const std::string& key, int min, int max) {
  YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  return IntegerValue(node, fmt::format("«{}»", key), min, max);
}

std::optional<double> YamlReader::Number(const YAML::Node& map, const std::string& key) {
  auto text = String(map, key, false);
  if (!text) return std::nullopt;
  try {
    size_t used = 0;
    double value = std::stod(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  Error(map[key], fmt::format("«{}»: нужно число, а не «{}»", key, *text));
  return std::nullopt;
}

std::optional<std::string> YamlReader::OneOf(const YAML::Node& map, const std::string& key,
                                             const std::vector<std::string>& allowed, std::string_view what) {
  auto text = String(map, key, false);
  if (!text || std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
  Error(map[key],
        fmt::format("{}: неизвестное значение «{}»; допустимо: {}", what, *text, fmt::join(allowed, " или ")));
  return std::nullopt;
}

std::optional<bool> YamlReader::Boolean(const YAML::Node& map, const std::string& key) {
  auto text = String(map, key, false);
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "yes") return true;
  if (*text == "false" || *text == "no") return false;
  Error(map[key], fmt::format("«{}»: нужно true или false, а не «{}»", key, *text));
  return std::nullopt;
}

std::vector<std::string> YamlReader::StringList(const YAML::Node& map, const std::string& key) {
  std::vector<std::string> values;
  YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) return values;
  if (node.IsScalar()) {
    values.push_back(node.Scalar());
    return values;
  }
  if (!ExpectSequence(node, fmt::format("«{}»", key))) return values;
  for (const YAML::Node& item : node) {
    if (auto text = ScalarText(item, fmt::format("элемент «{}»", key))) values.push_back(*text);
  }
  return values;
}

}  // namespace vekha
