import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The unit tests alone, for mutation testing (npm run test:mutation): no type tests, no coverage, no build,
// and not the 80 MB allocation test, which instrumented code makes too slow to be useful.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __CLOUDCIRCUIT_VERSION__: JSON.stringify(version) },
  test: {
    setupFiles: ['test/setup.ts'],
    include: ['test/*.test.ts'],
    exclude: ['test/docs.test.ts', 'test/bench-inline.test.ts', 'test/algorithms.test.ts'],
  },
});
