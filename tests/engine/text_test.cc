// UTF-8 checking for text that comes from outside (forms, comments, file names, pasted tables):
// RFC 3629 well-formedness, and replacement that keeps the rest readable.
#include "engine/text.h"

#include <gtest/gtest.h>

namespace vekha {
namespace {

TEST(TextTest, WellFormedUtf8HasNoInvalidByte) {
  EXPECT_EQ(FirstInvalidUtf8(""), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("Сроки: ежегодно, 𝄞"), std::string_view::npos);
}

TEST(TextTest, EachKindOfIllFormedSequenceIsFoundWhereItStarts) {
  EXPECT_EQ(FirstInvalidUtf8("ab\xFF"), 2u);                    // not a lead byte
  EXPECT_EQ(FirstInvalidUtf8("a\xD0"), 1u);                     // cut short
  EXPECT_EQ(FirstInvalidUtf8("a\xD0z"), 1u);                    // not a continuation byte
  EXPECT_EQ(FirstInvalidUtf8("\xC0\x80"), 0u);                  // overlong NUL
  EXPECT_EQ(FirstInvalidUtf8("\xE0\x80\xAF"), 0u);              // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("ok\xED\xA0\x80"), 2u);            // a surrogate
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u);          // past U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("\xCF\xF0\xE8\xEA\xE0\xE7"), 0u);  // «Приказ» in cp1251
}

TEST(TextTest, ReplacementKeepsWhatIsReadable) {
  EXPECT_EQ(ReplaceInvalidUtf8("справка.pdf"), "справка.pdf");
  EXPECT_EQ(ReplaceInvalidUtf8("\xD1\xEF.pdf"), "\uFFFD\uFFFD.pdf");
  EXPECT_EQ(ReplaceInvalidUtf8("a\xED\xA0\x80z"), "a\uFFFD\uFFFD\uFFFDz");
}

}  // namespace
}  // namespace vekha
