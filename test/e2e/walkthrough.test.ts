import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { KAMP_FILE } from '../support/market.js';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);

/** The shell blocks of the README's "Try it with curl", in order, as one script. */
async function walkthrough(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.slice(
    readme.indexOf('## Try it with curl'),
    readme.indexOf('`npm run seed` loads'),
  );
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThan(5);
  return `set -eo pipefail\n${blocks.join('\n')}`;
}

/**
 * The README walkthrough, run as written against a started service, twice on the same data: it
 * cannot drift from what the API does, and a reader can run it again.
 */
describe('the README walkthrough', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('runs as written, twice on the same service, ending in a paid order and the exact bytes', async () => {
    const script = await walkthrough();
    const url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const env = {
      ...process.env,
      API: `${url}/api`,
      STRIPE: `http://127.0.0.1:${t.config.stripe.emulatorPort}`,
      STRIPE_KEY: t.config.stripe.secretKey!,
      OPERATOR_EMAIL: OPERATOR.email,
      OPERATOR_PASSWORD: OPERATOR.password,
    };
    const sha = createHash('sha256')
      .update(await readFile(KAMP_FILE))
      .digest('hex');
    for (let round = 1; round <= 2; round++) {
      const { stdout } = await run('bash', ['-c', script], { env, timeout: 90_000 });
      const lines = stdout.trim().split('\n');
      expect(stdout).not.toContain('"statusCode"'); // no refusal anywhere
      expect(lines).toEqual(
        expect.arrayContaining(['SME', 'ACTIVE', 'AVAILABLE', 'SEALED', 'PASSED 100', 'LISTED']),
      );
      expect(lines).toContain('voucher 1600000, buyer 400000');
      expect(lines.slice(-2)).toEqual(['PAID', sha]);
    }
  }, 200_000);
});
