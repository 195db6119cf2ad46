#include "server/form_data.h"

#include <fmt/format.h>

#include <cctype>

#include "engine/text.h"

namespace vekha::server {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of `parameter` in a header like `form-data; name="x"; filename="y"`.
std::optional<std::string> HeaderParameter(std::string_view header, std::string_view parameter) {
  size_t at = 0;
  while ((at = header.find(';', at)) != std::string_view::npos) {
    std::string_view rest = Trim(header.substr(at + 1));
    at += 1;
    if (rest.substr(0, parameter.size()) != parameter || rest.size() <= parameter.size() ||
        rest[parameter.size()] != '=') {
      continue;
    }
    std::string_view value = rest.substr(parameter.size() + 1);
    if (!value.empty() && value.front() == '"') {
      std::string unquoted;
      for (size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
          unquoted += value[++i];
        } else if (value[i] == '"') {
          return unquoted;
        } else {
          unquoted += value[i];
        }
      }
      return std::nullopt;  // no closing quote
    }
    return std::string(Trim(value.substr(0, value.find(';'))));
  }
  return std::nullopt;
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FieldValue(const Fields& fields, const std::string& name, const std::string& fallback) {
  auto found = fields.find(name);
  return found == fields.end() ? fallback : found->second;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string decoded;
  decoded.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      decoded += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (text[i] == '+' && plus_is_space) {
      decoded += ' ';
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

std::string PercentEncode(std::string_view text) {
  std::string encoded;
  for (char raw : text) {
    auto c = static_cast<unsigned char>(raw);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return encoded;
}

std::optional<Fields> ParseUrlEncoded(std::string_view text) {
  Fields fields;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    auto name = PercentDecode(pair.substr(0, equals), true);
    auto value = PercentDecode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!name || !value) return std::nullopt;
    fields[*name] = *value;
  }
  return fields;
}

std::string MultipartBoundary(std::string_view content_type) {
  if (!StartsWithIgnoringCase(Trim(content_type), "multipart/form-data")) return "";
  std::optional<std::string> boundary = HeaderParameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return "";
  return *boundary;
}

Status ParseMultipart(std::string_view body, std::string_view boundary, FormData& out) {
  const std::string delimiter = fmt::format("--{}", boundary);
  size_t at = body.find(delimiter);
  if (boundary.empty() || at == std::string_view::npos) return Status::Error("в форме нет частей");
  at += delimiter.size();
  while (true) {
    if (body.substr(at, 2) == "--") return Status::Ok();  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return Status::Error("после границы части формы нет перевода строки");
    at += 2;
    size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return Status::Error("у части формы не закончены заголовки");
    std::string_view headers = body.substr(at, headers_end - at);
    size_t content_start = headers_end + 4;
    size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return Status::Error("форма обрывается посреди части");
    std::string_view content = body.substr(content_start, next - content_start);

    std::optional<std::string> name;
    std::optional<std::string> file_name;
    std::string content_type = "application/octet-stream";
    while (!headers.empty()) {
      size_t line_end = headers.find("\r\n");
      std::string_view line = headers.substr(0, line_end);
      headers = line_end == std::string_view::npos ? std::string_view() : headers.substr(line_end + 2);
      if (StartsWithIgnoringCase(line, "content-disposition:")) {
        std::string_view value = Trim(line.substr(20));
        if (!StartsWithIgnoringCase(value, "form-data")) return Status::Error("часть формы не form-data");
        name = HeaderParameter(value, "name");
        file_name = HeaderParameter(value, "filename");
      } else if (StartsWithIgnoringCase(line, "content-type:")) {
        content_type = std::string(Trim(line.substr(13)));
      }
    }
    if (!name) return Status::Error("у части формы нет имени");
    if (file_name) {
      if (!file_name->empty()) out.files.push_back({*name, *file_name, content_type, std::string(content)});
    } else {
      out.fields[*name] = std::string(content);
    }
    at = next + 2 + delimiter.size();
  }
}

std::string SafeFileName(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string safe;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) safe += c;
  }
  if (safe.empty() || safe == "." || safe == "..") return "file";
  return safe;
}

std::string FileSystemName(const std::string& name, size_t limit) {
  if (name.size() <= limit) return name;
  size_t dot = name.rfind('.');
  std::string extension = dot != std::string::npos && dot > 0 && name.size() - dot <= 16 ? name.substr(dot) : "";
  size_t keep = limit - extension.size();
  // Back off to the start of a UTF-8 character.
  while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
  return name.substr(0, keep) + extension;
}

}  // namespace vekha::server
