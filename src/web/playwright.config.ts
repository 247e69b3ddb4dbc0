import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// One fresh service for the run: its own data, ports and screenshots folder. Workers inherit these.
process.env.E2E_PORT ??= String(3300 + Math.floor(Math.random() * 500));
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'mdx-e2e-'));
process.env.E2E_MAIL_PORT ??= String(Number(process.env.E2E_PORT) + 1000);
const port = Number(process.env.E2E_PORT);
// Debian's Chromium headless shell when it is there (Playwright's own choice for headless runs: the
// same engine without the desktop browser around it, a third less CPU here), else Debian's Chromium.
const shell = '/usr/lib/chromium/chromium-headless-shell';
const chromium = existsSync(shell) ? shell : '/usr/bin/chromium';

/**
 * The browser tests: Debian's Chromium (never Playwright's download, which cannot be reached)
 * against a service started fresh with `npm start`'s own script, the web app built by it.
 */
export default defineConfig({
  testDir: here,
  testMatch: /.*\.(e2e|setup)\.ts$/,
  outputDir: path.join(root, '.tmp', 'e2e-results'),
  // Two at once on two cores: every test makes its own people and, where it changes one, its own product.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    // A screenshot and the page's accessibility tree of a failing test, always. Traces (DOM
    // snapshots of every action) cost the browser a third more CPU: E2E_TRACE=1 records them.
    trace: process.env.E2E_TRACE
      ? { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true }
      : 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromium,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'market', testMatch: /market\.setup\.ts$/ },
    {
      name: 'chromium',
      testMatch: /.*\.e2e\.ts$/,
      dependencies: ['market'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1400, height: 1000 } },
    },
  ],
  webServer: {
    command: `node ${path.join(root, 'scripts/start.mjs')}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR,
      STRIPE_EMULATOR_PORT: '0',
      // The local mail catcher that `npm start` runs without SMTP_URL: the tests read its pages.
      MAIL_CATCHER_PORT: process.env.E2E_MAIL_PORT,
      // Links in mail lead to the address the browser uses.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      // Every test user signs up from this machine.
      SIGNUP_MAX_PER_ADDRESS: '1000000',
      // Usage figures are written in batches: every second here, so a test reads them soon.
      USAGE_FLUSH_SECONDS: '1',
    },
  },
});
