#include "importer/document_tables.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <pugixml.hpp>

#include "engine/text.h"
#include "engine/whole_file.h"

namespace vekha::importer {

namespace {

// Larger parts are refused: an order's text is a few megabytes, a zip bomb is not.
constexpr zip_uint64_t kMaxPartBytes = 64ULL << 20;
// Rows and columns one element may stand for («repeated» in OpenDocument): a blank row repeated
// a million times to the sheet's end stands for nothing worth reading.
constexpr int kMaxRepeat = 1000;
constexpr size_t kMaxColumns = 200;

// A count an attribute gives (a span, a repeat), within [minimum, kMaxRepeat]; `fallback` when absent.
int IntAttribute(const pugi::xml_node& node, const char* name, int fallback, int minimum = 1) {
  pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) return fallback;
  return std::clamp(attribute.as_int(fallback), minimum, kMaxRepeat);
}

// A cell's text: paragraphs as lines.
class CellText {
 public:
  void Text(std::string_view text) { line_ += text; }
  void LineBreak() { EndLine(); }
  void EndParagraph() { EndLine(); }
  std::string Take() {
    EndLine();
    while (!lines_.empty() && lines_.back().empty()) lines_.pop_back();
    std::string joined;
    for (const std::string& line : lines_) joined += (joined.empty() ? "" : "\n") + line;
    return joined;
  }

 private:
  void EndLine() {
    lines_.push_back(std::move(line_));
    line_.clear();
  }
  std::vector<std::string> lines_;
  std::string line_;
};

// Grid cells of one row: text, or empty when covered by a span from the left.
using GridRow = std::vector<std::string>;

// A cell merged down the rows: the text the rows below repeat, and how many rows remain (ODT).
struct DownSpan {
  std::string text;
  int rows_left = 0;
};

// A row of one cell merged across the whole width — a section heading — is one cell, as a paste
// gives it; other rows keep a cell per column.
GridRow WholeWidthAsOneCell(GridRow grid, size_t own_cells, int span) {
  if (own_cells == 1 && grid.size() > 1 && static_cast<size_t>(span) == grid.size()) grid.resize(1);
  return grid;
}

// ---------------------------------------------------------------- WordprocessingML

void DocxText(const pugi::xml_node& node, CellText& text) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:t") {
      text.Text(child.text().get());
    } else if (name == "w:tab") {
      text.Text(" ");
    } else if (name == "w:br" || name == "w:cr") {
      text.LineBreak();
    } else if (name == "w:p") {
      DocxText(child, text);
      text.EndParagraph();
    } else if (name == "w:tcPr" || name == "w:pPr" || name == "w:rPr" || name == "w:instrText" || name == "w:delText") {
      continue;  // properties, field codes and deleted text are not what the reader sees
    } else {
      DocxText(child, text);
    }
  }
}

// The cells of a row, looking through content controls (w:sdt) that may wrap them.
void DocxCells(const pugi::xml_node& node, std::vector<pugi::xml_node>& cells) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:tc") {
      cells.push_back(child);
    } else if (name == "w:sdt" || name == "w:sdtContent" || name == "w:customXml") {
      DocxCells(child, cells);
    }
  }
}

void DocxRows(const pugi::xml_node& node, std::vector<pugi::xml_node>& rows) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:tr") {
      rows.push_back(child);
    } else if (name == "w:sdt" || name == "w:sdtContent" || name == "w:customXml") {
      DocxRows(child, rows);
    }
  }
}

DocumentTable DocxTable(const pugi::xml_node& table) {
  DocumentTable out;
  std::vector<pugi::xml_node> rows;
  DocxRows(table, rows);
  GridRow above;
  for (const pugi::xml_node& row : rows) {
    GridRow grid;
    int before = IntAttribute(row.child("w:trPr").child("w:gridBefore"), "w:val", 0, 0);
    grid.resize(static_cast<size_t>(before));
    std::vector<pugi::xml_node> cells;
    DocxCells(row, cells);
    int widest_span = 0;
    for (const pugi::xml_node& cell : cells) {
      pugi::xml_node properties = cell.child("w:tcPr");
      int span = IntAttribute(properties.child("w:gridSpan"), "w:val", 1);
      widest_span = std::max(widest_span, span);
      pugi::xml_node merge = properties.child("w:vMerge");
      bool continues = merge && std::string_view(merge.attribute("w:val").as_string("continue")) != "restart";
      size_t column = grid.size();
      std::string text;
      if (continues) {
        text = column < above.size() ? above[column] : "";
      } else {
        CellText reader;
        DocxText(cell, reader);
        text = reader.Take();
      }
      grid.push_back(std::move(text));
      for (int k = 1; k < span && grid.size() < kMaxColumns; ++k) grid.emplace_back();
      if (grid.size() >= kMaxColumns) break;
    }
    above = grid;
    out.push_back(
        TableRow{static_cast<int>(out.size()) + 1, WholeWidthAsOneCell(std::move(grid), cells.size(), widest_span)});
  }
  return out;
}

// ---------------------------------------------------------------- OpenDocument

void OdtText(const pugi::xml_node& node, CellText& text) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text.Text(child.value());
    } else if (name == "text:s") {
      text.Text(std::string(static_cast<size_t>(IntAttribute(child, "text:c", 1)), ' '));
    } else if (name == "text:tab") {
      text.Text(" ");
    } else if (name == "text:line-break") {
      text.LineBreak();
    } else if (name == "text:p" || name == "text:h") {
      OdtText(child, text);
      text.EndParagraph();
    } else if (name == "office:annotation" || name == "text:note") {
      continue;  // comments and footnotes are not the cell's text
    } else {
      OdtText(child, text);
    }
  }
}

void OdtRows(const pugi::xml_node& node, std::vector<pugi::xml_node>& rows) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "table:table-row") {
      rows.push_back(child);
    } else if (name == "table:table-header-rows" || name == "table:table-rows" || name == "table:table-row-group") {
      OdtRows(child, rows);
    }
  }
}

DocumentTable OdtTable(const pugi::xml_node& table) {
  DocumentTable out;
  std::vector<pugi::xml_node> rows;
  OdtRows(table, rows);
  std::vector<DownSpan> down;  // per column
  for (const pugi::xml_node& row : rows) {
    GridRow grid;
    size_t own_cells = 0;
    int widest_span = 0;
    for (pugi::xml_node cell : row.children()) {
      std::string_view name = cell.name();
      if (name != "table:table-cell" && name != "table:covered-table-cell") continue;
      int repeat = IntAttribute(cell, "table:number-columns-repeated", 1);
      for (int r = 0; r < repeat && grid.size() < kMaxColumns; ++r) {
        size_t column = grid.size();
        if (down.size() <= column) down.resize(column + 1);
        if (name == "table:covered-table-cell") {
          grid.push_back(down[column].rows_left > 0 ? down[column].text : "");
          continue;
        }
        CellText reader;
        OdtText(cell, reader);
        std::string text = reader.Take();
        int columns = IntAttribute(cell, "table:number-columns-spanned", 1);
        ++own_cells;
        widest_span = std::max(widest_span, columns);
        int rows_spanned = IntAttribute(cell, "table:number-rows-spanned", 1);
        down[column] = DownSpan{text, rows_spanned};
        grid.push_back(std::move(text));
        // The columns the cell spans are covered cells in the file; they stay empty.
        for (int k = 1; k < columns && column + static_cast<size_t>(k) < kMaxColumns; ++k) {
          if (down.size() <= column + static_cast<size_t>(k)) down.resize(column + static_cast<size_t>(k) + 1);
          down[column + static_cast<size_t>(k)] = DownSpan{"", rows_spanned};
        }
      }
    }
    for (DownSpan& span : down) span.rows_left = std::max(span.rows_left - 1, 0);
    grid = WholeWidthAsOneCell(std::move(grid), own_cells, widest_span);
    int repeat = IntAttribute(row, "table:number-rows-repeated", 1);
    bool blank = std::all_of(grid.begin(), grid.end(), [](const std::string& cell) { return cell.empty(); });
    if (blank) repeat = 1;  // a blank row repeated to the end of the sheet is one blank row
    for (int r = 0; r < repeat; ++r) out.push_back(TableRow{static_cast<int>(out.size()) + 1, grid});
  }
  return out;
}

// Tables not inside another table, in document order (a table nested in a cell is that cell's).
void TopLevelTables(const pugi::xml_node& node, std::string_view table_name, std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (child.name() == table_name) {
      out.push_back(child);
    } else {
      TopLevelTables(child, table_name, out);
    }
  }
}

// ---------------------------------------------------------------- HTML

void HtmlText(xmlNode* node, CellText& text) {
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      // HTML collapses white space; so does CleanCell later, line by line.
      std::string content = reinterpret_cast<const char*>(child->content);
      std::replace_if(
          content.begin(), content.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
      text.Text(content);
      continue;
    }
    if (child->type != XML_ELEMENT_NODE) continue;
    std::string_view name = reinterpret_cast<const char*>(child->name);
    if (name == "br") {
      text.LineBreak();
    } else if (name == "script" || name == "style") {
      continue;
    } else if (name == "p" || name == "div" || name == "li" || name == "tr") {
      HtmlText(child, text);
      text.EndParagraph();
    } else {
      HtmlText(child, text);
    }
  }
}

int HtmlSpan(xmlNode* cell, const char* name) {
  xmlChar* value = xmlGetProp(cell, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return 1;
  int span = std::clamp(std::atoi(reinterpret_cast<const char*>(value)), 1, kMaxRepeat);
  xmlFree(value);
  return span;
}

bool IsElement(xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && reinterpret_cast<const char*>(node->name) == name;
}

void HtmlRows(xmlNode* node, std::vector<xmlNode*>& rows) {
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (IsElement(child, "tr")) {
      rows.push_back(child);
    } else if (IsElement(child, "thead") || IsElement(child, "tbody") || IsElement(child, "tfoot")) {
      HtmlRows(child, rows);
    }
  }
}

DocumentTable HtmlTable(xmlNode* table) {
  DocumentTable out;
  std::vector<xmlNode*> rows;
  HtmlRows(table, rows);
  std::vector<DownSpan> down;  // per column: a cell above that spans into the rows below
  for (xmlNode* row : rows) {
    GridRow grid;
    size_t own_cells = 0;
    int widest_span = 0;
    // Columns a cell above still covers are not in the row's HTML: they repeat the cell's text.
    auto fill_covered = [&] {
      while (grid.size() < down.size() && down[grid.size()].rows_left > 0) {
        DownSpan& span = down[grid.size()];
        --span.rows_left;
        grid.push_back(span.text);
      }
    };
    for (xmlNode* cell = row->children; cell != nullptr && grid.size() < kMaxColumns; cell = cell->next) {
      if (!IsElement(cell, "td") && !IsElement(cell, "th")) continue;
      fill_covered();
      CellText reader;
      HtmlText(cell, reader);
      std::string text = reader.Take();
      int columns = HtmlSpan(cell, "colspan");
      int rows_spanned = HtmlSpan(cell, "rowspan");
      ++own_cells;
      widest_span = std::max(widest_span, columns);
      for (int k = 0; k < columns && grid.size() < kMaxColumns; ++k) {
        if (down.size() <= grid.size()) down.resize(grid.size() + 1);
        down[grid.size()] = DownSpan{k == 0 ? text : "", rows_spanned - 1};
        grid.push_back(k == 0 ? text : "");
      }
    }
    fill_covered();
    out.push_back(
        TableRow{static_cast<int>(out.size()) + 1, WholeWidthAsOneCell(std::move(grid), own_cells, widest_span)});
  }
  return out;
}

void HtmlTopLevelTables(xmlNode* node, std::vector<xmlNode*>& out) {
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (IsElement(child, "table")) {
      out.push_back(child);
    } else {
      HtmlTopLevelTables(child, out);
    }
  }
}

struct HtmlDocumentFree {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
struct HtmlContextFree {
  void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};

Status ReadHtmlTables(std::string_view html, const std::string& source, std::vector<DocumentTable>& out) {
  std::unique_ptr<htmlParserCtxt, HtmlContextFree> context(htmlNewParserCtxt());
  if (!context) return Status::Unavailable("libxml2 не создал разборщик HTML");
  // The page's own <meta charset> decides the encoding (portals still serve windows-1251).
  std::unique_ptr<xmlDoc, HtmlDocumentFree> document(
      htmlCtxtReadMemory(context.get(), html.data(), static_cast<int>(html.size()), source.c_str(), nullptr,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (!document || xmlDocGetRootElement(document.get()) == nullptr) {
    return Status::Error(fmt::format("{}: не удалось прочитать как веб-страницу (HTML)", source));
  }
  // A byte the page's charset has no character for stops the parser there: refuse, never read in part.
  int error = context->errNo;
  if (error == XML_I18N_CONV_FAILED || error == XML_ERR_INVALID_ENCODING || error == XML_ERR_UNSUPPORTED_ENCODING ||
      error == XML_ERR_INVALID_CHAR) {
    return Status::Error(fmt::format(
        "{}: текст страницы не соответствует её кодировке (meta charset); сохраните страницу заново", source));
  }
  std::vector<xmlNode*> tables;
  HtmlTopLevelTables(xmlDocGetRootElement(document.get()), tables);
  for (xmlNode* table : tables) out.push_back(HtmlTable(table));
  return Status::Ok();
}

// ---------------------------------------------------------------- archives

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

Status ReadPart(const std::string& path, const char* part, std::string& out) {
  int error_code = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &error_code));
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::Error(fmt::format("{}: не удалось открыть как документ (zip-архив): {}", path, reason));
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive.get(), part, 0, &stat) != 0) {
    return Status::Error(
        fmt::format("{}: в документе нет части {} — файл повреждён или это не тот формат", path, part));
  }
  if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxPartBytes) {
    return Status::Error(
        fmt::format("{}: часть {} больше {} МБ — такой документ не читается", path, part, kMaxPartBytes >> 20));
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen(archive.get(), part, 0));
  if (!file) return Status::Error(fmt::format("{}: не удалось прочитать часть {}", path, part));
  out.assign(stat.size, '\0');
  zip_int64_t read = zip_fread(file.get(), out.data(), stat.size);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return Status::Error(fmt::format("{}: часть {} повреждена (прочитано не всё)", path, part));
  }
  return Status::Ok();
}

}  // namespace

std::optional<DocumentFormat> DocumentFormatOf(std::string_view file_name) {
  std::string lower = AsciiLower(file_name);
  if (lower.ends_with(".docx")) return DocumentFormat::kDocx;
  if (lower.ends_with(".odt")) return DocumentFormat::kOdt;
  if (lower.ends_with(".html") || lower.ends_with(".htm")) return DocumentFormat::kHtml;
  return std::nullopt;
}

Status ReadDocumentTablesFromXml(std::string_view xml, DocumentFormat format, const std::string& source,
                                 std::vector<DocumentTable>& out) {
  out.clear();
  if (format == DocumentFormat::kHtml) return ReadHtmlTables(xml, source, out);
  pugi::xml_document document;
  pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return Status::Error(
        fmt::format("{}: XML документа повреждён (байт {}): {}", source, parsed.offset, parsed.description()));
  }
  const char* table_name = format == DocumentFormat::kDocx ? "w:tbl" : "table:table";
  std::vector<pugi::xml_node> tables;
  TopLevelTables(document, table_name, tables);
  for (const pugi::xml_node& table : tables) {
    out.push_back(format == DocumentFormat::kDocx ? DocxTable(table) : OdtTable(table));
  }
  return Status::Ok();
}

Status ReadDocumentTables(const std::string& path, DocumentFormat format, std::vector<DocumentTable>& out) {
  if (format == DocumentFormat::kHtml) {
    std::optional<std::string> page = ReadWholeFile(path);
    if (!page) return Status::Error(fmt::format("{}: не удалось прочитать файл", path));
    if (page->size() > kMaxPartBytes) {
      return Status::Error(fmt::format("{}: страница больше {} МБ — такая не читается", path, kMaxPartBytes >> 20));
    }
    return ReadDocumentTablesFromXml(*page, format, path, out);
  }
  const char* part = format == DocumentFormat::kDocx ? "word/document.xml" : "content.xml";
  std::string xml;
  if (Status status = ReadPart(path, part, xml); !status.ok()) return status;
  return ReadDocumentTablesFromXml(xml, format, path + ":" + part, out);
}

}  // namespace vekha::importer
