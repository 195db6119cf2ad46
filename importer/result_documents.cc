#include "importer/result_documents.h"

#include <algorithm>
#include <array>

#include "engine/text.h"

namespace vekha::importer {

namespace {

// Phrases longer than this describe an outcome at length; they are not a document's name.
constexpr size_t kLongestName = 160;

// Document nouns as a result cell writes them, folded: singular and plural nominative.
constexpr std::array<std::u32string_view, 44> kDocumentNouns = {
    U"справка",  U"справки",     U"приказ",        U"приказы",       U"протокол",     U"протоколы",    U"план",
    U"планы",    U"план-график", U"планы-графики", U"отчет",         U"отчеты",       U"положение",    U"положения",
    U"акт",      U"акты",        U"карта",         U"карты",         U"реестр",       U"реестры",      U"договор",
    U"договоры", U"соглашение",  U"соглашения",    U"программа",     U"программы",    U"рекомендации", U"информация",
    U"смета",    U"сметы",       U"пфхд",          U"удостоверения", U"документация", U"проект",       U"проекты",
    U"порядок",  U"регламент",   U"регламенты",    U"паспорт",       U"паспорта",     U"анализ",       U"аналитика",
    U"банк",     U"расписание"};

// Past participles that open a phrase about a made document: «Разработаны положения».
constexpr std::array<std::u32string_view, 10> kMadeStems = {U"разработан", U"подготовлен", U"утвержден", U"составлен",
                                                            U"заключен",   U"издан",       U"принят",    U"сформирован",
                                                            U"обновлен",   U"внесен"};

bool IsAdjective(std::u32string_view word) {
  // Verbal nouns end like adjectives: «исполнение», «развитие».
  if (word.ends_with(U"ние") || word.ends_with(U"тие")) return false;
  for (std::u32string_view ending : {U"ая", U"ый", U"ий", U"ое", U"ые", U"ие", U"ой"}) {
    if (word.size() > ending.size() + 2 && word.ends_with(ending)) return true;
  }
  return false;
}

bool StartsWithAny(std::u32string_view word, const auto& stems) {
  return std::any_of(stems.begin(), stems.end(), [&](std::u32string_view stem) { return word.starts_with(stem); });
}

std::vector<std::u32string> Words(std::u32string_view phrase) {
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : phrase) {
    if (c == U' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += FoldCase(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::u32string Trimmed(std::u32string_view text) {
  size_t first = text.find_first_not_of(U" \t\n");
  if (first == std::u32string_view::npos) return {};
  size_t last = text.find_last_not_of(U" \t\n-–—:");
  return std::u32string(text.substr(first, last - first + 1));
}

// The document a phrase names (as written, without the participle or trailing figures), or "".
std::u32string DocumentOf(std::u32string phrase) {
  // Figures end the name: «договоры 100%», «не менее 2 в год».
  size_t figure = phrase.find_first_of(U"0123456789%");
  if (figure != std::u32string::npos) phrase = Trimmed(std::u32string_view(phrase).substr(0, figure));
  if (phrase.empty() || phrase.size() > kLongestName) return {};
  std::vector<std::u32string> words = Words(phrase);
  size_t head = 0;
  size_t skipped_chars = 0;
  if (!words.empty() && StartsWithAny(words[0], kMadeStems)) {
    skipped_chars = phrase.find(U' ') == std::u32string::npos ? phrase.size() : phrase.find(U' ') + 1;
    head = 1;
  }
  for (int adjectives = 0; head < words.size(); ++head, ++adjectives) {
    bool noun = std::find(kDocumentNouns.begin(), kDocumentNouns.end(), words[head]) != kDocumentNouns.end();
    if (noun) return Trimmed(std::u32string_view(phrase).substr(skipped_chars));
    if (adjectives == 2 || !IsAdjective(words[head])) return {};
  }
  return {};
}

}  // namespace

std::vector<std::string> DocumentsNamedIn(const std::string& result_cell) {
  std::vector<std::string> documents;
  std::u32string cell = DecodeUtf8(result_cell);
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find_first_of(U".;,/\n", start);
    if (end == std::u32string::npos) end = cell.size();
    std::u32string document = DocumentOf(Trimmed(std::u32string_view(cell).substr(start, end - start)));
    if (!document.empty()) {
      // «ё» as «е» in the nouns above; the name keeps the cell's own letters, capitalised.
      char32_t first = document[0];
      if (first >= U'а' && first <= U'я') document[0] = first - (U'а' - U'А');
      if (first == U'ё') document[0] = U'Ё';
      if (first >= U'a' && first <= U'z') document[0] = first - (U'a' - U'A');
      std::string name = EncodeUtf8(document);
      if (std::find(documents.begin(), documents.end(), name) == documents.end()) documents.push_back(std::move(name));
    }
    start = end + 1;
  }
  return documents;
}

}  // namespace vekha::importer
