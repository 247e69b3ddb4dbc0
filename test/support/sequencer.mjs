/**
 * Jest runs the longest suites first so that no worker idles at the end. With timings from an
 * earlier run on this machine it knows which those are; on a clean checkout (CI) it would guess
 * by file size, and the short files that start the real service (boot, the README walkthrough,
 * the crash tests) would run last, alone. Those start first here; the rest keeps Jest's order.
 */
import TestSequencer from '@jest/test-sequencer';

const SLOW = [/boot\.test/, /walkthrough\.test/, /-crash\.test/, /fuzz\.test/];
const rank = (path) => {
  const i = SLOW.findIndex((re) => re.test(path));
  return i === -1 ? SLOW.length : i;
};

export default class SlowFirst extends TestSequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    // What failed last time still goes first; the sort is stable, so Jest's order stays within a rank.
    const key = (t) => (this.hasFailed(t) ? -1 : rank(t.path));
    return [...sorted].sort((a, b) => key(a) - key(b));
  }
}
