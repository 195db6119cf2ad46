// «Сроки» phrases → structured timings: tolerance of spelling and punctuation, and errors that say
// where and why with the nearest accepted forms.
#include "workflows/timing_phrase.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vekha {
namespace {

using testing::Contains;
using testing::HasSubstr;

TimingSpec Parse(const char* phrase) {
  PhraseResult result = ParseTimingPhrase(phrase);
  EXPECT_TRUE(result.ok) << phrase << ": " << result.error.message;
  return result.spec;
}

TEST(TimingPhraseTest, ToleratesDashesSpacesCaseAndLineBreaks) {
  TimingSpec expected;
  expected.repeat = Repeat::kOnce;
  expected.opens = MakeDate(2022, 6, 1);
  expected.due = MakeDate(2022, 6, 20);
  EXPECT_EQ(Parse("01.06. 2022- 20.06.2022 года"), expected);
  EXPECT_EQ(Parse("01.06.2022 — 20.06.2022 г."), expected);
  EXPECT_EQ(Parse("01.06.2022 – 20.06.\n2022"), expected);
  EXPECT_EQ(Parse("  С 01.06.2022 по 20.06.2022г  "), expected);
}

TEST(TimingPhraseTest, MonthsInEveryCase) {
  EXPECT_EQ(Parse("в августе ежегодно").months, (std::vector<int>{8}));
  EXPECT_EQ(Parse("ежегодно до 10 августа").by, (MonthDay{8, 10}));
  EXPECT_EQ(Parse("ДО ОКТЯБРЯ 2022 ГОДА").due, MakeDate(2022, 9, 30));
  EXPECT_EQ(Parse("Ёжегодно май").repeat, Repeat::kYearly);  // Ё folds to Е
}

TEST(TimingPhraseTest, StructuredFormsOfTheTable) {
  TimingSpec window = Parse("Июнь-август ежегодно");
  EXPECT_EQ(window.repeat, Repeat::kYearly);
  EXPECT_EQ(window.window, (MonthWindow{6, 8}));

  TimingSpec list = Parse("Февраль/ август ежегодно");
  EXPECT_EQ(list.months, (std::vector<int>{2, 8}));

  TimingSpec report = Parse("ежемесячно, до 5 числа месяца, следующего за отчетным");
  EXPECT_EQ(report.repeat, Repeat::kMonthly);
  EXPECT_EQ(report.due_day, 5);
  EXPECT_TRUE(report.report);

  TimingSpec same_month = Parse("ежемесячно до 5 числа");
  EXPECT_EQ(same_month.due_day, 5);
  EXPECT_FALSE(same_month.report);

  TimingSpec half = Parse("I полугодие 2023");
  EXPECT_EQ(half.repeat, Repeat::kOnce);
  EXPECT_EQ(half.half, 1);
  EXPECT_EQ(half.year, 2023);
  EXPECT_EQ(Parse("второе полугодие").repeat, Repeat::kYearly);

  TimingSpec since = Parse("с сентября 2021 ежемесячно");
  EXPECT_EQ(since.repeat, Repeat::kMonthly);
  EXPECT_EQ(since.since, (YearMonth{2021, 9}));

  TimingSpec external = Parse("Ежегодно по плану МОУО и МКУ «ЦРО», ОО");
  EXPECT_EQ(external.repeat, Repeat::kExternal);
  EXPECT_TRUE(external.external_yearly);
  EXPECT_EQ(external.plan, "Ежегодно по плану МОУО и МКУ «ЦРО», ОО");

  EXPECT_EQ(Parse("В период с 2023 по 2025 гг").to_year, 2025);
  EXPECT_TRUE(Parse("2022-23").school_years);
  EXPECT_FALSE(Parse("2022-2024").school_years);
}

TEST(TimingPhraseTest, BareSpaceBetweenMonthsWarns) {
  PhraseResult result = ParseTimingPhrase("Октябрь апрель ежегодно");
  ASSERT_TRUE(result.ok);
  EXPECT_THAT(result.warnings, Contains(HasSubstr("bare space")));
  EXPECT_TRUE(ParseTimingPhrase("Октябрь, апрель ежегодно").warnings.empty());
}

// Found by fuzzing (fuzz/timing_phrase_fuzzer.cc): a run of digits too long for an int overflowed
// while it was read. It is refused as a year, with invalid UTF-8 around it too.
TEST(TimingPhraseTest, AnOverlongNumberIsRefusedNotOverflowed) {
  std::string digits = "2022" + std::string(38, '3');
  PhraseResult plain = ParseTimingPhrase(digits + " 2 50");
  EXPECT_FALSE(plain.ok);
  EXPECT_THAT(plain.error.message, HasSubstr("year must have four digits"));
  EXPECT_FALSE(ParseTimingPhrase(digits + "\xCB 2\xD0"
                                          "2\xB3 50\xD0\xB3")
                   .ok);
}

struct BrokenPhrase {
  const char* phrase;
  int column;
  const char* message;
  const char* suggestion;  // one of the nearest accepted forms, or nullptr
};

class BrokenPhraseTest : public testing::TestWithParam<BrokenPhrase> {};

TEST_P(BrokenPhraseTest, SaysWhereWhyAndWhatIsNearest) {
  const BrokenPhrase& broken = GetParam();
  PhraseResult result = ParseTimingPhrase(broken.phrase, 2022);
  ASSERT_FALSE(result.ok) << broken.phrase;
  EXPECT_EQ(result.error.column, broken.column) << broken.phrase;
  EXPECT_THAT(result.error.message, HasSubstr(broken.message)) << broken.phrase;
  if (broken.suggestion != nullptr) {
    EXPECT_THAT(result.error.suggestions, Contains(broken.suggestion));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, BrokenPhraseTest,
    testing::Values(
        BrokenPhrase{"Декабрь 202", 9, "year must have four digits, got «202»", "Декабрь 2022"},
        BrokenPhrase{"По необходимо сти", 4, "unknown word «необходимо»", "По необходимости"},
        BrokenPhrase{"", 1, "the timing is empty", nullptr},
        BrokenPhrase{"Ежегодно до 32 августа", 13, "32 is not a day of августа", nullptr},
        BrokenPhrase{"30.02.2022", 1, "30.02.2022 is not a date", nullptr},
        BrokenPhrase{"01.11.22", 7, "year must have four digits, got «22»", "01.11.2022"},
        BrokenPhrase{"январь - май - июнь", 16, "either one range of months", nullptr},
        BrokenPhrase{"Июнь 2021 - август", 13, "the range needs a year after its last month", nullptr},
        BrokenPhrase{"Пять раз в год", 1, "unknown word «пять»", nullptr},
        BrokenPhrase{"3 раза в год", 1, "3 times per «год» is not a period Vekha tracks", "Ежеквартально"},
        BrokenPhrase{"не реже 2 раз в месяц", 9, "2 times per «месяц» is not a period", "Еженедельно"},
        BrokenPhrase{"каждого", 1, "«каждый» needs a period after it", nullptr},
        BrokenPhrase{"по итогам 01.06.2022", 1, "needs a period to report on", "по итогам календарного года"},
        // A deadline counted from an event needs its span and the event.
        BrokenPhrase{"после получения результатов", 1, "say how long before or after the event", nullptr},
        BrokenPhrase{"в течение 30 рабочих дней после", 27, "name the event the deadline counts from", nullptr},
        BrokenPhrase{"V квартал 2022", 1, "unknown word «v»", nullptr},
        BrokenPhrase{"5 квартал 2022", 1, "a quarter number must be 1–4", nullptr},
        BrokenPhrase{"квартал 2022", 1, "a quarter needs its number", nullptr},
        BrokenPhrase{"ежемесячно до 45 числа", 15, "a day of the month must be 1–31", nullptr},
        BrokenPhrase{"до 15 числа", 4, "a day of the month needs «ежемесячно»", nullptr},
        BrokenPhrase{"2024-2022", 6, "the span of years ends before it starts", nullptr},
        BrokenPhrase{"Ежегодно 01.09.2022", 10, "a full date cannot repeat", nullptr},
        BrokenPhrase{"Сентяюрь 2021", 1, "unknown word «сентяюрь»", "сентябрь 2021"}));

}  // namespace
}  // namespace vekha
