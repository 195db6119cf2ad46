#include "workflows/timing_phrase.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "engine/russian_count.h"
#include "engine/text.h"

namespace vekha {

namespace {

// ---------------------------------------------------------------------------------------------
// Vocabulary

struct MonthForms {
  int month;
  std::array<std::u32string_view, 3> forms;  // nominative, genitive, prepositional
};

constexpr std::array<MonthForms, 12> kMonths = {{
    {1, {U"январь", U"января", U"январе"}},
    {2, {U"февраль", U"февраля", U"феврале"}},
    {3, {U"март", U"марта", U"марте"}},
    {4, {U"апрель", U"апреля", U"апреле"}},
    {5, {U"май", U"мая", U"мае"}},
    {6, {U"июнь", U"июня", U"июне"}},
    {7, {U"июль", U"июля", U"июле"}},
    {8, {U"август", U"августа", U"августе"}},
    {9, {U"сентябрь", U"сентября", U"сентябре"}},
    {10, {U"октябрь", U"октября", U"октябре"}},
    {11, {U"ноябрь", U"ноября", U"ноябре"}},
    {12, {U"декабрь", U"декабря", U"декабре"}},
}};

// Words that carry no meaning of their own here («года», «в срок», «месяца»…).
constexpr std::array<std::u32string_view, 32> kFillers = {
    U"г",     U"гг",     U"год",   U"года",     U"годы",    U"годов",   U"году",     U"в",
    U"во",    U"срок",   U"сроки", U"течение",  U"период",  U"периода", U"периодом", U"за",
    U"на",    U"месяца", U"месяц", U"далее",    U"не",      U"реже",    U"учебного", U"учебный",
    U"числа", U"число",  U"чем",   U"текущего", U"текущий", U"текущем", U"день",     U"дня",
};

// The period a word names, after «каждого», «по итогам», «отчетным» or «в течение».
enum class PeriodWord { kNone, kYear, kHalf, kQuarter, kMonth, kWeek, kTerm };

PeriodWord PeriodOfWord(std::u32string_view word) {
  if (word == U"год" || word == U"года" || word == U"году" || word == U"годом") return PeriodWord::kYear;
  if (word.starts_with(U"полугоди")) return PeriodWord::kHalf;
  if (word.starts_with(U"квартал")) return PeriodWord::kQuarter;
  if (word.starts_with(U"месяц")) return PeriodWord::kMonth;
  if (word.starts_with(U"недел")) return PeriodWord::kWeek;
  if (word == U"четверть" || word == U"четверти" || word == U"четвертей") return PeriodWord::kTerm;
  return PeriodWord::kNone;
}

// The months of the school terms («четверти») as most school calendars have them; a school whose
// terms differ writes its months.
constexpr std::array<MonthWindow, 4> kSchoolTerms = {{{9, 10}, {11, 12}, {1, 3}, {4, 5}}};

// Days of the week as «по понедельникам» writes them.
std::optional<int> WeekdayOfWord(std::u32string_view word) {
  constexpr std::array<std::u32string_view, 7> kStems = {U"понедельник", U"вторник", U"сред",      U"четверг",
                                                         U"пятниц",      U"суббот",  U"воскресень"};
  for (size_t day = 0; day < kStems.size(); ++day) {
    if (word.starts_with(kStems[day])) return static_cast<int>(day) + 1;
  }
  return std::nullopt;
}

// Endings written after a number to make it an ordinal: «1-го», «6-10-й», «15-е».
bool IsOrdinalEnding(std::u32string_view word) {
  for (std::u32string_view ending :
       {U"го", U"й", U"ый", U"ий", U"ого", U"е", U"ое", U"я", U"ая", U"ой", U"ым", U"ом"}) {
    if (word == ending) return true;
  }
  return false;
}

// Accepted phrases, for "the nearest accepted forms" in errors.
const std::vector<std::string>& CanonicalPhrases() {
  static const std::vector<std::string> kPhrases = {
      "Ежегодно",
      "Август ежегодно",
      "Ежегодно январь, май",
      "Июнь-август ежегодно",
      "Ежегодно III квартал",
      "Два раза в год",
      "Ежеквартально",
      "ежеквартально (до 15 числа месяца, следующего за отчетным периодом)",
      "Ежемесячно",
      "ежемесячно до 5 числа",
      "Еженедельно",
      "Ежегодно, в срок до 10 августа",
      "Июнь 2021",
      "Сентябрь – октябрь 2021",
      "Октябрь 2021 - июль 2022",
      "Май 2021 года, ежегодно",
      "Январь 2022 (далее – ежемесячно)",
      "1 квартал 2022 года",
      "I полугодие 2023",
      "2022",
      "2022-2024",
      "01.11.2022",
      "До 31.03.2022",
      "01.06.2022 - 20.06.2022",
      "До октября 2022 года",
      "До 2025 года",
      "Постоянно",
      "На постоянной основе",
      "По необходимости",
      "По запросу",
      "По плану УО",
      "По графику",
      "В течение года",
      "до 25 числа каждого месяца",
      "Ежеквартально, до 5 числа месяца, следующего за отчетным кварталом",
      "по итогам календарного года",
      "по итогам 1 квартала 2022 года",
      "в течение календарного года, следующего за отчетным периодом",
      "не реже 1 раза в квартал",
      "2022 - 2024 ежемесячно",
      "с 1 февраля до 1 марта",
      "III - IV квартал 2022",
      "по понедельникам",
      "на 6-10-й рабочий день месяца, следующего за отчетным",
      "в течение всего периода",
      "с сентября 2021 года",
  };
  return kPhrases;
}

const std::vector<std::string>& KnownWords() {
  static const std::vector<std::string> kWords = [] {
    std::vector<std::string> words;
    for (const MonthForms& month : kMonths) {
      for (std::u32string_view form : month.forms) words.push_back(EncodeUtf8(form));
    }
    for (const char* word :
         {"ежегодно",   "ежемесячно", "ежеквартально", "еженедельно",   "квартал", "полугодие", "раз",
          "раза",       "до",         "постоянно",     "необходимости", "запросу", "плану",     "графику",
          "следующего", "каждого",    "итогам",        "позднее",       "рабочий", "четверть",  "календарного",
          "отчетным"}) {
      words.emplace_back(word);
    }
    return words;
  }();
  return kWords;
}

std::optional<int> MonthOfWord(std::u32string_view word) {
  for (const MonthForms& month : kMonths) {
    for (std::u32string_view form : month.forms) {
      if (word == form) return month.month;
    }
  }
  return std::nullopt;
}

bool StartsWith(std::u32string_view word, std::u32string_view prefix) {
  return word.substr(0, prefix.size()) == prefix;
}

// ---------------------------------------------------------------------------------------------
// Tokens: words, numbers and punctuation with their 1-based columns.

enum class TokenType { kWord, kNumber, kPunct };

struct Token {
  TokenType type;
  std::u32string text;
  int column;
};

char32_t NormalizePunct(char32_t c) {
  switch (c) {
    case U'\u2010':
    case U'\u2011':
    case U'\u2012':
    case U'\u2013':
    case U'\u2014':
    case U'\u2015':
    case U'\u2212':
      return U'-';
    default:
      return c;
  }
}

std::vector<Token> Tokenize(const std::u32string& text) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < text.size();) {
    char32_t c = NormalizePunct(text[i]);
    int column = static_cast<int>(i) + 1;
    if (IsLetter(c)) {
      size_t end = i;
      while (end < text.size() && IsLetter(text[end])) ++end;
      tokens.push_back({TokenType::kWord, FoldCase(text.substr(i, end - i)), column});
      i = end;
    } else if (IsDigit(c)) {
      size_t end = i;
      while (end < text.size() && IsDigit(text[end])) ++end;
      tokens.push_back({TokenType::kNumber, text.substr(i, end - i), column});
      i = end;
    } else {
      if (c == U'-' || c == U',' || c == U'/' || c == U';' || c == U'.' || c == U'+') {
        tokens.push_back({TokenType::kPunct, std::u32string(1, c), column});
      }
      ++i;  // spaces, parentheses, quotes, colons and the like only separate
    }
  }
  // «1-го числа», «6-10-й рабочий день»: an ordinal's ending adds nothing to its number.
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (tokens[i].type == TokenType::kNumber && tokens[i + 1].type == TokenType::kPunct && tokens[i + 1].text == U"-" &&
        tokens[i + 2].type == TokenType::kWord && IsOrdinalEnding(tokens[i + 2].text)) {
      tokens.erase(tokens.begin() + static_cast<long>(i) + 1, tokens.begin() + static_cast<long>(i) + 3);
    }
  }
  return tokens;
}

// The value of a run of digits; a run too long for any day, quarter or year a phrase can name
// (found by fuzzing: "2022333…" overflowed) reads as kTooLargeNumber, which nothing accepts.
constexpr int kTooLargeNumber = 1'000'000;

int NumberValue(const std::u32string& digits) {
  int value = 0;
  for (char32_t c : digits) {
    value = value * 10 + static_cast<int>(c - U'0');
    if (value >= kTooLargeNumber) return kTooLargeNumber;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Atoms: the meaningful pieces of a date-like phrase.

enum class AtomType {
  kMonth,       // value = month
  kYear,        // value = four-digit year
  kNumber,      // value = a small number (day, quarter or half number, two-digit year)
  kDate,        // date
  kDayMonth,    // value = day, month = month (no year)
  kQuarter,     // value = 1..4
  kHalf,        // value = 1..2
  kDueDay,      // value = day of month («до 15 числа»)
  kWorkingDay,  // value = the Nth working day of a month («на 10-й рабочий день»)
  kWeekday,     // value = 1 (Monday) .. 7
  kTerm,        // value = school term 1..4 («1 четверть»)
  kDash,
  kListSep,
  kBefore,  // «до»
  kBy,      // «к»
  kFrom,    // «с»
  kTo,      // «по»
};

struct Atom {
  AtomType type;
  int value = 0;
  int month = 0;
  Date date{};
  int column = 1;
  size_t digits = 0;    // for numbers
  bool spaced = false;  // kMonth: follows another month with no separator
};

struct Markers {
  std::optional<Repeat> frequency;
  int frequency_column = 1;
  bool yearly_word = false;    // «ежегодно», «раз в год», «в течение года»
  bool report = false;         // «следующего за отчетным», «по итогам»
  bool calendar_year = false;  // «календарного года»
  bool each_term = false;      // «по итогам четверти»: every school term
  int within_months = 1;  // «в течение квартала / года, следующего за…»: 3 / 12
};

class PhraseParser {
 public:
  // `check_suggestions`: offer only the nearest forms that are themselves accepted.
  PhraseParser(std::string_view phrase, int suggestion_year, bool check_suggestions = true)
      : original_(phrase),
        text_(DecodeUtf8(phrase)),
        suggestion_year_(suggestion_year),
        check_suggestions_(check_suggestions) {}

  PhraseResult Parse() {
    tokens_ = Tokenize(text_);
    if (tokens_.empty()) return Fail("срок не указан", 1);
    if (auto kind = DetectWholePhraseKind()) return *kind;
    if (!BuildAtoms()) return result_;
    return Interpret();
  }

 private:
  // ----- whole-phrase kinds: external, on-demand, continuous

  bool HasWordStarting(std::u32string_view prefix) const {
    return std::any_of(tokens_.begin(), tokens_.end(), [&](const Token& token) {
      return token.type == TokenType::kWord && StartsWith(token.text, prefix);
    });
  }
  bool HasWord(std::u32string_view word) const {
    return std::any_of(tokens_.begin(), tokens_.end(),
                       [&](const Token& token) { return token.type == TokenType::kWord && token.text == word; });
  }
  bool HasWords(std::u32string_view first, std::u32string_view second) const {
    for (size_t i = 0; i + 1 < tokens_.size(); ++i) {
      if (tokens_[i].text == first && tokens_[i + 1].text == second) return true;
    }
    return false;
  }

  bool MentionsYearly() const {
    return HasWordStarting(U"ежегодн") || HasWords(U"течение", U"года") || HasWords(U"течение", U"год") ||
           (HasWord(U"год") && (HasWord(U"раз") || HasWord(U"раза")));
  }

  // Where a word starts in the tokens, or tokens_.size().
  size_t FindWord(std::u32string_view word, size_t from = 0) const {
    for (size_t i = from; i < tokens_.size(); ++i) {
      if (tokens_[i].type == TokenType::kWord && tokens_[i].text == word) return i;
    }
    return tokens_.size();
  }

  // «в течение 30 рабочих дней после получения результатов», «за 2 недели до начала экзаменов»,
  // «через два года после включения ОО в проект»: a deadline counted from something that happens.
  bool CountsFromAnEvent() const {
    if (HasWord(U"после") || HasWord(U"через") || HasWords(U"следующих", U"за")) return true;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].text != U"за") continue;
      size_t k = i + 1;
      if (k < tokens_.size() && (tokens_[k].type == TokenType::kNumber || OrdinalOrRoman(tokens_[k].text))) ++k;
      if (k >= tokens_.size()) break;
      const std::u32string& unit = tokens_[k].text;
      bool span = unit.starts_with(U"дн") || unit == U"день" || unit == U"дня" ||
                  (PeriodOfWord(unit) != PeriodWord::kNone && PeriodOfWord(unit) != PeriodWord::kTerm);
      if (span && FindWord(U"до", k) < tokens_.size()) return true;
    }
    return false;
  }

  std::optional<PhraseResult> DetectWholePhraseKind() {
    PhraseResult result;
    result.ok = true;
    if (CountsFromAnEvent()) return ReadEventAnchor();
    if (auto minimum = MinimumSchedule()) return minimum;
    if (HasWordStarting(U"план") || HasWordStarting(U"график") || HasWords(U"сроками", U"проведения") ||
        HasWords(U"срокам", U"проведения")) {
      result.spec.repeat = Repeat::kExternal;
      result.spec.plan = Trimmed();
      result.spec.external_yearly = MentionsYearly();
      return result;
    }
    if (HasWordStarting(U"необходимост") || HasWord(U"запросу") || HasWord(U"заявке") || HasWords(U"по", U"мере")) {
      result.spec.repeat = Repeat::kOnDemand;
      return result;
    }
    if (HasWord(U"постоянно") || HasWords(U"постоянной", U"основе") || HasWord(U"протяжении") ||
        HasWords(U"всего", U"периода") || HasWords(U"весь", U"период") || HasWords(U"всего", U"срока")) {
      result.spec.repeat = Repeat::kContinuous;
      return result;
    }
    return std::nullopt;
  }

  // A count written in digits or words («30», «два», «двух», «одного»); 1 for a bare unit («за день»).
  static std::optional<int> CountWord(const Token& token) {
    if (token.type == TokenType::kNumber) return NumberValue(token.text);
    static constexpr std::array<std::pair<std::u32string_view, int>, 14> kWords = {{{U"один", 1},
                                                                                    {U"одного", 1},
                                                                                    {U"одну", 1},
                                                                                    {U"два", 2},
                                                                                    {U"две", 2},
                                                                                    {U"двух", 2},
                                                                                    {U"три", 3},
                                                                                    {U"трех", 3},
                                                                                    {U"четыре", 4},
                                                                                    {U"пять", 5},
                                                                                    {U"пяти", 5},
                                                                                    {U"десять", 10},
                                                                                    {U"десяти", 10},
                                                                                    {U"тридцать", 30}}};
    for (const auto& [word, value] : kWords) {
      if (token.text == word) return value;
    }
    return std::nullopt;
  }

  static std::optional<OffsetUnit> UnitWord(std::u32string_view word) {
    if (word.starts_with(U"дн") || word == U"день" || word == U"дня") return OffsetUnit::kDays;
    if (word.starts_with(U"недел")) return OffsetUnit::kWeeks;
    if (word.starts_with(U"месяц")) return OffsetUnit::kMonths;
    if (word == U"год" || word == U"года" || word == U"лет") return OffsetUnit::kYears;
    return std::nullopt;
  }

  // «в течение 30 рабочих дней после получения результатов», «через два года после включения ОО в
  // проект», «в течение двух лет, следующих за периодом включения организации», «не позднее чем за 2 недели до начала
  // экзаменационного периода», «за день до проведения итогового сочинения»: a span and the event, named by the words
  // after «после» or «до». The loader resolves those words to one of the deployment's events.
  PhraseResult ReadEventAnchor() {
    // «в течение двух лет, следующих за периодом включения организации» reads as «после».
    size_t following = FindWord(U"следующих");
    size_t after = std::min(FindWord(U"после"), following == tokens_.size() ? following : following + 1);
    size_t before_from = FindWord(U"за");
    bool before = after == tokens_.size();
    size_t anchor = before ? FindWord(U"до", before_from) : after;
    if (anchor == tokens_.size() || anchor + 1 == tokens_.size()) {
      return Fail("после «после» или «до» назовите событие, от которого считается срок", tokens_.back().column);
    }
    // The span: a count (or none: «за день», «через год») and its unit, before the anchor word.
    EventAnchor event;
    event.before = before;
    bool unit_found = false;
    bool working = false;
    int count = 1;
    for (size_t i = before ? before_from + 1 : 0; i < anchor; ++i) {
      const Token& token = tokens_[i];
      if (auto value = CountWord(token)) {
        count = *value;
      } else if (StartsWith(token.text, U"рабоч")) {
        working = true;
      } else if (StartsWith(token.text, U"календарн")) {
        working = false;
      } else if (auto unit = UnitWord(token.text); unit && !unit_found) {
        event.unit = *unit;
        unit_found = true;
      }
    }
    if (!unit_found) {
      return Fail(
          "укажите, за сколько до события или через сколько после него: «за 2 недели до …», «в течение 30 рабочих дней "
          "после …»",
          tokens_[anchor].column);
    }
    if (count < 1 || count > 3650) return Fail("срок должен быть от 1 до 3650", tokens_[anchor].column);
    if (working && event.unit != OffsetUnit::kDays) {
      return Fail("рабочие дни считаются днями («30 рабочих дней»), а не неделями или месяцами",
                  tokens_[anchor].column);
    }
    if (working) event.unit = OffsetUnit::kWorkingDays;
    event.amount = count;
    event.event = Trimmed(static_cast<size_t>(tokens_[anchor + 1].column - 1));
    result_.spec.repeat = Repeat::kEvent;
    result_.spec.event = std::move(event);
    result_.ok = true;
    return result_;
  }

  // «по мере необходимости, но не реже одного раза в квартал»: the minimum is the schedule, read
  // from «не реже» on.
  std::optional<PhraseResult> MinimumSchedule() {
    size_t on_demand = std::min({FindWord(U"необходимости"), FindWord(U"запросу"), FindWord(U"мере")});
    size_t at_least = FindWord(U"реже", on_demand);
    if (on_demand == tokens_.size() || at_least == tokens_.size() || at_least == 0) return std::nullopt;
    size_t offset = static_cast<size_t>(tokens_[at_least - 1].column - 1);
    PhraseResult minimum = PhraseParser(EncodeUtf8(text_.substr(offset)), suggestion_year_).Parse();
    if (!minimum.ok) {
      minimum.error.column += static_cast<int>(offset);
      return minimum;
    }
    minimum.warnings.push_back("учитывается минимум («не реже …»): одна задача за каждый период");
    return minimum;
  }

  // The phrase from character `from` on (0-based, in characters), spaces collapsed.
  std::string Trimmed(size_t from = 0) const {
    std::string text = from == 0 ? std::string(original_) : EncodeUtf8(text_.substr(from));
    std::string collapsed;
    bool space = false;
    for (char c : text) {
      bool is_space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
      if (is_space) {
        space = !collapsed.empty();
        continue;
      }
      if (space) collapsed.push_back(' ');
      space = false;
      collapsed.push_back(c);
    }
    return collapsed;
  }

  // ----- atoms

  bool BuildAtoms() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      const Token& token = tokens_[i];
      if (token.type == TokenType::kNumber) {
        if (!ReadNumber(i)) return false;
      } else if (token.type == TokenType::kPunct) {
        if (token.text == U"-") {
          atoms_.push_back({.type = AtomType::kDash, .column = token.column});
        } else if (token.text != U".") {
          atoms_.push_back({.type = AtomType::kListSep, .column = token.column});
        }
      } else if (!ReadWord(i)) {
        return false;
      }
    }
    return true;
  }

  const Token* Peek(size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
  bool IsPunct(size_t i, std::u32string_view text) const {
    const Token* token = Peek(i);
    return token && token->type == TokenType::kPunct && token->text == text;
  }
  bool IsNumber(size_t i) const {
    const Token* token = Peek(i);
    return token && token->type == TokenType::kNumber;
  }

  bool ReadNumber(size_t& i) {
    const Token& token = tokens_[i];
    // DD.MM.YYYY, with stray spaces tolerated («01.11. 2022»); DD.MM. without a year.
    if (token.text.size() <= 2 && IsPunct(i + 1, U".") && IsNumber(i + 2) && tokens_[i + 2].text.size() <= 2) {
      int day = NumberValue(token.text);
      int month = NumberValue(tokens_[i + 2].text);
      size_t next = i + 3;
      if (IsPunct(next, U".")) ++next;
      if (IsNumber(next)) {
        const Token& year = tokens_[next];
        if (year.text.size() != 4) {
          return YearDigitsError(year);
        }
        Date date = MakeDate(NumberValue(year.text), month, day);
        if (!date.ok()) {
          return FailBool(fmt::format("{:02}.{:02}.{} — такой даты нет", day, month, EncodeUtf8(year.text)),
                          token.column);
        }
        atoms_.push_back({.type = AtomType::kDate, .date = date, .column = token.column});
        i = next;
        return true;
      }
      if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(2024, month)) {
        return FailBool(fmt::format("{:02}.{:02} — такого дня в году нет", day, month), token.column);
      }
      atoms_.push_back({.type = AtomType::kDayMonth, .value = day, .month = month, .column = token.column});
      i = next - 1;
      return true;
    }
    int value = NumberValue(token.text);
    const Token* next = Peek(i + 1);
    if (next && next->type == TokenType::kWord && (next->text == U"числа" || next->text == U"число")) {
      if (value < 1 || value > 31) return FailBool("число месяца должно быть от 1 до 31", token.column);
      atoms_.push_back({.type = AtomType::kDueDay, .value = value, .column = token.column});
      ++i;
      return true;
    }
    if (token.text.size() == 4) {
      atoms_.push_back({.type = AtomType::kYear, .value = value, .column = token.column, .digits = 4});
      return true;
    }
    if (token.text.size() > 2) return YearDigitsError(token);
    atoms_.push_back({.type = AtomType::kNumber, .value = value, .column = token.column, .digits = token.text.size()});
    return true;
  }

  bool ReadWord(size_t& i) {
    const Token& token = tokens_[i];
    const std::u32string& word = token.text;
    if (auto month = MonthOfWord(word)) {
      bool spaced = !atoms_.empty() && atoms_.back().type == AtomType::kMonth;
      if (!atoms_.empty() && atoms_.back().type == AtomType::kNumber && atoms_.back().digits <= 2) {
        Atom& day = atoms_.back();
        if (day.value < 1 || day.value > DaysInMonth(2024, *month)) {
          return FailBool(fmt::format("{} {} — такого дня нет", day.value, EncodeUtf8(word)), day.column);
        }
        day.type = AtomType::kDayMonth;
        day.month = *month;
        return true;
      }
      atoms_.push_back({.type = AtomType::kMonth, .value = *month, .column = token.column, .spaced = spaced});
      return true;
    }
    if (StartsWith(word, U"ежегодн")) return SetYearly(token);
    if (StartsWith(word, U"кажд")) return ReadEach(i);
    if (word == U"итогам" || word == U"итогах") return ReadReportedPeriod(i);
    if (StartsWith(word, U"отчетн")) {
      if (Peek(i + 1) && PeriodOfWord(tokens_[i + 1].text) != PeriodWord::kNone) ++i;  // «отчетным кварталом»
      return true;
    }
    if (StartsWith(word, U"календарн")) {
      markers_.calendar_year = true;
      return true;
    }
    if ((word == U"позднее" || word == U"позже") && i > 0 && tokens_[i - 1].text == U"не") {
      return Push(AtomType::kBefore, token);  // «не позднее» is «до»
    }
    if (StartsWith(word, U"рабоч")) return MakeWorkingDay(token);
    if (auto weekday = WeekdayOfWord(word)) {
      if (!atoms_.empty() && atoms_.back().type == AtomType::kTo) atoms_.pop_back();  // «по понедельникам»
      atoms_.push_back({.type = AtomType::kWeekday, .value = *weekday, .column = token.column});
      return true;
    }
    if (PeriodOfWord(word) == PeriodWord::kTerm) return MakeCounted(AtomType::kTerm, 4, token);
    if (StartsWith(word, U"ежеквартальн")) return SetFrequency(Repeat::kQuarterly, token);
    if (StartsWith(word, U"ежемесячн")) return SetFrequency(Repeat::kMonthly, token);
    if (StartsWith(word, U"еженедельн")) return SetFrequency(Repeat::kWeekly, token);
    if (StartsWith(word, U"квартал") || word == U"кв") return MakeCounted(AtomType::kQuarter, 4, token);
    if (StartsWith(word, U"полугоди")) return MakeCounted(AtomType::kHalf, 2, token);
    if (word == U"раз" || word == U"раза") return ReadTimesPer(i);
    if (StartsWith(word, U"следующ")) {
      markers_.report = true;
      return true;
    }
    if (word == U"до") return Push(AtomType::kBefore, token);
    if (word == U"к") return Push(AtomType::kBy, token);
    if (word == U"с" || word == U"со") return Push(AtomType::kFrom, token);
    if (word == U"по") return Push(AtomType::kTo, token);
    if (word == U"и") return Push(AtomType::kListSep, token);
    if (word == U"течение" && Peek(i + 1) && Peek(i + 1)->type == TokenType::kWord) {
      const std::u32string& next = tokens_[i + 1].text;
      PeriodWord period = PeriodOfWord(next);
      if (StartsWith(next, U"календарн") && Peek(i + 2)) period = PeriodOfWord(tokens_[i + 2].text);
      if (next == U"учебного") period = PeriodWord::kYear;
      // «в течение квартала, следующего за отчетным»: a report may take the whole period after.
      if (period == PeriodWord::kQuarter) markers_.within_months = 3;
      if (period == PeriodWord::kYear) {
        markers_.within_months = 12;
        return SetYearly(token);
      }
    }
    if (auto number = OrdinalOrRoman(word)) {
      atoms_.push_back({.type = AtomType::kNumber, .value = *number, .column = token.column, .digits = 1});
      return true;
    }
    if (std::find(kFillers.begin(), kFillers.end(), word) != kFillers.end()) return true;
    return UnknownWordError(token);
  }

  // «каждого месяца», «каждый квартал», «каждую неделю», «каждого года»: a frequency.
  bool ReadEach(size_t& i) {
    const Token& token = tokens_[i];
    const Token* next = Peek(i + 1);
    PeriodWord period = next ? PeriodOfWord(next->text) : PeriodWord::kNone;
    if (period == PeriodWord::kNone || period == PeriodWord::kTerm) {
      return FailBool("после «каждый» нужен период: «каждого месяца», «каждого квартала», «каждого года»",
                      token.column);
    }
    ++i;
    return SetPeriodFrequency(period, token);
  }

  bool SetPeriodFrequency(PeriodWord period, const Token& token) {
    switch (period) {
      case PeriodWord::kYear:
        return SetYearly(token);
      case PeriodWord::kHalf:
        return SetFrequency(Repeat::kHalfYearly, token);
      case PeriodWord::kQuarter:
        return SetFrequency(Repeat::kQuarterly, token);
      case PeriodWord::kMonth:
        return SetFrequency(Repeat::kMonthly, token);
      case PeriodWord::kWeek:
        return SetFrequency(Repeat::kWeekly, token);
      case PeriodWord::kTerm:
        markers_.each_term = true;
        return true;
      case PeriodWord::kNone:
        break;
    }
    return true;
  }

  // «по итогам календарного года», «по итогам квартала», «по итогам 1 квартала 2022 года»: a report
  // on the period, due after it. A bare period word makes it recur; a numbered one is read on.
  bool ReadReportedPeriod(size_t& i) {
    markers_.report = true;
    if (!atoms_.empty() && atoms_.back().type == AtomType::kTo) atoms_.pop_back();
    size_t next = i + 1;
    if (Peek(next) && StartsWith(tokens_[next].text, U"календарн")) {
      markers_.calendar_year = true;
      ++next;
    }
    if (!Peek(next) || tokens_[next].type != TokenType::kWord) return true;
    PeriodWord period = PeriodOfWord(tokens_[next].text);
    if (period == PeriodWord::kNone) return true;
    i = next;
    return SetPeriodFrequency(period, tokens_[i]);
  }

  // «10-й рабочий день», «6-10-й рабочий день»: working days of a month.
  bool MakeWorkingDay(const Token& token) {
    if (atoms_.empty() || atoms_.back().type != AtomType::kNumber) {
      return FailBool("перед «рабочий день» нужен его номер («на 10-й рабочий день месяца»)", token.column);
    }
    size_t count = atoms_.size();
    for (size_t k : {count - 1, count - 3}) {
      if (k >= count || atoms_[k].type != AtomType::kNumber) continue;
      if (k == count - 3 && atoms_[count - 2].type != AtomType::kDash) continue;
      if (atoms_[k].value < 1 || atoms_[k].value > 23) {
        return FailBool("номер рабочего дня месяца должен быть от 1 до 23", atoms_[k].column);
      }
      atoms_[k].type = AtomType::kWorkingDay;
    }
    return true;
  }

  // Roman numerals, ordinals and the counting words of «одного раза в год», «два раза в год».
  static std::optional<int> OrdinalOrRoman(std::u32string_view word) {
    if (word == U"i" || StartsWith(word, U"перв") || word == U"один" || word == U"одного") return 1;
    if (word == U"ii" || StartsWith(word, U"втор") || word == U"два" || word == U"двух") return 2;
    if (word == U"четыре" || word == U"четырех") return 4;
    if (word == U"iii" || StartsWith(word, U"трет")) return 3;
    if (word == U"iv" || StartsWith(word, U"четверт")) return 4;
    return std::nullopt;
  }

  bool Push(AtomType type, const Token& token) {
    atoms_.push_back({.type = type, .column = token.column});
    return true;
  }

  bool SetYearly(const Token& token) {
    markers_.yearly_word = true;
    if (!markers_.frequency) markers_.frequency_column = token.column;
    return true;
  }

  bool SetFrequency(Repeat frequency, const Token& token) {
    if (markers_.frequency && *markers_.frequency != frequency) {
      return FailBool("в одном сроке две разные периодичности", token.column);
    }
    markers_.frequency = frequency;
    markers_.frequency_column = token.column;
    return true;
  }

  // «III квартал», «1 кв.», «I полугодие», «второе полугодие», «1 четверть»; a range of two
  // («III–IV квартал») numbers both.
  bool MakeCounted(AtomType type, int max, const Token& token) {
    const char* what = type == AtomType::kQuarter ? "квартала" : type == AtomType::kHalf ? "полугодия" : "четверти";
    if (atoms_.empty() || atoms_.back().type != AtomType::kNumber) {
      return FailBool(
          fmt::format("перед названием {} нужен его номер, например «III квартал», «I полугодие», «1 четверть»", what),
          token.column);
    }
    size_t count = atoms_.size();
    bool range = count >= 3 && atoms_[count - 2].type == AtomType::kDash && atoms_[count - 3].type == AtomType::kNumber;
    for (size_t k = range ? count - 3 : count - 1; k < count; k += 2) {
      Atom& number = atoms_[k];
      if (number.value < 1 || number.value > max) {
        return FailBool(fmt::format("номер {} должен быть от 1 до {}", what, max), number.column);
      }
      number.type = type;
    }
    return true;
  }

  // «1 раз в год», «не реже одного раза в год», «два раза в год», «не реже 1 раза в квартал»,
  // «3 раза в полугодие»: as many periods as times, when they divide the period evenly.
  bool ReadTimesPer(size_t& i) {
    const Token& token = tokens_[i];
    int count = 1;
    int column = token.column;
    if (!atoms_.empty() && atoms_.back().type == AtomType::kNumber) {
      count = atoms_.back().value;
      column = atoms_.back().column;
      atoms_.pop_back();
    }
    size_t next = i + 1;
    if (Peek(next) && (tokens_[next].text == U"в" || tokens_[next].text == U"за")) ++next;
    PeriodWord per = Peek(next) ? PeriodOfWord(tokens_[next].text) : PeriodWord::kNone;
    if (per == PeriodWord::kNone || per == PeriodWord::kTerm) {
      return FailBool("ожидалось «раз в год», «раз в полугодие», «раз в квартал», «раз в месяц» или «раз в неделю»",
                      token.column);
    }
    i = next;
    // Months in the period, and the periods Vekha tracks by their length in months.
    int months = per == PeriodWord::kYear ? 12 : per == PeriodWord::kHalf ? 6 : per == PeriodWord::kQuarter ? 3 : 1;
    if (per == PeriodWord::kWeek) {
      if (count == 1) return SetFrequency(Repeat::kWeekly, token);
    } else if (count >= 1 && months % count == 0) {
      switch (months / count) {
        case 12:
          return SetYearly(token);
        case 6:
          return SetFrequency(Repeat::kHalfYearly, token);
        case 3:
          return SetFrequency(Repeat::kQuarterly, token);
        case 1:
          return SetFrequency(Repeat::kMonthly, token);
        default:
          break;
      }
    }
    return FailBool(fmt::format("{} за «{}» — такого периода Веха не ведёт: она ведёт годы, полугодия, кварталы, "
                                "месяцы и недели; напишите ближайший из них или месяцы",
                                CountOf(count, nouns::kTimes), EncodeUtf8(tokens_[i].text)),
                    column, {"Ежемесячно", "Еженедельно", "Ежеквартально"});
  }

  // ----- interpretation

  PhraseResult Interpret() {
    // Separators at either end carry nothing («Ежегодно, февраль, май», «(далее – ежемесячно)»).
    std::vector<Atom> atoms = atoms_;
    auto separator = [](const Atom& atom) { return atom.type == AtomType::kListSep || atom.type == AtomType::kDash; };
    while (!atoms.empty() && separator(atoms.front())) atoms.erase(atoms.begin());
    while (!atoms.empty() && separator(atoms.back())) atoms.pop_back();

    std::optional<AtomType> prefix;
    int prefix_column = 1;
    if (!atoms.empty() && (atoms.front().type == AtomType::kBefore || atoms.front().type == AtomType::kBy ||
                           atoms.front().type == AtomType::kFrom)) {
      prefix = atoms.front().type;
      prefix_column = atoms.front().column;
      atoms.erase(atoms.begin());
      while (!atoms.empty() && atoms.front().type == AtomType::kListSep) atoms.erase(atoms.begin());
    }
    // A «до» later in the phrase («Ежегодно, в срок до 10 августа» after list separators).
    for (size_t k = 0; k < atoms.size(); ++k) {
      if (atoms[k].type == AtomType::kBefore && !prefix) {
        prefix = AtomType::kBefore;
        prefix_column = atoms[k].column;
        atoms.erase(atoms.begin(), atoms.begin() + static_cast<long>(k) + 1);
        break;
      }
    }

    TimingSpec& spec = result_.spec;
    std::optional<Repeat> frequency = markers_.frequency;
    bool yearly = markers_.yearly_word && !frequency;
    if (markers_.yearly_word && frequency) {
      return Fail("«ежегодно» вместе с другой периодичностью", markers_.frequency_column);
    }

    auto is = [&](size_t k, AtomType type) { return k < atoms.size() && atoms[k].type == type; };

    // «по итогам четверти»: each school term.
    if (markers_.each_term) {
      if (!atoms.empty() || (frequency && *frequency != Repeat::kYearly)) return Unexpected(atoms, 0);
      spec.repeat = Repeat::kYearly;
      spec.windows.assign(kSchoolTerms.begin(), kSchoolTerms.end());
      result_.warnings.push_back(SchoolTermWarning());
      return Succeed();
    }

    // Frequency alone: «Ежегодно», «Два раза в год», «Ежеквартально», «Ежемесячно», «Еженедельно».
    if (atoms.empty()) {
      if (prefix) return Fail("после «до», «к» или «с» нужна дата, месяц или год", prefix_column);
      if (!frequency && !yearly) return Fail("нет ни даты, ни месяца, ни года, ни периодичности", 1);
      spec.repeat = frequency.value_or(Repeat::kYearly);
      return Succeed();
    }

    // A report with a day and no frequency is on the month («до 5 числа месяца, следующего за отчетным»).
    if (!frequency && markers_.report && (is(0, AtomType::kDueDay) || is(0, AtomType::kWorkingDay))) {
      frequency = Repeat::kMonthly;
    }

    // Periodic deadlines: «ежемесячно до 5 числа», «ежеквартально (до 15 числа месяца, следующего…)».
    if (atoms.size() == 1 && is(0, AtomType::kDueDay)) {
      if (!frequency || *frequency == Repeat::kWeekly) {
        return Fail("к числу месяца нужна периодичность: «ежемесячно», «ежеквартально» или «два раза в год»",
                    atoms[0].column);
      }
      spec.repeat = *frequency;
      spec.due_day = atoms[0].value;
      return Succeed();
    }

    // Working days: «на 10-й рабочий день месяца, следующего за отчетным», «6-10-й рабочий день».
    if (is(0, AtomType::kWorkingDay)) {
      bool range = atoms.size() == 3 && is(1, AtomType::kDash) && is(2, AtomType::kWorkingDay);
      if (!(atoms.size() == 1 || range) || !frequency || *frequency == Repeat::kWeekly) {
        return Fail("к рабочему дню месяца нужно «ежемесячно», «ежеквартально» или «следующего за отчетным»",
                    atoms[0].column);
      }
      if (range && atoms[2].value < atoms[0].value)
        return Fail("рабочие дни заканчиваются раньше, чем начинаются", atoms[2].column);
      spec.repeat = *frequency;
      spec.due_working_day = atoms.back().value;
      if (range) spec.opens_working_day = atoms[0].value;
      return Succeed();
    }

    // Weekdays: «по понедельникам», «еженедельно по пятницам».
    if (is(0, AtomType::kWeekday)) {
      if (atoms.size() != 1) return Unexpected(atoms, 1);
      if (frequency && *frequency != Repeat::kWeekly) return Unexpected(atoms, 0);
      spec.repeat = Repeat::kWeekly;
      spec.weekday = atoms[0].value;
      return Succeed();
    }

    // A recurrence over years: «2008 - 2010 ежемесячно», «ежегодно в 2022-2024 годах», «с 2023
    // года ежеквартально».
    if ((frequency || yearly) && is(0, AtomType::kYear)) {
      bool range = atoms.size() == 3 && (is(1, AtomType::kDash) || is(1, AtomType::kTo)) && is(2, AtomType::kYear);
      if (!(atoms.size() == 1 || range) || prefix == AtomType::kBefore || prefix == AtomType::kBy) {
        return Unexpected(atoms, 0);
      }
      if (range && atoms[2].value < atoms[0].value)
        return Fail("годы заканчиваются раньше, чем начинаются", atoms[2].column);
      spec.repeat = frequency.value_or(Repeat::kYearly);
      spec.since = YearMonth{atoms[0].value, 1};
      if (range || prefix != AtomType::kFrom) spec.until = YearMonth{atoms.back().value, 12};
      return Succeed();
    }

    // «с сентября 2021 года», «с 2022 года», «с 01.09.2021»: a duty from then on.
    if (prefix == AtomType::kFrom && !frequency && !yearly) {
      if (atoms.size() == 1 && is(0, AtomType::kYear)) return Continuous(YearMonth{atoms[0].value, 1});
      if (atoms.size() == 2 && is(0, AtomType::kMonth) && is(1, AtomType::kYear)) {
        return Continuous(YearMonth{atoms[1].value, atoms[0].value});
      }
      if (atoms.size() == 1 && is(0, AtomType::kDate)) {
        spec.repeat = Repeat::kContinuous;
        spec.opens = atoms[0].date;
        return Succeed();
      }
    }

    if (frequency && *frequency != Repeat::kMonthly) {
      return Fail(fmt::format("лишние даты после «{}»", EncodeUtf8(RepeatWord(*frequency))), atoms[0].column);
    }

    // Exact dates: «01.11. 2022», «До 31.03. 2022 года», «01.06. 2022- 20.06.2022».
    if (is(0, AtomType::kDate)) {
      if (frequency || yearly)
        return Fail("полная дата не повторяется: уберите год или периодичность", atoms[0].column);
      spec.repeat = Repeat::kOnce;
      if (atoms.size() == 1) {
        spec.due = atoms[0].date;
        if (prefix != AtomType::kBefore) spec.opens = atoms[0].date;
        return Succeed();
      }
      if (atoms.size() == 3 && (is(1, AtomType::kDash) || is(1, AtomType::kTo)) && is(2, AtomType::kDate)) {
        if (atoms[2].date < atoms[0].date) return Fail("срок заканчивается раньше, чем начинается", atoms[2].column);
        spec.opens = atoms[0].date;
        spec.due = atoms[2].date;
        return Succeed();
      }
      return Unexpected(atoms, 1);
    }

    // A day of a month: «до 10 августа», «Ежегодно, в срок до 10 августа», «до 25 марта», and days
    // from one to another: «с 1 февраля до 1 марта», «с 1 февраля по 1 марта 2023 года».
    if (is(0, AtomType::kDayMonth)) {
      if (frequency) return Unexpected(atoms, 0);
      if ((atoms.size() == 3 || atoms.size() == 4) &&
          (is(1, AtomType::kDash) || is(1, AtomType::kTo) || is(1, AtomType::kBefore)) && is(2, AtomType::kDayMonth)) {
        MonthDay first{atoms[0].month, atoms[0].value};
        MonthDay last{atoms[2].month, atoms[2].value};
        if (atoms.size() == 4) {
          if (!is(3, AtomType::kYear) || yearly) return Unexpected(atoms, 3);
          int year = atoms[3].value;
          // The year is written once, after the last day: a window over New Year starts the year before.
          bool over_new_year = last.month < first.month || (last.month == first.month && last.day < first.day);
          spec.repeat = Repeat::kOnce;
          spec.opens = MakeDate(over_new_year ? year - 1 : year, first.month, first.day);
          spec.due = MakeDate(year, last.month, last.day);
          return Succeed();
        }
        spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
        spec.start = first;
        spec.by = last;
        return Succeed();
      }
      if (atoms.size() == 2 && is(1, AtomType::kYear)) {
        if (yearly) return Fail("полная дата не повторяется: уберите год или «ежегодно»", atoms[1].column);
        spec.repeat = Repeat::kOnce;
        spec.due = MakeDate(atoms[1].value, atoms[0].month, atoms[0].value);
        if (prefix != AtomType::kBefore) spec.opens = spec.due;
        return Succeed();
      }
      if (atoms.size() != 1) return Unexpected(atoms, 1);
      spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
      spec.by = MonthDay{atoms[0].month, atoms[0].value};
      if (prefix != AtomType::kBefore) spec.lead_days = 0;  // the day itself, not "by"
      return Succeed();
    }

    // Years: «2022», «В течение 2023 года», «2022-2024», «2022-23», «с 2023 по 2025», «До 2025 года».
    if (is(0, AtomType::kYear)) {
      if (frequency) return Unexpected(atoms, 0);
      int first = atoms[0].value;
      if (atoms.size() == 1) {
        if (prefix == AtomType::kBefore || prefix == AtomType::kBy) {
          spec.repeat = Repeat::kOnce;
          spec.due = MakeDate(prefix == AtomType::kBefore ? first - 1 : first, 12, 31);
          return Succeed();
        }
        spec.repeat = yearly ? Repeat::kYearly : Repeat::kOnce;
        if (yearly) {
          spec.since = YearMonth{first, 1};
        } else {
          spec.year = first;
        }
        return Succeed();
      }
      if (atoms.size() == 3 && (is(1, AtomType::kDash) || is(1, AtomType::kTo)) &&
          (is(2, AtomType::kYear) || (is(2, AtomType::kNumber) && atoms[2].digits == 2))) {
        if (yearly || prefix == AtomType::kBefore || prefix == AtomType::kBy) return Unexpected(atoms, 0);
        bool short_year = is(2, AtomType::kNumber);
        int last = short_year ? first / 100 * 100 + atoms[2].value : atoms[2].value;
        if (last <= first) return Fail("годы заканчиваются раньше, чем начинаются", atoms[2].column);
        spec.repeat = Repeat::kOnce;
        spec.year = first;
        spec.to_year = last;
        spec.school_years = short_year;
        return Succeed();
      }
      return Unexpected(atoms, 1);
    }

    // School terms: «1 четверть», «IV четверть 2023 года», months of the usual school calendar.
    if (is(0, AtomType::kTerm)) {
      if (frequency || prefix || atoms.size() > 2 || (atoms.size() == 2 && !is(1, AtomType::kYear))) {
        return Unexpected(atoms, 0);
      }
      spec.windows = {kSchoolTerms[static_cast<size_t>(atoms[0].value - 1)]};
      result_.warnings.push_back(SchoolTermWarning());
      if (atoms.size() == 2) {
        spec.repeat = yearly ? Repeat::kYearly : Repeat::kOnce;
        if (yearly) {
          spec.since = YearMonth{atoms[1].value, spec.windows[0].first};
        } else {
          spec.year = atoms[1].value;
        }
        return Succeed();
      }
      spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
      return Succeed();
    }

    // Quarter ranges: «III–IV квартал», «I-II квартал 2023 года»: one window of months.
    if (is(0, AtomType::kQuarter) && is(1, AtomType::kDash) && is(2, AtomType::kQuarter)) {
      if (frequency || prefix || atoms.size() > 4 || (atoms.size() == 4 && !is(3, AtomType::kYear))) {
        return Unexpected(atoms, 0);
      }
      if (atoms[2].value < atoms[0].value)
        return Fail("кварталы заканчиваются раньше, чем начинаются", atoms[2].column);
      spec.window = MonthWindow{atoms[0].value * 3 - 2, atoms[2].value * 3};
      if (atoms.size() == 4) {
        spec.repeat = yearly ? Repeat::kYearly : Repeat::kOnce;
        if (yearly) {
          spec.since = YearMonth{atoms[3].value, spec.window->first};
        } else {
          spec.year = atoms[3].value;
        }
      } else {
        spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
      }
      return Succeed();
    }

    // Quarters and halves: «Ежегодно III квартал», «1 квартал 2022 года», «I полугодие 2023».
    if (is(0, AtomType::kQuarter) || is(0, AtomType::kHalf)) {
      if (frequency || prefix) return Unexpected(atoms, 0);
      bool quarter = is(0, AtomType::kQuarter);
      (quarter ? spec.quarter : spec.half) = atoms[0].value;
      if (atoms.size() == 1) {
        spec.repeat = yearly || !quarter ? Repeat::kYearly : Repeat::kAuto;
        return Succeed();
      }
      if (atoms.size() == 2 && is(1, AtomType::kYear)) {
        if (yearly) {
          spec.repeat = Repeat::kYearly;
          spec.since = YearMonth{atoms[1].value, quarter ? atoms[0].value * 3 - 2 : atoms[0].value * 6 - 5};
        } else {
          spec.repeat = Repeat::kOnce;
          spec.year = atoms[1].value;
        }
        return Succeed();
      }
      return Unexpected(atoms, 1);
    }

    if (is(0, AtomType::kMonth)) return InterpretMonths(atoms, prefix, frequency, yearly);
    return Unexpected(atoms, 0);
  }

  // «Август», «Июнь-август ежегодно», «Ежегодно январь, май», «Сентябрь – октябрь 2021»,
  // «Октябрь 2021 - июль 2022», «Май 2021 года, ежегодно», «До октября 2022 года»,
  // «Январь 2022 ( далее – ежемесячно)», «с сентября 2021 ежемесячно».
  PhraseResult InterpretMonths(const std::vector<Atom>& atoms, std::optional<AtomType> prefix,
                               std::optional<Repeat> frequency, bool yearly) {
    struct Item {
      int month;
      std::optional<int> year;
      int column;
    };
    std::vector<Item> items;
    bool dash = false;
    bool list = false;
    bool spaced = false;
    for (size_t k = 0; k < atoms.size(); ++k) {
      const Atom& atom = atoms[k];
      switch (atom.type) {
        case AtomType::kMonth:
          items.push_back({atom.value, std::nullopt, atom.column});
          spaced = spaced || atom.spaced;
          break;
        case AtomType::kYear:
          if (items.empty() || items.back().year) return Unexpected(atoms, k);
          items.back().year = atom.value;
          break;
        case AtomType::kDash:
          dash = true;
          break;
        case AtomType::kListSep:
          list = true;
          break;
        default:
          return Unexpected(atoms, k);
      }
    }
    TimingSpec& spec = result_.spec;
    const Item& first = items.front();
    const Item& last = items.back();
    if (dash && list && !spaced) return InterpretMonthWindows(atoms, frequency, yearly);
    if (dash && (list || spaced || items.size() != 2)) {
      return Fail("напишите либо один промежуток месяцев («Июнь-август»), либо перечень («январь, май»)",
                  items[std::min<size_t>(2, items.size() - 1)].column);
    }
    for (size_t k = 0; k + 1 < items.size(); ++k) {
      if (items[k].year && !(dash && items.size() == 2)) {
        return Fail("напишите год один раз, после последнего месяца", items[k].column);
      }
    }

    // «До октября 2022 года»: the last day of the month before.
    if (prefix == AtomType::kBefore) {
      if (items.size() != 1 || frequency) return Unexpected(atoms, 1);
      YearMonth previous = AddMonths(YearMonth{first.year.value_or(2000), first.month}, -1);
      if (first.year) {
        spec.repeat = Repeat::kOnce;
        spec.due = LastDayOfMonth(previous);
      } else {
        spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
        spec.by = MonthDay{previous.month, DaysInMonth(2023, previous.month)};
      }
      return Succeed();
    }

    // Monthly from a month: «Январь 2022 (далее – ежемесячно)», «с сентября 2021 ежемесячно».
    if (frequency == Repeat::kMonthly) {
      if (items.size() != 1 || !first.year) {
        return Fail("ежемесячный срок начинается с одного месяца с годом («Январь 2022 (далее – ежемесячно)»)",
                    first.column);
      }
      spec.repeat = Repeat::kMonthly;
      spec.since = YearMonth{*first.year, first.month};
      return Succeed();
    }
    if (prefix) return Fail("лишнее «с» или «к» перед месяцами", 1);

    if (spaced) {
      result_.warnings.push_back("месяцы через пробел прочитаны как перечень; разделяйте их запятой");
    }

    if (dash && first.year && !last.year) {
      return Fail("у промежутка нужен год и после последнего месяца («Октябрь 2021 - июль 2022»)", last.column);
    }

    // «Октябрь 2021 - июль 2022»: one window across years.
    if (dash && first.year && last.year) {
      if (yearly) return Fail("срок с двумя годами не повторяется: уберите «ежегодно» или годы", first.column);
      Date opens = FirstDayOfMonth(YearMonth{*first.year, first.month});
      Date due = LastDayOfMonth(YearMonth{*last.year, last.month});
      if (due < opens) return Fail("срок заканчивается раньше, чем начинается", last.column);
      spec.repeat = Repeat::kOnce;
      spec.opens = opens;
      spec.due = due;
      return Succeed();
    }

    if (dash) {
      spec.window = MonthWindow{first.month, last.month};
    } else {
      for (const Item& item : items) spec.months.push_back(item.month);
    }
    if (last.year) {
      if (yearly) {
        spec.repeat = Repeat::kYearly;
        spec.since = YearMonth{*last.year, first.month};
      } else {
        spec.repeat = Repeat::kOnce;
        spec.year = *last.year;
      }
    } else {
      spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
    }
    return Succeed();
  }

  // «апрель, май - июнь, июль», «январь, март – апрель 2023»: a list whose items are months or
  // ranges of months, each its own occurrence.
  PhraseResult InterpretMonthWindows(const std::vector<Atom>& atoms, std::optional<Repeat> frequency, bool yearly) {
    if (frequency) return Unexpected(atoms, 0);
    TimingSpec& spec = result_.spec;
    std::optional<int> year;
    bool in_range = false;
    for (size_t k = 0; k < atoms.size(); ++k) {
      const Atom& atom = atoms[k];
      if (atom.type == AtomType::kMonth) {
        if (year) return Fail("напишите год один раз, после последнего месяца", atom.column);
        if (in_range) {
          spec.windows.back().last = atom.value;
          in_range = false;
        } else {
          spec.windows.push_back(MonthWindow{atom.value, atom.value});
        }
      } else if (atom.type == AtomType::kDash && !spec.windows.empty() && !in_range) {
        in_range = true;
      } else if (atom.type == AtomType::kListSep && !in_range) {
        continue;
      } else if (atom.type == AtomType::kYear && k + 1 == atoms.size() && !in_range) {
        year = atom.value;
      } else {
        return Unexpected(atoms, k);
      }
    }
    if (year) {
      spec.repeat = yearly ? Repeat::kYearly : Repeat::kOnce;
      if (yearly) {
        spec.since = YearMonth{*year, spec.windows.front().first};
      } else {
        spec.year = *year;
      }
    } else {
      spec.repeat = yearly ? Repeat::kYearly : Repeat::kAuto;
    }
    return Succeed();
  }

  // A duty from a month on, without an end or a deadline.
  PhraseResult Continuous(YearMonth since) {
    result_.spec.repeat = Repeat::kContinuous;
    result_.spec.since = since;
    return Succeed();
  }

  static std::string SchoolTermWarning() {
    return "четверти прочитаны по обычным месяцам: I — сентябрь–октябрь, II — ноябрь–декабрь, "
           "III — январь–март, IV — апрель–май; если у школы другой календарь, напишите месяцы";
  }

  static std::u32string RepeatWord(Repeat frequency) {
    switch (frequency) {
      case Repeat::kQuarterly:
        return U"ежеквартально";
      case Repeat::kHalfYearly:
        return U"два раза в год";
      case Repeat::kWeekly:
        return U"еженедельно";
      default:
        return U"ежемесячно";
    }
  }

  // ----- results and errors

  // Applies what the phrase said about the whole timing: a report on the period, the calendar year.
  PhraseResult Succeed() {
    TimingSpec& spec = result_.spec;
    if (markers_.report) {
      bool dated = spec.opens || spec.due;
      if (dated || spec.repeat == Repeat::kWeekly || spec.repeat == Repeat::kContinuous) {
        return Fail(
            "«по итогам» или «следующего за отчетным» требует отчётного периода (месяц, квартал, полугодие или год)", 1,
            {"по итогам календарного года", "по итогам 1 квартала 2022 года"});
      }
      spec.report = true;
      if (!spec.due_day && !spec.due_working_day) spec.report_months = markers_.within_months;
    }
    if (markers_.calendar_year) spec.calendar_year = true;
    result_.ok = true;
    return result_;
  }

  PhraseResult Fail(std::string message, int column, std::vector<std::string> suggestions = {}) {
    FailBool(std::move(message), column, std::move(suggestions));
    return result_;
  }

  bool FailBool(std::string message, int column, std::vector<std::string> suggestions = {}) {
    result_.ok = false;
    result_.error.message = std::move(message);
    result_.error.column = column;
    if (!check_suggestions_) return false;  // a suggestion being tried: only whether it reads counts
    // The forms made for this phrase are tried; the canonical phrases are accepted by construction
    // (a test parses every one).
    std::erase_if(suggestions, [&](const std::string& suggestion) {
      return !PhraseParser(suggestion, suggestion_year_, /*check_suggestions=*/false).Parse().ok;
    });
    for (std::string& nearest : NearestPhrases()) {
      if (std::find(suggestions.begin(), suggestions.end(), nearest) == suggestions.end()) {
        suggestions.push_back(std::move(nearest));
      }
    }
    if (suggestions.size() > 4) suggestions.resize(4);
    result_.error.suggestions = std::move(suggestions);
    return false;
  }

  PhraseResult Unexpected(const std::vector<Atom>& atoms, size_t at) {
    int column = at < atoms.size() ? atoms[at].column : atoms.back().column;
    return Fail(fmt::format("не удалось прочитать срок начиная с «{}»",
                            EncodeUtf8(text_.substr(static_cast<size_t>(column - 1)))),
                column);
  }

  std::vector<std::string> NearestPhrases() const {
    std::u32string folded = FoldCase(text_);
    size_t limit = std::max<size_t>(3, folded.size() / 3);
    return NearestWords(EncodeUtf8(folded), CanonicalPhrases(), limit, 3);
  }

  // The phrase with the characters [column, column + length) replaced.
  std::string Replaced(int column, size_t length, std::u32string_view replacement) const {
    std::u32string fixed = text_;
    fixed.replace(static_cast<size_t>(column - 1), length, replacement);
    return EncodeUtf8(fixed);
  }

  // Offers the years around `suggestion_year_` that begin with the digits written («202» →
  // «2021», «2022»), or that year itself.
  bool YearDigitsError(const Token& token) {
    std::vector<std::string> suggestions;
    int around = suggestion_year_ > 0 ? suggestion_year_ : 2022;
    for (int year : {around - 1, around, around + 1}) {
      std::u32string digits = DecodeUtf8(fmt::format("{}", year));
      if (StartsWith(digits, token.text)) {
        suggestions.push_back(Replaced(token.column, token.text.size(), digits));
      }
    }
    if (suggestions.empty()) {
      suggestions.push_back(Replaced(token.column, token.text.size(), DecodeUtf8(fmt::format("{}", around))));
    }
    return FailBool(fmt::format("в годе должно быть четыре цифры, а написано «{}»", EncodeUtf8(token.text)),
                    token.column, std::move(suggestions));
  }

  bool UnknownWordError(const Token& token) {
    std::string word = EncodeUtf8(token.text);
    std::vector<std::string> suggestions;
    for (const std::string& nearest : NearestWords(word, KnownWords(), 2, 2)) {
      suggestions.push_back(Replaced(token.column, token.text.size(), DecodeUtf8(nearest)));
    }
    return FailBool(fmt::format("незнакомое слово «{}»", word), token.column, std::move(suggestions));
  }

  std::string_view original_;
  std::u32string text_;
  int suggestion_year_;
  bool check_suggestions_;
  std::vector<Token> tokens_;
  std::vector<Atom> atoms_;
  Markers markers_;
  PhraseResult result_;
};

}  // namespace

PhraseResult ParseTimingPhrase(std::string_view phrase, int suggestion_year) {
  return PhraseParser(phrase, suggestion_year).Parse();
}

const std::vector<std::string>& CanonicalTimingPhrases() { return CanonicalPhrases(); }

std::optional<int> MonthHintedByTitle(std::string_view title) {
  static constexpr std::array<std::u32string_view, 12> kAdjectiveStems = {
      U"январск", U"февральск",  U"мартовск",   U"апрельск",  U"майск",    U"июньск",
      U"июльск",  U"августовск", U"сентябрьск", U"октябрьск", U"ноябрьск", U"декабрьск"};
  for (const Token& token : Tokenize(DecodeUtf8(title))) {
    if (token.type != TokenType::kWord) continue;
    for (size_t month = 0; month < kAdjectiveStems.size(); ++month) {
      if (StartsWith(token.text, kAdjectiveStems[month])) return static_cast<int>(month) + 1;
    }
  }
  return std::nullopt;
}

}  // namespace vekha
