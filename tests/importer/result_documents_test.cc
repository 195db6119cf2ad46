// The documents an «Ожидаемый результат» cell names, with the real cells of seed 000's roadmap
// (order № 1901, L616-921) and seed 003's plans: documents are kept as written, outcomes and
// targets are not documents.
#include "importer/result_documents.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vekha::importer {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

TEST(ResultDocumentsTest, DocumentsAreNamedAndOutcomesAreNot) {
  // L621: the report, not the measures, decisions or the target after the slash.
  EXPECT_THAT(DocumentsNamedIn("Аналитическая справка, меры, управленческие решения/не более 5% детей дошкольного "
                               "возраста не обеспечены услугами дошкольного образования к 2025 году"),
              ElementsAre("Аналитическая справка"));
  // L697: a plan and the acts, sentence by sentence.
  EXPECT_THAT(DocumentsNamedIn("План контрольных тематических проверок. Акты проверок. Управленческие решения"),
              ElementsAre("План контрольных тематических проверок", "Акты проверок"));
  // L620: past the participle; each document once.
  EXPECT_THAT(DocumentsNamedIn("Разработаны положения, приказы УО"), ElementsAre("Положения", "Приказы УО"));
  // L661: the figure ends the name.
  EXPECT_THAT(DocumentsNamedIn("Заключены договоры 100%"), ElementsAre("Договоры"));
  // L672: up to two adjectives before the noun.
  EXPECT_THAT(DocumentsNamedIn("Разработана программа, мероприятия для родителей, разработаны адресные образовательные "
                               "программы по работе с обучающимися"),
              ElementsAre("Программа", "Адресные образовательные программы по работе с обучающимися"));
  // L678, L714 and seed 003's L2379.
  EXPECT_THAT(DocumentsNamedIn("педагоги, прошедшие КПК, удостоверения ПК"), ElementsAre("Удостоверения ПК"));
  EXPECT_THAT(DocumentsNamedIn("ПФХД"), ElementsAre("ПФХД"));
  EXPECT_THAT(DocumentsNamedIn("план-график повышения квалификации учителей"),
              ElementsAre("План-график повышения квалификации учителей"));
  // «Отчёт» with ё, as «отчет».
  EXPECT_THAT(DocumentsNamedIn("Отчёт о проведении конкурсов"), ElementsAre("Отчёт о проведении конкурсов"));
}

TEST(ResultDocumentsTest, OutcomesTargetsAndVerbalNounsAreNotDocuments) {
  EXPECT_THAT(DocumentsNamedIn("Исполнение дорожной карты проекта"), IsEmpty());    // L657
  EXPECT_THAT(DocumentsNamedIn("Количество принявших участие - 90%"), IsEmpty());   // L640
  EXPECT_THAT(DocumentsNamedIn("сформированы управленческие команды"), IsEmpty());  // L658
  EXPECT_THAT(DocumentsNamedIn("ОО обеспечены скоростным доступом в Интернет, используется банк данных РЭШ"),
              IsEmpty());  // L662
  EXPECT_THAT(DocumentsNamedIn("Наличие информации об образовательных запросах педагогов"), IsEmpty());
  EXPECT_THAT(DocumentsNamedIn("100 % по запросу"), IsEmpty());
  EXPECT_THAT(DocumentsNamedIn(""), IsEmpty());
}

}  // namespace
}  // namespace vekha::importer
