#include "importer/table_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/text.h"

namespace vekha::importer {

namespace {

// The first sequence that is not UTF-8 as (line, column in characters), if any.
std::optional<std::pair<int, int>> InvalidUtf8Position(std::string_view text) {
  size_t offset = FirstInvalidUtf8(text);
  if (offset == std::string_view::npos) return std::nullopt;
  std::string_view before = text.substr(0, offset);
  size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  int column = 1 + static_cast<int>(DecodeUtf8(before.substr(line_start)).size());
  return std::pair{line, column};
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::vector<std::string> Split(std::string_view line, char separator) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t end = line.find(separator, start);
    cells.emplace_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return cells;
    start = end + 1;
  }
}

void ReadTsv(std::string_view text, std::vector<TableRow>& out) {
  int number = 0;
  for (std::string_view line : Lines(text)) {
    ++number;
    out.push_back({number, Split(line, '\t')});
  }
}

Status ReadCsv(std::string_view text, const std::string& source, std::vector<TableRow>& out) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    TableRow row{line, {}};
    std::string cell;
    int quote_line = 0;
    int quote_column = 0;
    int column = 1;
    bool quoted = false;
    bool row_done = false;
    while (!row_done) {
      if (i >= text.size()) {
        if (quoted) {
          return Status::Error(
              fmt::format("{}:{}:{}: ячейка в кавычках, открытая здесь, не закрыта", source, quote_line, quote_column));
        }
        row_done = true;
        break;
      }
      char c = text[i++];
      if (quoted) {
        if (c == '"' && i < text.size() && text[i] == '"') {
          cell += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line;
          cell += c;
        }
      } else if (c == '"' && cell.empty()) {
        quoted = true;
        quote_line = line;
        quote_column = column;
      } else if (c == ',') {
        row.cells.push_back(std::move(cell));
        cell.clear();
      } else if (c == '\n') {
        ++line;
        row_done = true;
      } else if (c != '\r') {
        cell += c;
      }
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
    }
    row.cells.push_back(std::move(cell));
    out.push_back(std::move(row));
  }
  return Status::Ok();
}

bool IsRule(std::string_view line) {
  if (line.find('-') == std::string_view::npos) return false;
  for (char c : line) {
    if (c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t') return false;
  }
  return true;
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void ReadMarkdown(std::string_view text, std::vector<TableRow>& out) {
  int number = 0;
  for (std::string_view line : Lines(text)) {
    ++number;
    std::string_view trimmed = Trim(line);
    if (!trimmed.starts_with('|') || IsRule(trimmed)) continue;
    trimmed.remove_prefix(1);
    if (trimmed.ends_with('|') && !trimmed.ends_with("\\|")) trimmed.remove_suffix(1);
    TableRow row{number, {}};
    std::string cell;
    for (size_t i = 0; i < trimmed.size(); ++i) {
      if (trimmed[i] == '\\' && i + 1 < trimmed.size() && trimmed[i + 1] == '|') {
        cell += '|';
        ++i;
      } else if (trimmed[i] == '|') {
        row.cells.push_back(std::string(Trim(cell)));
        cell.clear();
      } else {
        cell += trimmed[i];
      }
    }
    row.cells.push_back(std::string(Trim(cell)));
    for (std::string& each : row.cells) {
      for (std::string_view br : {"<br>", "<br/>", "<br />"}) ReplaceAll(each, br, "\n");
    }
    out.push_back(std::move(row));
  }
}

}  // namespace

std::optional<TableFormat> ParseTableFormat(std::string_view name) {
  if (name == "tsv") return TableFormat::kTsv;
  if (name == "csv") return TableFormat::kCsv;
  if (name == "md") return TableFormat::kMarkdown;
  return std::nullopt;
}

TableFormat TableFormatOf(std::string_view file_name) {
  if (file_name.ends_with(".csv")) return TableFormat::kCsv;
  if (file_name.ends_with(".md")) return TableFormat::kMarkdown;
  return TableFormat::kTsv;
}

Status ReadTable(std::string_view text, TableFormat format, const std::string& source, std::vector<TableRow>& out) {
  out.clear();
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (auto invalid = InvalidUtf8Position(text)) {
    return Status::Error(fmt::format("{}:{}:{}: текст не в кодировке UTF-8 (сохраните таблицу в UTF-8)", source,
                                     invalid->first, invalid->second));
  }
  switch (format) {
    case TableFormat::kTsv:
      ReadTsv(text, out);
      break;
    case TableFormat::kCsv:
      return ReadCsv(text, source, out);
    case TableFormat::kMarkdown:
      ReadMarkdown(text, out);
      break;
  }
  return Status::Ok();
}

}  // namespace vekha::importer
