/** ESM jest with ts-jest; see STACK.md. Unit specs sit beside the code, the rest under test/. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  // Every answer the suites receive is checked against openapi.json (test/support/contract.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/contract-setup.ts'],
  testTimeout: 30_000,
  // Three on two cores: several suites wait on child services, a scheduled minute or the queue,
  // and a third worker uses that time (236 s against 247 s for the whole run, measured once).
  maxWorkers: 3,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.mjs'],
};
