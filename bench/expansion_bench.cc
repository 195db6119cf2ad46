// Occurrence expansion rate (target ≥ 1,000,000 occurrences/s), beside a baseline that only walks
// the same number of month ends in the same run.
#include <benchmark/benchmark.h>

#include "engine/occurrences.h"
#include "workflows/timing_phrase.h"

namespace vekha {
namespace {

// Timing phrases of the seeds, one of each shape.
const char* const kPhrases[] = {
    "Ежегодно январь, май", "Июнь-август ежегодно", "Ежегодно III квартал", "Ежемесячно",
    "ежеквартально (до 15 числа месяца, следующего за отчетным периодом)", "Два раза в год",
    "Ежегодно, в срок до 10 августа", "Сентябрь, декабрь 2021 года, ежегодно", "Еженедельно",
    "Январь 2022 ( далее – ежемесячно)", "Октябрь 2021 - июль 2022", "До 31.03. 2022 года"};

std::vector<TimingSpec> Specs() {
  std::vector<TimingSpec> specs;
  for (const char* phrase : kPhrases) specs.push_back(ParseTimingPhrase(phrase).spec);
  return specs;
}

ExpansionContext TenYears() {
  ExpansionContext context;
  context.from = MakeDate(2016, 1, 1);
  context.to = MakeDate(2025, 12, 31);
  return context;
}

void BM_ExpandSeedTimingsOverTenYears(benchmark::State& state) {
  std::vector<TimingSpec> specs = Specs();
  ExpansionContext context = TenYears();
  int64_t occurrences = 0;
  for (auto _ : state) {
    for (const TimingSpec& spec : specs) {
      Expansion expansion = ExpandTiming(spec, context);
      occurrences += static_cast<int64_t>(expansion.occurrences.size());
      benchmark::DoNotOptimize(expansion);
    }
  }
  state.counters["occurrences_per_second"] =
      benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExpandSeedTimingsOverTenYears);

// Baseline: one month end and one calendar look-up per occurrence, no keys, no strings.
void BM_BaselineMonthEndsWithCalendarLookup(benchmark::State& state) {
  const WorkCalendar& calendar = WorkCalendar::RussianBuiltin();
  int64_t produced = 0;
  for (auto _ : state) {
    for (YearMonth month{2016, 1}; month.year < 2026; month = AddMonths(month, 1)) {
      Date due = calendar.Shift(LastDayOfMonth(month), ShiftPolicy::kNext);
      benchmark::DoNotOptimize(due);
      ++produced;
    }
  }
  state.counters["occurrences_per_second"] =
      benchmark::Counter(static_cast<double>(produced), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselineMonthEndsWithCalendarLookup);

}  // namespace
}  // namespace vekha
