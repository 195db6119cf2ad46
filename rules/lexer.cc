#include "rules/lexer.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace vekha::rules {

namespace {

bool IsIdentifierStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentifierPart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> tokens;
  int column = 1;
  size_t i = 0;
  auto advance = [&](size_t to) {
    for (; i < to; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // count characters
    }
  };
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      advance(i + 1);
      continue;
    }
    Token token;
    token.column = column;
    size_t end = i + 1;
    if (IsIdentifierStart(c)) {
      while (end < text.size() && IsIdentifierPart(text[end])) ++end;
      token.kind = TokenKind::kIdentifier;
      token.text = std::string(text.substr(i, end - i));
    } else if (IsDigit(c)) {
      while (end < text.size() && (IsDigit(text[end]) || text[end] == '.' || text[end] == '-')) ++end;
      std::string_view literal = text.substr(i, end - i);
      if (literal.size() == 10 && literal[4] == '-' && literal[7] == '-') {
        token.kind = TokenKind::kDate;
        token.text = std::string(literal);
      } else {
        auto [parsed, error] = std::from_chars(literal.data(), literal.data() + literal.size(), token.number);
        if (error != std::errc() || parsed != literal.data() + literal.size()) {
          token.kind = TokenKind::kError;
          token.text = fmt::format("«{}» — не число и не дата (ГГГГ-ММ-ДД)", literal);
        } else {
          token.kind = TokenKind::kNumber;
        }
      }
    } else if (c == '"') {
      while (end < text.size() && text[end] != '"') ++end;
      if (end == text.size()) {
        token.kind = TokenKind::kError;
        token.text = "строка не закрыта кавычкой \"";
      } else {
        token.kind = TokenKind::kString;
        token.text = std::string(text.substr(i + 1, end - i - 1));
        ++end;
      }
    } else {
      std::string_view two = text.substr(i, 2);
      if (two == "==" || two == "!=" || two == "<=" || two == ">=") {
        end = i + 2;
        token.kind = TokenKind::kOperator;
        token.text = std::string(two);
      } else if (c == '<' || c == '>' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        token.kind = TokenKind::kOperator;
        token.text = std::string(1, c);
      } else {
        // One whole UTF-8 character, for the message.
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
        token.kind = TokenKind::kError;
        bool letter = (static_cast<unsigned char>(c) & 0x80) != 0;
        token.text = fmt::format("лишний символ «{}»{}", text.substr(i, end - i),
                                 c == '='              ? "; сравнение пишется =="
                                 : c == '\'' || letter ? "; текст пишется в двойных кавычках (\"…\")"
                                                       : "");
      }
    }
    tokens.push_back(std::move(token));
    if (tokens.back().kind == TokenKind::kError) return tokens;
    advance(end);
  }
  tokens.push_back(Token{TokenKind::kEnd, "", 0, column});
  return tokens;
}

}  // namespace vekha::rules
