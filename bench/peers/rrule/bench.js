// rrule.js expanding the recurrences equivalent to bench/expansion_bench.cc's
// BM_ExpandEquivalentRecurrences over the same ten years; prints {"occurrences_per_second": N}.
// Usage: node bench.js [seconds]
const { rrulestr } = require('rrule');

const kRules = [
  'FREQ=MONTHLY;BYMONTHDAY=-1',                  // «Ежемесячно»: by the end of each month
  'FREQ=YEARLY;BYMONTH=1,5;BYMONTHDAY=-1',       // «Ежегодно январь, май»
  'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15', // «ежеквартально (до 15 числа месяца, следующего …)»
  'FREQ=WEEKLY;BYDAY=FR',                        // «Еженедельно»: by Friday
];
const rules = kRules.map((rule) => rrulestr(`DTSTART:20160101T000000Z\nRRULE:${rule};UNTIL=20251231T000000Z`));

const seconds = Number(process.argv[2] || 3);
let occurrences = 0;
const start = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < seconds) {
  // Fresh objects each round: rrule caches results, Vekha expands from scratch too.
  for (const text of kRules) {
    const rule = rrulestr(`DTSTART:20160101T000000Z\nRRULE:${text};UNTIL=20251231T000000Z`, { cache: false });
    occurrences += rule.all().length;
  }
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
}
console.log(JSON.stringify({ occurrences_per_second: occurrences / elapsed, occurrences_per_round: rules.reduce((n, r) => n + r.all().length, 0) }));
