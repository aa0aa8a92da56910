import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __CLOUDCIRCUIT_VERSION__: JSON.stringify(version) },
  test: {
    setupFiles: ['test/setup.ts'],
    // each run writes its own JSON report; scripts/test-summary.mjs adds them up for CI
    reporters: ['default', ['json', { outputFile: process.env['VITEST_JSON'] ?? 'test-results/vitest.json' }]],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // the binary's entry only connects run() to the process; the package tests spawn it
      exclude: ['src/cli/main.ts'],
      reporter: ['text', 'json-summary'],
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/*.test.ts'],
          typecheck: { enabled: true, include: ['test/*.test-d.ts'], tsconfig: 'test/tsconfig.json' },
        },
      },
      {
        // Uses the built dist/ and the packed tarball: run after `npm run build`.
        extends: true,
        test: { name: 'package', include: ['test/package/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        // Every runtime the package claims, on the packed tarball: npm run test:runtimes.
        extends: true,
        test: { name: 'runtimes', include: ['test/runtimes/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        // Worker processes sharing state in a real redis-server: npm run test:shared.
        extends: true,
        test: { name: 'shared', include: ['test/redis/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
