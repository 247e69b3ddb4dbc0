import { appendFileSync } from 'node:fs';
import path from 'node:path';

/** What a reliability test did, for the run's closing "Reliability:" line (summary-reporter.mjs). */
export interface Figures {
  /** Requests sent to the service. */
  requests: number;
  /** Faults injected: a server stopped, a process killed, a webhook lost or replayed. */
  faults?: number;
  /** Answers of 500 or more that were not an expected 503 during an outage. */
  fiveHundreds: number;
  /** Won missing from the ledger or from a voucher after the test: always 0, or the test fails. */
  wonLost?: number;
}

/** Appends one test's figures to the run's figures file (jsonl in TEST_TMP_DIR). */
export function recordFigures(suite: string, figures: Figures): void {
  const dir = process.env.TEST_TMP_DIR;
  if (!dir) return;
  appendFileSync(
    path.join(dir, 'figures.jsonl'),
    `${JSON.stringify({ suite, faults: 0, wonLost: 0, ...figures })}\n`,
  );
}
