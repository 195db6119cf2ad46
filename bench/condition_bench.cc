// Rule-condition evaluation rate (task × condition checks per second) beside a hand-written C++
// `if` chain of the same conditions over the same facts, in the same run (the baseline).
#include <benchmark/benchmark.h>

#include <cstdint>

#include "rules/condition.h"

namespace vekha::rules {
namespace {

// Over 1,000,000 synthetic tasks: the scale of a country (docs/product.md, «Qualities»).
const char* const kConditions[] = {
    R"(status in ["open", "returned"] and working_days_until_due <= 7 and working_days_until_due >= 0)",
    "overdue and working_days_overdue >= 3",
    "missing_deliverables > 0 and days_until_due <= 3",
    "not responsible_assigned",
    R"(status == "submitted" and days_since_submission >= 5)",
    R"(organisation_tags contains "500plus" and overdue)",
};

// The same generator as bench/peers/json-rules-engine/facts.js (a 64-bit LCG), so the peer
// judges the same tasks.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint64_t operator()() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }

 private:
  uint64_t state_;
};

std::vector<TaskFacts> SyntheticFacts(size_t count) {
  static const std::vector<std::string_view> kStatuses = {"scheduled", "open", "submitted", "returned", "confirmed"};
  Lcg random(42);
  std::vector<TaskFacts> facts(count);
  for (TaskFacts& task : facts) {
    task.status = kStatuses[random() % kStatuses.size()];
    task.today = MakeDate(2022, 3, 1);
    int days_until_due = static_cast<int>(random() % 40) - 20;
    task.effective_due = AddDays(task.today, days_until_due);
    task.working_days_until_due = days_until_due * 5 / 7;
    task.responsible_assigned = random() % 10 != 0;
    if (random() % 3 == 0) task.missing_deliverables = {"Аналитическая справка"};
    if (random() % 5 == 0) task.organisation_tags = {"500plus"};
    task.submitted_on = AddDays(task.today, -static_cast<int>(random() % 10));
  }
  return facts;
}

void BM_EvaluateConditions(benchmark::State& state) {
  std::vector<std::shared_ptr<const CompiledCondition>> conditions;
  for (const char* text : kConditions) conditions.push_back(CompileCondition(text).condition);
  std::vector<TaskFacts> facts = SyntheticFacts(1'000'000);
  int64_t held = 0;
  for (auto _ : state) {
    for (const TaskFacts& task : facts) {
      for (const auto& condition : conditions) held += Evaluate(*condition, task);
    }
  }
  benchmark::DoNotOptimize(held);
  state.counters["checks_per_second"] = benchmark::Counter(
      static_cast<double>(facts.size() * conditions.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateConditions)->Unit(benchmark::kMillisecond);

// The practical limit: the same six conditions written by hand in C++.
void BM_HandWrittenChain(benchmark::State& state) {
  std::vector<TaskFacts> facts = SyntheticFacts(1'000'000);
  int64_t held = 0;
  for (auto _ : state) {
    for (const TaskFacts& task : facts) {
      bool waiting = task.status == "scheduled" || task.status == "open" || task.status == "returned";
      bool overdue = waiting && task.effective_due && *task.effective_due < task.today;
      int days_until = DaysBetween(task.today, *task.effective_due);
      held += (task.status == "open" || task.status == "returned") && task.working_days_until_due <= 7 &&
              task.working_days_until_due >= 0;
      held += overdue && -task.working_days_until_due >= 3;
      held += !task.missing_deliverables.empty() && days_until <= 3;
      held += !task.responsible_assigned;
      held += task.status == "submitted" && DaysBetween(*task.submitted_on, task.today) >= 5;
      held += overdue && std::find(task.organisation_tags.begin(), task.organisation_tags.end(), "500plus") !=
                             task.organisation_tags.end();
    }
  }
  benchmark::DoNotOptimize(held);
  state.counters["checks_per_second"] = benchmark::Counter(
      static_cast<double>(facts.size() * 6) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HandWrittenChain)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vekha::rules
