// Small Unicode text helpers for Russian input: UTF-8 decoding with character positions,
// lower-casing of Latin and Cyrillic, edit distance for "did you mean". Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vekha {

// Decodes UTF-8; an invalid byte becomes U+FFFD. Never fails.
std::u32string DecodeUtf8(std::string_view text);
// The byte offset of the first sequence that is not well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), or std::string_view::npos when there is none.
size_t FirstInvalidUtf8(std::string_view text);
// `text` with each byte that does not begin a well-formed UTF-8 sequence replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// Lower-cases A–Z and А–Я, and folds Ё/ё to е.
char32_t FoldCase(char32_t c);
std::u32string FoldCase(std::u32string_view text);

// A–Z lower-cased, every other byte as it is: file extensions, e-mail addresses, header names.
std::string AsciiLower(std::string_view text);

bool IsLetter(char32_t c);  // Latin or Cyrillic letter
bool IsDigit(char32_t c);

// Levenshtein distance over code points.
size_t EditDistance(std::u32string_view a, std::u32string_view b);

// The candidates closest to `word` (at most `limit`), each within `max_distance` edits; the
// comparison folds case. Ties keep the candidates' order.
std::vector<std::string> NearestWords(std::string_view word, const std::vector<std::string>& candidates,
                                      size_t max_distance, size_t limit = 3);

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string CsvField(const std::string& value);

// Text safe inside HTML elements and quoted attributes: & < > " ' escaped.
std::string EscapeHtml(std::string_view text);

// `text` without the spaces and tabs around it.
std::string_view Trim(std::string_view text);

// At most `limit` characters, ending in "…" when cut.
std::string Shorten(const std::string& text, size_t limit);

}  // namespace vekha
