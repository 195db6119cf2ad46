// json-rules-engine judging the six conditions of bench/condition_bench.cc over the same 100,000
// synthetic tasks; prints facts×rules per second. Run by bench/run.
'use strict';

const { Engine } = require('json-rules-engine');
const { SyntheticFacts } = require('./facts');

const rules = [
  { all: [{ fact: 'status', operator: 'in', value: ['open', 'returned'] },
          { fact: 'working_days_until_due', operator: 'lessThanInclusive', value: 7 },
          { fact: 'working_days_until_due', operator: 'greaterThanInclusive', value: 0 }] },
  { all: [{ fact: 'overdue', operator: 'equal', value: true },
          { fact: 'working_days_overdue', operator: 'greaterThanInclusive', value: 3 }] },
  { all: [{ fact: 'missing_deliverables', operator: 'greaterThan', value: 0 },
          { fact: 'days_until_due', operator: 'lessThanInclusive', value: 3 }] },
  { all: [{ fact: 'responsible_assigned', operator: 'equal', value: false }] },
  { all: [{ fact: 'status', operator: 'equal', value: 'submitted' },
          { fact: 'days_since_submission', operator: 'greaterThanInclusive', value: 5 }] },
  { all: [{ fact: 'organisation_tags', operator: 'contains', value: '500plus' },
          { fact: 'overdue', operator: 'equal', value: true }] },
];

async function Main() {
  const count = Number(process.argv[2] || 100000);
  const facts = SyntheticFacts(count);
  const engine = new Engine([], { allowUndefinedFacts: true });
  rules.forEach((conditions, i) => engine.addRule({ conditions, event: { type: `rule-${i}` } }));
  const start = process.hrtime.bigint();
  let held = 0;
  for (const task of facts) {
    const { events } = await engine.run(task);
    held += events.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ peer: 'json-rules-engine', tasks: count, rules: rules.length, held,
                               checks_per_second: (count * rules.length) / seconds }));
}

Main();
