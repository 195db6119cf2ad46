// What a browser or an API client sends: query strings and url-encoded forms (percent-decoding,
// '+' as space) and multipart/form-data bodies (RFC 7578) with their files. Parsers refuse
// malformed input with a reason instead of guessing. Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"

namespace vekha::server {

// Field name → value; a repeated name keeps its last value.
using Fields = std::map<std::string, std::string>;

struct UploadedFile {
  std::string field;      // the form field it came in
  std::string file_name;  // as the client named it (not yet made safe)
  std::string content_type;
  std::string data;
};

struct FormData {
  Fields fields;
  std::vector<UploadedFile> files;
};

// The value of field `name`, or `fallback` when absent.
std::string FieldValue(const Fields& fields, const std::string& name, const std::string& fallback = "");

// "a=1&b=%D0%B0" → fields; nullopt on a broken percent escape.
std::optional<Fields> ParseUrlEncoded(std::string_view text);
// Decodes one percent-encoded component; nullopt on a broken escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
std::string PercentEncode(std::string_view text);

// The boundary of a "multipart/form-data; boundary=…" content type; empty when it has none.
std::string MultipartBoundary(std::string_view content_type);
// Parses a multipart/form-data body: parts without a file name become fields.
Status ParseMultipart(std::string_view body, std::string_view boundary, FormData& out);

// A file name safe to store under: the last path component of `name` (either slash), without
// control characters; "file" when nothing is left (".", "..", empty).
std::string SafeFileName(std::string_view name);
// `name` cut to at most `limit` bytes for the file system (a name component may hold 255), on a
// character boundary and keeping its extension: «…очень длинное название.pdf» → «…очень дл.pdf».
std::string FileSystemName(const std::string& name, size_t limit = 150);

}  // namespace vekha::server
