import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The reliability tests' figures (test/support/figures.ts), added up per suite. */
function reliabilityLines() {
  let text;
  try {
    text = readFileSync(path.join(process.env.TEST_TMP_DIR ?? '', 'figures.jsonl'), 'utf8');
  } catch {
    return [];
  }
  const rows = text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const sum = (key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
  return [
    ...rows.map(
      (r) =>
        `  ${r.suite}: ${r.requests} requests, ${r.faults} faults injected, ${r.attacks ?? 0} attack requests, ${r.fiveHundreds} answers of 500, ${r.wonLost} won lost`,
    ),
    `Reliability: ${sum('requests')} requests, ${sum('faults')} faults injected, ${sum('attacks')} attack requests, ${sum('fiveHundreds')} answers of 500, ${sum('wonLost')} won lost`,
  ];
}

/** Prints the plain closing lines CI reads: the reliability figures, then "N passed, N failed, N skipped". */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const lines = reliabilityLines();
    process.stdout.write(
      `${lines.length ? `\n${lines.join('\n')}` : ''}\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
