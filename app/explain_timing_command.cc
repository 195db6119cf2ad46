// `vekha explain-timing PHRASE`: how a «Сроки» phrase compiles and which occurrences it gives
// (docs/timing.md, «What explain-timing prints»). An unreadable phrase exits with status 2 and the error on stderr.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/date_option.h"
#include "app/output.h"
#include "engine/occurrences.h"
#include "workflows/structured_timing.h"
#include "workflows/timing_phrase.h"

namespace vekha::app {

namespace {

struct ExplainOptions {
  std::string phrase;
  std::string from;
  std::string to;
  std::string year = "calendar";
  std::string shift = "next";
  std::string format = "text";
};

nlohmann::ordered_json DateOrNull(const std::optional<Date>& date) {
  return date ? nlohmann::ordered_json(FormatIsoDate(*date)) : nlohmann::ordered_json(nullptr);
}

int RunExplain(const ExplainOptions& options, const Clock& clock) {
  int this_year = YearOf(LocalToday(clock, "UTC"));
  ExpansionContext context;
  context.from = OptionalDate(options.from).value_or(MakeDate(this_year, 1, 1));
  context.to = OptionalDate(options.to).value_or(MakeDate(this_year, 12, 31));
  if (context.to < context.from) {
    std::cerr << "ошибка: --to раньше --from\n";
    return kExitUsage;
  }
  context.year_type = options.year == "academic" ? YearType::kAcademic : YearType::kCalendar;
  context.shift = ParseShiftPolicy(options.shift).value_or(ShiftPolicy::kNext);

  PhraseResult parsed = ParseTimingPhrase(options.phrase, YearOf(context.from));
  if (!parsed.ok) {
    std::cerr << fmt::format("ошибка: срок «{}» не прочитан (позиция {}): {}\n", options.phrase, parsed.error.column,
                             parsed.error.message);
    for (const std::string& suggestion : parsed.error.suggestions) {
      std::cerr << fmt::format("    ближайшая допустимая запись: «{}»\n", suggestion);
    }
    return kExitUsage;
  }
  Expansion expansion = ExpandTiming(parsed.spec, context);
  std::vector<std::string> warnings = parsed.warnings;
  warnings.insert(warnings.end(), expansion.warnings.begin(), expansion.warnings.end());
  for (int year : expansion.uncovered_years) warnings.push_back(UncoveredYearWarning(year));

  if (options.format == "json") {
    nlohmann::ordered_json json;
    json["input"] = options.phrase;
    json["kind"] = RepeatName(expansion.kind);
    json["structured"] = TimingSpecToJson(parsed.spec);
    json["warnings"] = warnings;
    json["occurrences"] = nlohmann::ordered_json::array();
    for (const Occurrence& occurrence : expansion.occurrences) {
      json["occurrences"].push_back({{"key", occurrence.key},
                                     {"opens", FormatIsoDate(occurrence.opens)},
                                     {"due", DateOrNull(occurrence.due)},
                                     {"effective_due", DateOrNull(occurrence.effective_due)}});
    }
    std::cout << PrintableJson(json) << '\n';
    return kExitOk;
  }
  std::cout << fmt::format("«{}»\nпериодичность: {} ({})\nструктура:     {}\nпериод:        {} – {} ({} год)\n",
                           options.phrase, RepeatTitle(expansion.kind), RepeatName(expansion.kind),
                           TimingSpecToJson(parsed.spec).dump(), FormatIsoDate(context.from), FormatIsoDate(context.to),
                           options.year == "academic" ? "учебный" : "календарный");
  for (const std::string& warning : warnings) std::cout << "предупреждение: " << warning << '\n';
  std::cout << fmt::format("\n{:<12} {:<12} {:<12} {}\n", "период", "открывается", "срок", "срок с переносом");
  for (const Occurrence& occurrence : expansion.occurrences) {
    auto show = [](const std::optional<Date>& date) { return date ? FormatIsoDate(*date) : "—"; };
    std::cout << fmt::format("{:<12} {:<12} {:<12} {:<12}\n", occurrence.key, FormatIsoDate(occurrence.opens),
                             show(occurrence.due), show(occurrence.effective_due));
  }
  if (expansion.occurrences.empty()) std::cout << "(сроков нет)\n";
  return kExitOk;
}

}  // namespace

void AddExplainTimingCommand(CLI::App& app, const Clock& clock, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command =
      app.add_subcommand("explain-timing", "Показать, как прочитана фраза «Сроков» и какие сроки она даёт");
  command->add_option("phrase", options->phrase, "Срок, как он написан, например \"Ежегодно январь, май\"")->required();
  command->add_option("--from", options->from, "Первый день периода (по умолчанию 1 января этого года)")
      ->check(IsoDateValidator());
  command->add_option("--to", options->to, "Последний день периода (по умолчанию 31 декабря этого года)")
      ->check(IsoDateValidator());
  command->add_option("--year", options->year, "Вид года дорожной карты")
      ->check(CLI::IsMember({"calendar", "academic"}));
  command->add_option("--shift", options->shift, "Куда переносится срок, выпавший на выходной")
      ->check(CLI::IsMember({"next", "previous", "none"}));
  command->add_option("--format", options->format, "Формат вывода")->check(CLI::IsMember({"text", "json"}));
  command->callback([options, &clock, &exit_code] { exit_code = RunExplain(*options, clock); });
}

}  // namespace vekha::app
