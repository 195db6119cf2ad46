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
  EXPECT_THAT(result.warnings, Contains(HasSubstr("через пробел")));
  EXPECT_TRUE(ParseTimingPhrase("Октябрь, апрель ежегодно").warnings.empty());
}

// Found by fuzzing (fuzz/timing_phrase_fuzzer.cc): a run of digits too long for an int overflowed
// while it was read. It is refused as a year, with invalid UTF-8 around it too.
TEST(TimingPhraseTest, AnOverlongNumberIsRefusedNotOverflowed) {
  std::string digits = "2022" + std::string(38, '3');
  PhraseResult plain = ParseTimingPhrase(digits + " 2 50");
  EXPECT_FALSE(plain.ok);
  EXPECT_THAT(plain.error.message, HasSubstr("в годе должно быть четыре цифры"));
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
        BrokenPhrase{"Декабрь 202", 9, "в годе должно быть четыре цифры, а написано «202»", "Декабрь 2022"},
        BrokenPhrase{"По необходимо сти", 4, "незнакомое слово «необходимо»", "По необходимости"},
        BrokenPhrase{"", 1, "срок не указан", nullptr},
        BrokenPhrase{"Ежегодно до 32 августа", 13, "32 августа — такого дня нет", nullptr},
        BrokenPhrase{"30.02.2022", 1, "30.02.2022 — такой даты нет", nullptr},
        BrokenPhrase{"01.11.22", 7, "в годе должно быть четыре цифры, а написано «22»", "01.11.2022"},
        BrokenPhrase{"январь - май - июнь", 16, "либо один промежуток месяцев", nullptr},
        BrokenPhrase{"Июнь 2021 - август", 13, "у промежутка нужен год и после последнего месяца", nullptr},
        BrokenPhrase{"Пять раз в год", 1, "незнакомое слово «пять»", nullptr},
        BrokenPhrase{"3 раза в год", 1, "3 раза за «год» — такого периода Веха не ведёт", "Ежеквартально"},
        BrokenPhrase{"не реже 2 раз в месяц", 9, "2 раза за «месяц» — такого периода", "Еженедельно"},
        BrokenPhrase{"каждого", 1, "после «каждый» нужен период", nullptr},
        BrokenPhrase{"по итогам 01.06.2022", 1, "требует отчётного периода", "по итогам календарного года"},
        // A deadline counted from an event needs its span and the event.
        BrokenPhrase{"после получения результатов", 1, "за сколько до события или через сколько после него", nullptr},
        BrokenPhrase{"в течение 30 рабочих дней после", 27, "назовите событие, от которого считается срок", nullptr},
        BrokenPhrase{"V квартал 2022", 1, "незнакомое слово «v»", nullptr},
        BrokenPhrase{"5 квартал 2022", 1, "номер квартала должен быть от 1 до 4", nullptr},
        BrokenPhrase{"квартал 2022", 1, "перед названием квартала нужен его номер", nullptr},
        BrokenPhrase{"ежемесячно до 45 числа", 15, "число месяца должно быть от 1 до 31", nullptr},
        BrokenPhrase{"до 15 числа", 4, "к числу месяца нужна периодичность", nullptr},
        BrokenPhrase{"2024-2022", 6, "годы заканчиваются раньше, чем начинаются", nullptr},
        BrokenPhrase{"Ежегодно 01.09.2022", 10, "полная дата не повторяется", nullptr},
        BrokenPhrase{"Сентяюрь 2021", 1, "незнакомое слово «сентяюрь»", "сентябрь 2021"}));

}  // namespace
}  // namespace vekha
