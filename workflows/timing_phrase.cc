#include "workflows/timing_phrase.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

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
constexpr std::array<std::u32string_view, 30> kFillers = {
    U"г",      U"гг",         U"год",      U"года",    U"годы",      U"годов",
    U"году",   U"в",          U"во",       U"срок",    U"сроки",     U"течение",
    U"период", U"периода",    U"периодом", U"за",      U"на",        U"месяца",
    U"месяц",  U"отчетным",   U"отчетный", U"отчетного", U"далее",   U"не",
    U"реже",   U"учебного",   U"учебный",  U"числа",   U"число",     U"позднее",
};

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
  };
  return kPhrases;
}

const std::vector<std::string>& KnownWords() {
  static const std::vector<std::string> kWords = [] {
    std::vector<std::string> words;
    for (const MonthForms& month : kMonths) {
      for (std::u32string_view form : month.forms) words.push_back(EncodeUtf8(form));
    }
    for (const char* word : {"ежегодно", "ежемесячно", "ежеквартально", "еженедельно", "квартал",
                             "полугодие", "раз", "раза", "до", "постоянно", "необходимости",
                             "запросу", "плану", "графику", "следующего"}) {
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
    case U'\u2010': case U'\u2011': case U'\u2012': case U'\u2013':
    case U'\u2014': case U'\u2015': case U'\u2212':
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
  kMonth,     // value = month
  kYear,      // value = four-digit year
  kNumber,    // value = a small number (day, quarter or half number, two-digit year)
  kDate,      // date
  kDayMonth,  // value = day, month = month (no year)
  kQuarter,   // value = 1..4
  kHalf,      // value = 1..2
  kDueDay,    // value = day of month («до 15 числа»)
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
  size_t digits = 0;  // for numbers
  bool spaced = false;  // kMonth: follows another month with no separator
};

struct Markers {
  std::optional<Repeat> frequency;
  int frequency_column = 1;
  bool yearly_word = false;  // «ежегодно», «раз в год», «в течение года»
  bool report = false;       // «следующего за отчетным»
};

class PhraseParser {
 public:
  PhraseParser(std::string_view phrase, int suggestion_year)
      : original_(phrase), text_(DecodeUtf8(phrase)), suggestion_year_(suggestion_year) {}

  PhraseResult Parse() {
    tokens_ = Tokenize(text_);
    if (tokens_.empty()) return Fail("the timing is empty", 1);
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
    return std::any_of(tokens_.begin(), tokens_.end(), [&](const Token& token) {
      return token.type == TokenType::kWord && token.text == word;
    });
  }
  bool HasWords(std::u32string_view first, std::u32string_view second) const {
    for (size_t i = 0; i + 1 < tokens_.size(); ++i) {
      if (tokens_[i].text == first && tokens_[i + 1].text == second) return true;
    }
    return false;
  }

  bool MentionsYearly() const {
    return HasWordStarting(U"ежегодн") || HasWords(U"течение", U"года") ||
           HasWords(U"течение", U"год") || (HasWord(U"год") && (HasWord(U"раз") || HasWord(U"раза")));
  }

  std::optional<PhraseResult> DetectWholePhraseKind() {
    PhraseResult result;
    result.ok = true;
    if (HasWordStarting(U"план") || HasWordStarting(U"график") ||
        HasWords(U"сроками", U"проведения") || HasWords(U"срокам", U"проведения")) {
      result.spec.repeat = Repeat::kExternal;
      result.spec.plan = Trimmed();
      result.spec.external_yearly = MentionsYearly();
      return result;
    }
    if (HasWordStarting(U"необходимост") || HasWord(U"запросу") || HasWord(U"заявке") ||
        HasWords(U"по", U"мере")) {
      result.spec.repeat = Repeat::kOnDemand;
      return result;
    }
    if (HasWord(U"постоянно") || HasWords(U"постоянной", U"основе") || HasWord(U"протяжении")) {
      result.spec.repeat = Repeat::kContinuous;
      return result;
    }
    return std::nullopt;
  }

  std::string Trimmed() const {
    std::string text(original_);
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
    if (token.text.size() <= 2 && IsPunct(i + 1, U".") && IsNumber(i + 2) &&
        tokens_[i + 2].text.size() <= 2) {
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
          return FailBool(fmt::format("{:02}.{:02}.{} is not a date", day, month, EncodeUtf8(year.text)),
                          token.column);
        }
        atoms_.push_back({.type = AtomType::kDate, .date = date, .column = token.column});
        i = next;
        return true;
      }
      if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(2024, month)) {
        return FailBool(fmt::format("{:02}.{:02} is not a day of the year", day, month), token.column);
      }
      atoms_.push_back({.type = AtomType::kDayMonth, .value = day, .month = month, .column = token.column});
      i = next - 1;
      return true;
    }
    int value = NumberValue(token.text);
    const Token* next = Peek(i + 1);
    if (next && next->type == TokenType::kWord && (next->text == U"числа" || next->text == U"число")) {
      if (value < 1 || value > 31) return FailBool("a day of the month must be 1–31", token.column);
      atoms_.push_back({.type = AtomType::kDueDay, .value = value, .column = token.column});
      ++i;
      return true;
    }
    if (token.text.size() == 4) {
      atoms_.push_back({.type = AtomType::kYear, .value = value, .column = token.column, .digits = 4});
      return true;
    }
    if (token.text.size() > 2) return YearDigitsError(token);
    atoms_.push_back({.type = AtomType::kNumber, .value = value, .column = token.column,
                      .digits = token.text.size()});
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
          return FailBool(fmt::format("{} is not a day of {}", day.value, EncodeUtf8(word)), day.column);
        }
        day.type = AtomType::kDayMonth;
        day.month = *month;
        return true;
      }
      atoms_.push_back({.type = AtomType::kMonth, .value = *month, .column = token.column, .spaced = spaced});
      return true;
    }
    if (StartsWith(word, U"ежегодн")) return SetYearly(token);
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
      if (next == U"года" || next == U"год" || next == U"учебного") return SetYearly(token);
    }
    if (auto number = OrdinalOrRoman(word)) {
      atoms_.push_back({.type = AtomType::kNumber, .value = *number, .column = token.column, .digits = 1});
      return true;
    }
    if (std::find(kFillers.begin(), kFillers.end(), word) != kFillers.end()) return true;
    return UnknownWordError(token);
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
      return FailBool("two different frequencies in one timing", token.column);
    }
    markers_.frequency = frequency;
    markers_.frequency_column = token.column;
    return true;
  }

  // «III квартал», «1 кв.», «I полугодие», «второе полугодие».
  bool MakeCounted(AtomType type, int max, const Token& token) {
    const char* what = type == AtomType::kQuarter ? "quarter" : "half-year";
    if (atoms_.empty() || atoms_.back().type != AtomType::kNumber) {
      return FailBool(fmt::format("a {} needs its number before it (e.g. «III квартал», «I полугодие»)", what),
                      token.column);
    }
    Atom& number = atoms_.back();
    if (number.value < 1 || number.value > max) {
      return FailBool(fmt::format("a {} number must be 1–{}", what, max), number.column);
    }
    number.type = type;
    return true;
  }

  // «1 раз в год», «не реже одного раза в год», «два раза в год», «4 раза в год».
  bool ReadTimesPer(size_t& i) {
    const Token& token = tokens_[i];
    int count = 1;
    if (!atoms_.empty() && atoms_.back().type == AtomType::kNumber) {
      count = atoms_.back().value;
      atoms_.pop_back();
    }
    size_t next = i + 1;
    if (Peek(next) && tokens_[next].text == U"в") ++next;
    if (!Peek(next) || (tokens_[next].text != U"год" && tokens_[next].text != U"году")) {
      return FailBool("expected «раз в год»", token.column);
    }
    i = next;
    switch (count) {
      case 1:
        return SetYearly(token);
      case 2:
        return SetFrequency(Repeat::kHalfYearly, token);
      case 4:
        return SetFrequency(Repeat::kQuarterly, token);
      default:
        return FailBool(fmt::format("{} times a year is not a supported frequency (1, 2 or 4)", count),
                        token.column);
    }
  }

  // ----- interpretation

  PhraseResult Interpret() {
    // Separators at either end carry nothing («Ежегодно, февраль, май», «(далее – ежемесячно)»).
    std::vector<Atom> atoms = atoms_;
    auto separator = [](const Atom& atom) {
      return atom.type == AtomType::kListSep || atom.type == AtomType::kDash;
    };
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
      return Fail("«ежегодно» together with another frequency", markers_.frequency_column);
    }

    auto is = [&](size_t k, AtomType type) { return k < atoms.size() && atoms[k].type == type; };

    // Frequency alone: «Ежегодно», «Два раза в год», «Ежеквартально», «Ежемесячно», «Еженедельно».
    if (atoms.empty()) {
      if (prefix) return Fail("«до», «к» or «с» must be followed by a date, month or year", prefix_column);
      if (!frequency && !yearly) return Fail("no date, month, year or frequency", 1);
      spec.repeat = frequency.value_or(Repeat::kYearly);
      return Succeed();
    }

    // Periodic deadlines: «ежемесячно до 5 числа», «ежеквартально (до 15 числа месяца, следующего…)».
    if (atoms.size() == 1 && is(0, AtomType::kDueDay)) {
      if (!frequency || *frequency == Repeat::kWeekly) {
        return Fail("a day of the month needs «ежемесячно», «ежеквартально» or «два раза в год»",
                    atoms[0].column);
      }
      spec.repeat = *frequency;
      spec.due_day = atoms[0].value;
      spec.report = markers_.report;
      return Succeed();
    }

    if (frequency && *frequency != Repeat::kMonthly) {
      return Fail(fmt::format("unexpected dates after «{}»", EncodeUtf8(RepeatWord(*frequency))),
                  atoms[0].column);
    }

    // Exact dates: «01.11. 2022», «До 31.03. 2022 года», «01.06. 2022- 20.06.2022».
    if (is(0, AtomType::kDate)) {
      if (frequency || yearly) return Fail("a full date cannot repeat; drop the year or the frequency", atoms[0].column);
      spec.repeat = Repeat::kOnce;
      if (atoms.size() == 1) {
        spec.due = atoms[0].date;
        if (prefix != AtomType::kBefore) spec.opens = atoms[0].date;
        return Succeed();
      }
      if (atoms.size() == 3 && (is(1, AtomType::kDash) || is(1, AtomType::kTo)) && is(2, AtomType::kDate)) {
        if (atoms[2].date < atoms[0].date) return Fail("the window ends before it starts", atoms[2].column);
        spec.opens = atoms[0].date;
        spec.due = atoms[2].date;
        return Succeed();
      }
      return Unexpected(atoms, 1);
    }

    // A day of a month: «до 10 августа», «Ежегодно, в срок до 10 августа», «до 25 марта».
    if (is(0, AtomType::kDayMonth)) {
      if (frequency) return Unexpected(atoms, 0);
      if (atoms.size() == 2 && is(1, AtomType::kYear)) {
        if (yearly) return Fail("a full date cannot repeat; drop the year or «ежегодно»", atoms[1].column);
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
        if (last <= first) return Fail("the span of years ends before it starts", atoms[2].column);
        spec.repeat = Repeat::kOnce;
        spec.year = first;
        spec.to_year = last;
        spec.school_years = short_year;
        return Succeed();
      }
      return Unexpected(atoms, 1);
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
    if (dash && (list || spaced || items.size() != 2)) {
      return Fail("write either one range of months («Июнь-август») or a list («январь, май»)",
                  items[std::min<size_t>(2, items.size() - 1)].column);
    }
    for (size_t k = 0; k + 1 < items.size(); ++k) {
      if (items[k].year && !(dash && items.size() == 2)) {
        return Fail("write the year once, after the last month", items[k].column);
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
        return Fail("a monthly timing starts from one month with its year («Январь 2022 (далее – ежемесячно)»)",
                    first.column);
      }
      spec.repeat = Repeat::kMonthly;
      spec.since = YearMonth{*first.year, first.month};
      return Succeed();
    }
    if (prefix) return Fail("unexpected «с» or «к» before months", 1);

    if (spaced) {
      result_.warnings.push_back(
          "months separated by a bare space are read as a list; separate them with a comma");
    }

    if (dash && first.year && !last.year) {
      return Fail("the range needs a year after its last month too («Октябрь 2021 - июль 2022»)", last.column);
    }

    // «Октябрь 2021 - июль 2022»: one window across years.
    if (dash && first.year && last.year) {
      if (yearly) return Fail("a window with two years cannot repeat; drop «ежегодно» or the years", first.column);
      Date opens = FirstDayOfMonth(YearMonth{*first.year, first.month});
      Date due = LastDayOfMonth(YearMonth{*last.year, last.month});
      if (due < opens) return Fail("the window ends before it starts", last.column);
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

  PhraseResult Succeed() {
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
    return Fail(fmt::format("cannot read the timing from «{}» on", EncodeUtf8(text_.substr(static_cast<size_t>(column - 1)))),
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
      suggestions.push_back(
          Replaced(token.column, token.text.size(), DecodeUtf8(fmt::format("{}", around))));
    }
    return FailBool(fmt::format("year must have four digits, got «{}»", EncodeUtf8(token.text)),
                    token.column, std::move(suggestions));
  }

  bool UnknownWordError(const Token& token) {
    std::string word = EncodeUtf8(token.text);
    std::vector<std::string> suggestions;
    for (const std::string& nearest : NearestWords(word, KnownWords(), 2, 2)) {
      suggestions.push_back(Replaced(token.column, token.text.size(), DecodeUtf8(nearest)));
    }
    return FailBool(fmt::format("unknown word «{}»", word), token.column, std::move(suggestions));
  }

  std::string_view original_;
  std::u32string text_;
  int suggestion_year_;
  std::vector<Token> tokens_;
  std::vector<Atom> atoms_;
  Markers markers_;
  PhraseResult result_;
};

}  // namespace

PhraseResult ParseTimingPhrase(std::string_view phrase, int suggestion_year) {
  return PhraseParser(phrase, suggestion_year).Parse();
}

std::optional<int> MonthHintedByTitle(std::string_view title) {
  static constexpr std::array<std::u32string_view, 12> kAdjectiveStems = {
      U"январск", U"февральск", U"мартовск", U"апрельск", U"майск",     U"июньск",
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
