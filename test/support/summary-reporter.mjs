import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The rows of a jsonl file the suites wrote to the run's temporary folder. */
function readRows(name) {
  let text;
  try {
    text = readFileSync(path.join(process.env.TEST_TMP_DIR ?? '', name), 'utf8');
  } catch {
    return [];
  }
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** The reliability tests' figures (test/support/figures.ts), added up per suite. */
function reliabilityLines() {
  const rows = readRows('figures.jsonl');
  if (!rows.length) return [];
  const sum = (key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
  return [
    ...rows.map(
      (r) =>
        `  ${r.suite}: ${r.requests} requests, ${r.faults} faults injected, ${r.attacks ?? 0} attack requests, ${r.fiveHundreds} answers of 500, ${r.wonLost} won lost`,
    ),
    `Reliability: ${sum('requests')} requests, ${sum('faults')} faults injected, ${sum('attacks')} attack requests, ${sum('fiveHundreds')} answers of 500, ${sum('wonLost')} won lost`,
  ];
}

/** What test/support/contract-setup.ts checked against openapi.json, added up over the suites. */
function contractLines() {
  const rows = readRows('contract.jsonl');
  if (!rows.length) return [];
  const operations = new Set(rows.flatMap((r) => r.operations));
  const statuses = new Set(rows.flatMap((r) => r.statuses));
  const answers = rows.reduce((n, r) => n + r.answers, 0);
  const mismatches = rows.flatMap((r) => r.mismatches);
  const documented = Math.max(...rows.map((r) => r.documented));
  return [
    `Contract: ${answers} answers checked against openapi.json, ${operations.size} of ${documented} operations and ${statuses.size} operation-statuses exercised, ${mismatches.length} mismatches`,
    ...mismatches.slice(0, 20).map((m) => `  mismatch: ${m}`),
  ];
}

/** Prints the plain closing lines CI reads: the reliability figures, then "N passed, N failed, N skipped". */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const lines = [...reliabilityLines(), ...contractLines()];
    process.stdout.write(
      `${lines.length ? `\n${lines.join('\n')}` : ''}\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
