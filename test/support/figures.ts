import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { TestClient } from './test-app.js';

/** What a reliability test did, for the run's closing "Reliability:" line (summary-reporter.mjs). */
export interface Figures {
  /** Requests sent to the service. */
  requests: number;
  /** Faults injected: a server stopped, a process killed, a webhook lost or replayed. */
  faults?: number;
  /** Attacks tried: requests made to cheat (self-dealing, forged events, crashing input), each refused. */
  attacks?: number;
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
    `${JSON.stringify({ suite, faults: 0, attacks: 0, wonLost: 0, ...figures })}\n`,
  );
}

/**
 * A client that counts what goes through it: every request, and every answer of 500 or more.
 * `attack()` marks the next request as an attack, for the closing line.
 */
export function tally(t: TestClient) {
  const figures = { requests: 0, fiveHundreds: 0, attacks: 0 };
  let attacking = 0;
  const client: TestClient = {
    dataSource: t.dataSource,
    http: () =>
      new Proxy(t.http(), {
        get(target, verb, receiver) {
          const method = Reflect.get(target, verb, receiver);
          if (typeof method !== 'function') return method;
          return (...args: unknown[]) => {
            const req = method.apply(target, args);
            figures.requests++;
            if (attacking > 0) {
              attacking--;
              figures.attacks++;
            }
            req.on('response', (res: { status: number }) => {
              if (res.status >= 500) figures.fiveHundreds++;
            });
            return req;
          };
        },
      }),
  };
  return {
    client,
    figures,
    /** The next `n` requests are attacks. */
    attack(n = 1) {
      attacking += n;
      return client;
    },
  };
}
