// Matching «Ответственные» cells: the coordinator's map first, then role titles and people's
// names, case and quotes aside; near misses taken with a note; the rest returned unmatched.
#include "importer/party_matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importer/roadmap_yaml.h"
#include "tests/status_matchers.h"

namespace vekha::importer {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;

Deployment Directory() {
  Deployment directory;
  directory.roles = {{"head", "Начальник управления образования"},
                     {"nmc-director", "Директор МБОУ ДПО «Научно-методический центр»"},
                     {"director", "Руководитель образовательной организации"}};
  directory.people = {Person{"dashkovskaya", "Дашковская Н.Ю.", "", "", "", {{"head", "uo", {}, {}}}, {}},
                      Person{"davydova", "Давыдова И.В.", "", "", "", {{"nmc-director", "nmc", {}, {}}}, {}},
                      Person{"povarich", "Поварич Н.А.", "", "", "", {{"director", "gymnasium-1", {}, {}}}, {}},
                      Person{"litasova", "Литасова Ю.В.", "", "", "", {{"director", "school-99", {}, {}}}, {}}};
  return directory;
}

PartyMatcher Matcher(const std::string& map = "") {
  PartyMatcher matcher;
  Status status = PartyMatcher::Create(Directory(), map, "map.yaml", matcher);
  EXPECT_THAT(status, IsOk()) << status.message();
  return matcher;
}

TEST(PartyMatcherTest, RoleTitlesMatchAsideFromCaseQuotesAndFinalPunctuation) {
  PartyMatch match =
      Matcher().Match("начальник управления образования, Директор МБОУ ДПО \"Научно-методический центр\".");
  // A role held at one organisation is that organisation's; one held at several is the task's own.
  EXPECT_THAT(match.meaning.parties, ElementsAre("head@uo", "nmc-director@nmc"));
  EXPECT_THAT(match.unmatched, IsEmpty());
  EXPECT_THAT(Matcher().Match("Руководитель образовательной организации").meaning.parties, ElementsAre("director"));
  EXPECT_THAT(Matcher().Match("Давыдова И.В.").meaning.parties, ElementsAre("davydova"));
}

TEST(PartyMatcherTest, TheMapGoesFirstAndMayFanOutToKinds) {
  PartyMatcher matcher = Matcher(
      "responsible:\n"
      "  \"Управление образования\": head@uo\n"
      "  \"руководители ОО\": {party: director, for: {kind: school}}\n"
      "  \"Заведующие ТОО Руководители ОО\": {party: [territorial-head, director], for: {kind: [school]}}\n");
  PartyMatch match = matcher.Match("Управление образования, НМЦ, Руководители ОО");
  EXPECT_THAT(match.meaning.parties, ElementsAre("head@uo", "director"));
  EXPECT_THAT(match.meaning.for_kinds, ElementsAre("school"));
  EXPECT_THAT(match.unmatched, ElementsAre("НМЦ"));
  EXPECT_THAT(matcher.Match("Заведующие ТОО Руководители ОО").meaning.parties,
              ElementsAre("territorial-head", "director"));
}

// Seed 000's «ШНОР» rows go to the schools tagged so; a key the map does not know is refused.
TEST(PartyMatcherTest, TheMapFansOutToTaggedSchoolsAndRefusesUnknownKeys) {
  PartyMatcher matcher =
      Matcher("responsible:\n  \"Руководители ШНОР\": {party: director, for: {kind: school, tag: shnor}}\n");
  PartyMatch match = matcher.Match("Руководители ШНОР");
  EXPECT_THAT(match.meaning.for_kinds, ElementsAre("school"));
  EXPECT_THAT(match.meaning.for_tags, ElementsAre("shnor"));
  PartyMatcher refused;
  Status status = PartyMatcher::Create(Directory(), "responsible:\n  ШНОР: {party: director, for: {kinds: school}}\n",
                                       "map.yaml", refused);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("map.yaml:2:"));
  status = PartyMatcher::Create(Directory(), "responsible:\n  ШНОР: {party: director, for: {tags: shnor}, note: x}\n",
                                "map.yaml", refused);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("неизвестный ключ «note»"));
}

TEST(PartyMatcherTest, CommasInsideQuotesOrParenthesesDoNotSplit) {
  PartyMatcher matcher = Matcher("responsible:\n  \"МАУ «Отдых, оздоровление»\": head@uo\n");
  EXPECT_THAT(matcher.Match("МАУ «Отдых, оздоровление»").meaning.parties, ElementsAre("head@uo"));
  EXPECT_THAT(matcher.Match("Отдел (кадры, юристы)").unmatched, ElementsAre("Отдел (кадры, юристы)"));
}

TEST(PartyMatcherTest, ATypingSlipIsTakenWithANote) {
  PartyMatch match = Matcher("responsible:\n  \"Управление образования\": head@uo\n").Match("Управление образование");
  EXPECT_THAT(match.meaning.parties, ElementsAre("head@uo"));
  EXPECT_THAT(match.notes, ElementsAre("«Управление образование» прочитано как «Управление образования»"));
  // Short phrases must match exactly: «ОУ» is not «ОО».
  EXPECT_THAT(Matcher("responsible:\n  ОО: director\n").Match("ОУ").unmatched, ElementsAre("ОУ"));
}

TEST(PartyMatcherTest, AMalformedMapIsRefusedWithItsPosition) {
  PartyMatcher matcher;
  Status status = PartyMatcher::Create(Directory(), "responsible:\n  УО: {for: {kind: school}}\n", "map.yaml", matcher);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("map.yaml:2:"));
  EXPECT_THAT(status.message(), HasSubstr("ожидалась сторона"));
  status = PartyMatcher::Create(Directory(), "responsible: [a\n", "map.yaml", matcher);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("map.yaml:"));
}

// Seed 000's order: the head keeps control (L18), her deputy coordinates; nobody confirms their own
// work or their superior's.
TEST(PartyMatcherTest, TheConfirmerIsTheFirstPartyAboveEveryResponsibleOne) {
  PartyMatcher matcher = Matcher("confirm: [deputy-general@uo, head@uo]\nresponsible: {}\n");
  EXPECT_EQ(matcher.ConfirmerFor({"preschool-department@uo"}), "deputy-general@uo");
  EXPECT_EQ(matcher.ConfirmerFor({"deputy-general@uo", "legal-department@uo"}), "head@uo");
  EXPECT_EQ(matcher.ConfirmerFor({"head@uo"}), "");
  EXPECT_EQ(Matcher("responsible: {}\n").ConfirmerFor({"director"}), "");

  PartyMatcher refused;
  Status unknown = PartyMatcher::Create(Directory(), "confirmers: [head@uo]\nresponsible: {}\n", "map.yaml", refused);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.message(),
              HasSubstr("map.yaml:1:1: неизвестный ключ «confirmers»; допустимы «responsible» и «confirm»"));
  Status shape = PartyMatcher::Create(Directory(), "confirm: {head: uo}\nresponsible: {}\n", "map.yaml", refused);
  ASSERT_FALSE(shape.ok());
  EXPECT_THAT(shape.message(), HasSubstr("map.yaml:1:10: «confirm» принимает сторону"));
}

TEST(PartyMatcherTest, SlugsAreTransliteratedAndCutAtAWord) {
  EXPECT_EQ(SlugOf("Разработка локальных НПА"), "razrabotka-lokalnyh-npa");
  EXPECT_EQ(SlugOf("Мониторинг количества детей, зарегистрированных на получение услуг"),
            "monitoring-kolichestva-detej");
  EXPECT_EQ(SlugOf("«Щит» — 2022!"), "shhit-2022");
  EXPECT_EQ(SlugOf("—"), "activity");
}

}  // namespace
}  // namespace vekha::importer
