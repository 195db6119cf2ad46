#include "importer/roadmap_table.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <optional>
#include <regex>

#include "engine/embedded_file.h"
#include "engine/text.h"

namespace vekha::importer {

namespace {

enum Column { kTitle, kTiming, kResponsible, kResult, kColumnCount };

// Column titles by what they hold (data/import/column-titles.yaml, compiled in), longest first
// within each column, and the titles of numbering columns.
struct ColumnTitles {
  std::array<std::vector<std::u32string>, kColumnCount> words;
  std::vector<std::u32string> numbering;
};

std::vector<std::u32string> TitlesOf(const YAML::Node& list) {
  std::vector<std::u32string> titles;
  for (const YAML::Node& title : list) titles.push_back(FoldCase(DecodeUtf8(title.as<std::string>())));
  std::stable_sort(titles.begin(), titles.end(),
                   [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
  return titles;
}

const ColumnTitles& Titles() {
  static const ColumnTitles kTitles = [] {
    ColumnTitles titles;
    for (const EmbeddedFile& file : EmbeddedImportData()) {
      if (file.name != "column-titles.yaml") continue;
      YAML::Node root = YAML::Load(std::string(file.contents));
      for (auto [column, key] : {std::pair{kTitle, "title"}, std::pair{kTiming, "timing"},
                                 std::pair{kResponsible, "responsible"}, std::pair{kResult, "result"}}) {
        titles.words[column] = TitlesOf(root[key]);
      }
      titles.numbering = TitlesOf(root["numbering"]);
    }
    return titles;
  }();
  return kTitles;
}

bool IsNumberingHeader(const std::u32string& folded) {
  const std::vector<std::u32string>& numbering = Titles().numbering;
  return folded.starts_with(U"№") || std::find(numbering.begin(), numbering.end(), folded) != numbering.end();
}

// The row of column numbers official tables print under the header («1 | 2 | 3 | 4 | 5»).
bool IsColumnNumbering(const std::vector<std::string>& cells) {
  int expected = 1;
  for (const std::string& cell : cells) {
    if (cell.empty()) continue;
    if (cell != std::to_string(expected)) return false;
    ++expected;
  }
  return expected > 2;
}

std::optional<Column> HeaderColumn(const std::string& cell) {
  std::u32string folded = FoldCase(DecodeUtf8(CleanCell(cell)));
  for (size_t column = 0; column < kColumnCount; ++column) {
    for (const std::u32string& word : Titles().words[column]) {
      if (folded.starts_with(word)) return static_cast<Column>(column);
    }
  }
  return std::nullopt;
}

// Text that goes on from a line above: it starts with a lower-case letter.
bool ContinuesText(const std::string& text) {
  std::u32string decoded = DecodeUtf8(text.substr(0, 4));
  return !decoded.empty() && IsLetter(decoded.front()) && FoldCase(decoded.front()) == decoded.front();
}

// A row under the header whose every cell goes on in lower case («мероприятия», «п/п»): the
// header's second row.
bool ContinuesHeader(const TableRow& row) {
  bool any = false;
  for (const std::string& cell : row.cells) {
    std::string clean = CleanCell(cell);
    if (clean.empty()) continue;
    if (!ContinuesText(clean)) return false;
    any = true;
  }
  return any;
}

// Two rows' cells joined column by column with a space.
TableRow JoinRows(const TableRow& upper, const TableRow& lower) {
  TableRow joined = upper;
  if (joined.cells.size() < lower.cells.size()) joined.cells.resize(lower.cells.size());
  for (size_t i = 0; i < lower.cells.size(); ++i) {
    std::string more = CleanCell(lower.cells[i]);
    if (more.empty()) continue;
    std::string upper_text = CleanCell(joined.cells[i]);
    joined.cells[i] = upper_text.empty() ? more : upper_text + " " + more;
  }
  return joined;
}

struct Layout {
  std::array<int, kColumnCount> index{-1, -1, -1, -1};
  int number = -1;  // the numbering column, if any
  int width = 0;    // cells in the header row
};

std::optional<Layout> HeaderLayout(const TableRow& row) {
  Layout layout;
  layout.width = static_cast<int>(row.cells.size());
  for (size_t i = 0; i < row.cells.size(); ++i) {
    if (IsNumberingHeader(FoldCase(DecodeUtf8(CleanCell(row.cells[i]))))) {
      if (layout.number < 0) layout.number = static_cast<int>(i);
      continue;
    }
    if (auto column = HeaderColumn(row.cells[i]); column && layout.index[*column] < 0) {
      layout.index[*column] = static_cast<int>(i);
    }
  }
  if (layout.index[kTitle] < 0 || layout.index[kTiming] < 0) return std::nullopt;
  return layout;
}

std::string Cell(const TableRow& row, int index) {
  return index >= 0 && static_cast<size_t>(index) < row.cells.size() ? CleanCell(row.cells[static_cast<size_t>(index)])
                                                                     : "";
}

void Append(std::string& field, const std::string& more) {
  if (more.empty()) return;
  field += field.empty() ? more : " " + more;
}

// Section headings: «Проект 1. …», «Раздел II», «Направление …», «I. …» open the outer level;
// «1. …» the next; «1.2. …» the one below.
int HeadingLevel(const std::string& text) {
  static const std::regex kOuter(
      R"(^(Проект|ПРОЕКТ|Раздел|РАЗДЕЛ|Направление|НАПРАВЛЕНИЕ|Подпрограмма|[IVX]+\.)(\s|$))");
  static const std::regex kNested(R"(^\d+\.\d+\.?\s)");
  if (std::regex_search(text, kOuter)) return 0;
  if (std::regex_search(text, kNested)) return 2;
  return 1;
}

bool LooksLikeHeading(const std::string& text) {
  static const std::regex kHeading(
      R"(^(Проект|ПРОЕКТ|Раздел|РАЗДЕЛ|Направление|НАПРАВЛЕНИЕ|Подпрограмма|Задача|Цель|[IVX]+\.|\d+(\.\d+)*\.)(\s|$))");
  return std::regex_search(text, kHeading);
}

std::string JoinGroup(const std::vector<std::string>& headings) {
  std::string group;
  for (const std::string& heading : headings) {
    if (heading.empty()) continue;
    group += group.empty() ? heading : " / " + heading;
  }
  return group;
}

// «1.2. Текст» → ("1.2.", "Текст"); a bare «12» numbering cell pasted into the title is dropped.
std::pair<std::string, std::string> SplitNumber(const std::string& title) {
  static const std::regex kNumber(R"(^(\d+(\.\d+)*\.)\s+)");
  std::smatch match;
  if (std::regex_search(title, match, kNumber)) return {match[1].str(), match.suffix().str()};
  return {"", title};
}

}  // namespace

std::string CleanCell(std::string_view cell) {
  std::string text;
  text.reserve(cell.size());
  for (size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '<') {
      size_t end = cell.find('>', i);
      if (end != std::string_view::npos && end > i + 1 &&
          (std::isalpha(static_cast<unsigned char>(cell[i + 1])) || cell[i + 1] == '/')) {
        std::string tag(cell.substr(i + 1, end - i - 1));
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (tag.starts_with("br") || tag.starts_with("/p") || tag.starts_with("li") || tag.starts_with("/li"))
          text += '\n';
        i = end;
        continue;
      }
    }
    if (cell[i] == '&') {
      static const std::array<std::pair<std::string_view, std::string_view>, 6> kEntities = {
          {{"&quot;", "\""}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", " "}, {"&#39;", "'"}}};
      bool decoded = false;
      for (const auto& [entity, replacement] : kEntities) {
        if (cell.substr(i).starts_with(entity)) {
          text += replacement;
          i += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    if (cell.substr(i).starts_with("\xC2\xA0")) {  // no-break space
      text += ' ';
      ++i;
      continue;
    }
    text += cell[i] == '\t' || cell[i] == '\r' ? ' ' : cell[i];
  }
  // Collapse spaces within lines, drop empty lines, join the lines with one space: the YAML keeps
  // a cell on one line, as the loader's messages quote it.
  std::string clean;
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n') {
      pending_space = !clean.empty();
      continue;
    }
    if (pending_space) clean += ' ';
    pending_space = false;
    clean += c;
  }
  return clean;
}

Status ReadRoadmapTable(const std::vector<TableRow>& rows, const std::string& source, ImportedTable& out) {
  out = ImportedTable{};
  std::optional<Layout> layout;
  size_t header = 0;
  size_t first = 0;  // the first row after the header
  for (; header < rows.size() && !layout; ++header) {
    // A header over two rows («Наименование / мероприятия», «Срок / исполнения»): the second row's
    // cells go on from the first's and are read with them.
    if (header + 1 < rows.size() && ContinuesHeader(rows[header + 1])) {
      layout = HeaderLayout(JoinRows(rows[header], rows[header + 1]));
      first = header + 2;
    }
    if (!layout) {
      layout = HeaderLayout(rows[header]);
      first = header + 1;
    }
    if (layout) break;
  }
  if (!layout) {
    return Status::Error(fmt::format(
        "{}: не найдена шапка таблицы: нужна строка, где названы хотя бы столбец мероприятий («Мероприятие», "
        "«Наименование мероприятия» или «Содержание») и столбец сроков («Сроки», «Срок» или «Сроки исполнения»)",
        source));
  }
  out.header_line = rows[header].line;
  std::vector<std::string> headings(3);
  const auto& index = layout->index;
  int last_column = std::max({index[kTitle], index[kTiming], index[kResponsible], index[kResult]});
  for (size_t r = first; r < rows.size(); ++r) {
    const TableRow& row = rows[r];
    std::vector<std::string> cells;
    int filled = 0;
    for (const std::string& cell : row.cells) {
      cells.push_back(CleanCell(cell));
      if (!cells.back().empty()) ++filled;
    }
    if (filled == 0 || IsColumnNumbering(cells)) continue;
    ImportedRow current;
    current.lines = {row.line};
    current.title = Cell(row, index[kTitle]);
    current.timing = Cell(row, index[kTiming]);
    current.responsible = Cell(row, index[kResponsible]);
    current.result = Cell(row, index[kResult]);
    // A paste that split the responsible cell leaves extra cells before the last column: the
    // text between the responsible and the last non-empty cell belongs to the responsible.
    if (static_cast<int>(cells.size()) > layout->width && index[kResponsible] >= 0 && index[kResult] == last_column) {
      auto extra_begin = static_cast<size_t>(index[kResponsible] + 1);
      size_t last_filled = cells.size() - 1;
      while (last_filled > extra_begin && cells[last_filled].empty()) --last_filled;
      current.result = last_filled >= extra_begin ? cells[last_filled] : "";
      for (size_t i = extra_begin; i < last_filled; ++i) {
        if (!cells[i].empty()) current.merged_extra_cells = true;
        Append(current.responsible, cells[i]);
      }
    }
    bool only_title = filled == 1 && !current.title.empty();
    bool only_one_cell = row.cells.size() == 1;
    if (only_one_cell || (only_title && LooksLikeHeading(current.title))) {
      std::string heading = only_one_cell ? cells.front() : current.title;
      int level = HeadingLevel(heading);
      headings[static_cast<size_t>(level)] = heading;
      for (size_t deeper = static_cast<size_t>(level) + 1; deeper < headings.size(); ++deeper) headings[deeper].clear();
      out.groups.push_back(JoinGroup(headings));
      continue;
    }
    // The rest of a row a page break split: no title, or with no timing of its own a title going
    // on in lower case or without the number a numbered table gives each row. Its cells continue
    // the previous row's.
    bool unnumbered = layout->number >= 0 && Cell(row, layout->number).empty();
    if (current.title.empty() ||
        ((ContinuesText(current.title) || unnumbered) && current.timing.empty() && !out.rows.empty())) {
      if (out.rows.empty()) {
        return Status::Error(
            fmt::format("{}:{}: строка продолжает ячейки, но перед ней нет ни одного мероприятия", source, row.line));
      }
      ImportedRow& previous = out.rows.back();
      previous.lines.push_back(row.line);
      Append(previous.title, current.title);
      Append(previous.timing, current.timing);
      Append(previous.responsible, current.responsible);
      Append(previous.result, current.result);
      previous.merged_extra_cells |= current.merged_extra_cells;
      continue;
    }
    std::tie(current.number, current.title) = SplitNumber(current.title);
    current.group = JoinGroup(headings);
    out.rows.push_back(std::move(current));
  }
  return Status::Ok();
}

}  // namespace vekha::importer
