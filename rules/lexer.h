// Lexer of the condition language: tokens with their 1-based character columns. Internal to rules/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vekha::rules {

enum class TokenKind {
  kIdentifier,  // also the keywords and, or, not, in, contains, true, false
  kNumber,
  kString,
  kDate,
  kOperator,  // == != < <= > >= ( ) [ ] ,
  kEnd,
  kError,  // text holds the message
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifier, operator, string contents, date text, or the error message
  double number = 0;
  int column = 1;
};

std::vector<Token> Lex(std::string_view text);

}  // namespace vekha::rules
