// The synthetic task facts of bench/condition_bench.cc, made by the same generator (a 64-bit LCG)
// so both sides judge the same tasks.
'use strict';

const kStatuses = ['scheduled', 'open', 'submitted', 'returned', 'confirmed'];

function* Lcg(seed) {
  let state = BigInt(seed);
  for (;;) {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    yield Number(state >> 33n);
  }
}

function SyntheticFacts(count) {
  const random = Lcg(42);
  const next = () => random.next().value;
  const facts = [];
  for (let i = 0; i < count; ++i) {
    const status = kStatuses[next() % kStatuses.length];
    const daysUntilDue = (next() % 40) - 20;
    const workingDaysUntilDue = Math.trunc((daysUntilDue * 5) / 7);
    const responsibleAssigned = next() % 10 !== 0;
    const missing = next() % 3 === 0 ? ['Аналитическая справка'] : [];
    const tags = next() % 5 === 0 ? ['500plus'] : [];
    const daysSinceSubmission = next() % 10;
    const waiting = status === 'scheduled' || status === 'open' || status === 'returned';
    const overdue = waiting && daysUntilDue < 0;
    facts.push({
      status,
      working_days_until_due: workingDaysUntilDue,
      days_until_due: daysUntilDue,
      overdue,
      working_days_overdue: overdue ? Math.max(0, -workingDaysUntilDue) : 0,
      missing_deliverables: missing.length,
      responsible_assigned: responsibleAssigned,
      days_since_submission: daysSinceSubmission,
      organisation_tags: tags,
    });
  }
  return facts;
}

module.exports = { SyntheticFacts };
