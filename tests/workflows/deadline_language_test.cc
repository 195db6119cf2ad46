// The language of Russian deadlines beyond the five seeds, as official roadmap tables from other
// regions write it (GIA, EGE and FGOS roadmaps, MSOKO regulations): reporting periods, working
// days, ranges, terms, weekdays and frequencies, each expanded to the dates a careful coordinator
// would write down (production calendar 2021-2024).
#include <gtest/gtest.h>

#include "tests/workflows/phrase_expectation.h"

namespace vekha {
namespace {

const Period k2022{"2022-01-01", "2022-12-31"};
const Period kSecondQuarter2022{"2022-04-01", "2022-06-30"};
const Period kThreeYears{"2022-01-01", "2024-12-31"};
const Period kSchoolYear{"2022-09-01", "2023-08-31", YearType::kAcademic};

const std::vector<SeedTiming> kOfficialForms = {
    {"в течение всего периода", k2022, "continuous", {"continuous 2022-01-01 -"}},
    // «с сентября 2021 года» (seed 001 L288): a duty from that month, not from the roadmap's start.
    {"с сентября 2021 года", {"2021-01-01", "2021-12-31"}, "continuous", {"continuous 2021-09-01 -"}},
    {"до 25 числа каждого месяца",
     kSecondQuarter2022,
     "monthly",
     {"2022-04 2022-04-01 2022-04-25", "2022-05 2022-05-01 2022-05-25", "2022-06 2022-06-01 2022-06-25>2022-06-27"}},
    // A recurrence bounded by years: nothing after 2010.
    {"2008 - 2010 ежемесячно",
     {"2010-11-01", "2011-02-28"},
     "monthly",
     {"2010-11 2010-11-01 2010-11-30", "2010-12 2010-12-01 2010-12-31"}},
    {"апрель, май - июнь, июль",
     k2022,
     "once",
     {"2022-04 2022-04-01 2022-04-30>2022-05-04", "2022-05 2022-05-01 2022-06-30",
      "2022-07 2022-07-01 2022-07-31>2022-08-01"}},
    {"Ежеквартально, до 5 числа месяца, следующего за отчетным кварталом",
     k2022,
     "quarterly",
     {"2022-Q1 2022-04-01 2022-04-05", "2022-Q2 2022-07-01 2022-07-05", "2022-Q3 2022-10-01 2022-10-05",
      "2022-Q4 2023-01-01 2023-01-05>2023-01-09"}},
    {"по итогам 1 квартала 2022 года", k2022, "once", {"once 2022-04-01 2022-04-30>2022-05-04"}},
    // Seed 002 L370: the calendar year even in a school-year roadmap, reported in January.
    {"ежегодно по итогам календарного года",
     kSchoolYear,
     "yearly",
     {"2022 2023-01-01 2023-01-31", "2023 2024-01-01 2024-01-31"}},
    // Seed 002 L549 (and six more systems): the whole next year is the window.
    {"в течение календарного года, следующего за отчетным периодом",
     k2022,
     "yearly",
     {"2022 2023-01-01 2023-12-31>2024-01-09"}},
    {"на 6-10-й рабочий день месяца, следующего за отчетным",
     {"2022-01-01", "2022-02-28"},
     "monthly",
     {"2022-01 2022-02-08 2022-02-14", "2022-02 2022-03-09 2022-03-15"}},
    {"с 1 февраля до 1 марта",
     kThreeYears,
     "yearly",
     {"2022 2022-02-01 2022-03-01", "2023 2023-02-01 2023-03-01", "2024 2024-02-01 2024-03-01"}},
    {"с 1 ноября по 1 марта 2023 года", k2022, "once", {"once 2022-11-01 2023-03-01"}},
    {"III–IV квартал", k2022, "once", {"once 2022-07-01 2022-12-31>2023-01-09"}},
    {"III-IV квартал 2023 года", kThreeYears, "once", {"once 2023-07-01 2023-12-31>2024-01-09"}},
    {"1 четверть", kSchoolYear, "once", {"once 2022-09-01 2022-10-31"}},
    {"по итогам четверти",
     kSchoolYear,
     "yearly",
     {"2022-09 2022-11-01 2022-11-30", "2022-11 2023-01-01 2023-01-31", "2023-01 2023-04-01 2023-04-30>2023-05-02",
      "2023-04 2023-06-01 2023-06-30"}},
    // 7 and 8 March 2022 were days off.
    {"по понедельникам",
     {"2022-03-07", "2022-03-20"},
     "weekly",
     {"2022-W10 2022-03-07 2022-03-07>2022-03-09", "2022-W11 2022-03-14 2022-03-14"}},
    {"до 15 января следующего года",
     kThreeYears,
     "yearly",
     {"2022 2023-01-01 2023-01-15>2023-01-16", "2023 2024-01-01 2024-01-15", "2024 2025-01-01 2025-01-15"}},
    {"не реже одного раза в квартал",
     k2022,
     "quarterly",
     {"2022-Q1 2022-01-01 2022-03-31", "2022-Q2 2022-04-01 2022-06-30", "2022-Q3 2022-07-01 2022-09-30",
      "2022-Q4 2022-10-01 2022-12-31>2023-01-09"}},
};

class DeadlineLanguageTest : public testing::TestWithParam<SeedTiming> {};

TEST_P(DeadlineLanguageTest, ExpandsToTheDatesACoordinatorWouldWrite) { ExpectOccurrences(GetParam()); }

INSTANTIATE_TEST_SUITE_P(OfficialForms, DeadlineLanguageTest, testing::ValuesIn(kOfficialForms),
                         [](const testing::TestParamInfo<SeedTiming>& param) {
                           return fmt::format("case_{:03}", param.index);
                         });

TimingSpec Parse(const char* phrase) {
  PhraseResult result = ParseTimingPhrase(phrase);
  EXPECT_TRUE(result.ok) << phrase << ": " << result.error.message;
  return result.spec;
}

// Phrases that say the same thing in the words of different orders read the same.
TEST(DeadlineLanguageTest, SynonymsReadAlike) {
  EXPECT_EQ(Parse("не позднее 10 августа"), Parse("до 10 августа"));
  EXPECT_EQ(Parse("не позже 10 августа"), Parse("до 10 августа"));
  EXPECT_EQ(Parse("не позднее чем 01.09.2022"), Parse("до 01.09.2022"));
  EXPECT_EQ(Parse("1-го числа каждого месяца"), Parse("ежемесячно до 1 числа"));
  EXPECT_EQ(Parse("до 10-го числа каждого месяца"), Parse("ежемесячно до 10 числа"));
  EXPECT_EQ(Parse("не реже 2 раз в год"), Parse("Два раза в год"));
  EXPECT_EQ(Parse("не реже 1 раза в месяц"), Parse("Ежемесячно"));
  EXPECT_EQ(Parse("3 раза в квартал"), Parse("Ежемесячно"));
  EXPECT_EQ(Parse("каждую неделю"), Parse("Еженедельно"));
  EXPECT_EQ(Parse("Ежеквартально, не позднее 5 числа месяца, следующего за отчетным кварталом"),
            Parse("ежеквартально (до 5 числа месяца, следующего за отчетным периодом)"));
  EXPECT_EQ(Parse("по итогам квартала"), Parse("ежеквартально, следующего за отчетным"));
  EXPECT_EQ(Parse("до 1 сентября текущего года"), Parse("до 1 сентября"));
  EXPECT_EQ(Parse("с 2023 года ежеквартально").since, (YearMonth{2023, 1}));
  EXPECT_FALSE(Parse("с 2023 года ежеквартально").until);
}

// «по мере необходимости, но не реже …»: the minimum is a schedule, not a task on demand.
TEST(DeadlineLanguageTest, OnDemandWithAMinimumIsTheMinimumSchedule) {
  PhraseResult result = ParseTimingPhrase("по мере необходимости, но не реже одного раза в квартал");
  ASSERT_TRUE(result.ok) << result.error.message;
  EXPECT_EQ(result.spec.repeat, Repeat::kQuarterly);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("минимум"), std::string::npos);

  PhraseResult broken = ParseTimingPhrase("по необходимости, но не реже 5 раз в год");
  ASSERT_FALSE(broken.ok);
  EXPECT_EQ(broken.error.column, 30);  // where «5» stands in the whole phrase
}

// Deadlines counted from an event: the span, its direction and the words that name the event
// (seed 002 L338 and L340; GIA and EGE roadmaps of other regions).
TEST(DeadlineLanguageTest, DeadlinesCountedFromAnEventNameTheEventAndTheSpan) {
  struct Case {
    const char* phrase;
    EventAnchor anchor;
  };
  for (const Case& each : std::vector<Case>{
           {"в течение не более чем 30 рабочих дней после официальной даты публикации (получения, утверждения, "
            "ознакомления) результатов",
            {"официальной даты публикации (получения, утверждения, ознакомления) результатов", false, 30,
             OffsetUnit::kWorkingDays}},
           {"не позднее чем через 30 рабочих дней после официальной даты получения результатов анализа",
            {"официальной даты получения результатов анализа", false, 30, OffsetUnit::kWorkingDays}},
           {"Не позднее чем за 2 недели до начала экзаменационного периода",
            {"начала экзаменационного периода", true, 2, OffsetUnit::kWeeks}},
           {"за день до проведения итогового сочинения",
            {"проведения итогового сочинения", true, 1, OffsetUnit::kDays}},
           {"через два года после включения ОО в проект", {"включения ОО в проект", false, 2, OffsetUnit::kYears}},
           // Seed 002 L647.
           {"в течение двух лет, следующих за периодом включения организации",
            {"периодом включения организации", false, 2, OffsetUnit::kYears}},
           {"в течение 3 календарных месяцев после получения результатов",
            {"получения результатов", false, 3, OffsetUnit::kMonths}},
       }) {
    TimingSpec spec = Parse(each.phrase);
    EXPECT_EQ(spec.repeat, Repeat::kEvent) << each.phrase;
    ASSERT_TRUE(spec.event) << each.phrase;
    EXPECT_EQ(*spec.event, each.anchor) << each.phrase;
  }
  EXPECT_FALSE(ParseTimingPhrase("в течение 2 рабочих недель после получения результатов").ok);
}

// Every form a refusal offers is itself accepted: the forms made for the phrase are tried, and
// the canonical ones (offered as nearest) all read.
TEST(DeadlineLanguageTest, TheCanonicalFormsAllRead) {
  for (const std::string& phrase : CanonicalTimingPhrases()) {
    EXPECT_TRUE(ParseTimingPhrase(phrase, 2022).ok) << phrase;
  }
}

// Every form a refusal offers is itself accepted.
TEST(DeadlineLanguageTest, EverySuggestionIsAccepted) {
  for (const char* broken : {"3 раза в год", "по итогам 01.06.2022", "Декабрь 202", "По необходимо сти", "01.11.22",
                             "Пять раз в год", "V квартал 2022", "после получения результатов", "каждого"}) {
    PhraseResult result = ParseTimingPhrase(broken, 2022);
    ASSERT_FALSE(result.ok) << broken;
    for (const std::string& suggestion : result.error.suggestions) {
      EXPECT_TRUE(ParseTimingPhrase(suggestion, 2022).ok) << broken << " → «" << suggestion << "»";
    }
  }
}

}  // namespace
}  // namespace vekha
