// Prints one line, `N passed, N failed`, summed over every vitest JSON report in test-results/.
// .ci/run ends with it, so CI reads the real test counts.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results';
let passed = 0;
let failed = 0;
for (const file of existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : []) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}
console.log(`${String(passed)} passed, ${String(failed)} failed`);
