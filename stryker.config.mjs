// Mutation testing: npm run test:mutation. Every surviving mutant is killed by a test or explained in
// test/MUTANTS.md. Incremental: only code and tests that changed since the committed report are re-run.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['src/**/*.ts', '!src/index.ts', '!src/cli/main.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'test-results/mutation.json' },
  thresholds: { high: 97, low: 95, break: 95 },
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
