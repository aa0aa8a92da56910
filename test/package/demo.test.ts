// `npm run demo` runs examples/demo.mjs against the build: it must keep printing the full report.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('the demo prints every guardrail with its verdict', () => {
  const output = execFileSync(process.execPath, [resolve(import.meta.dirname, '../../examples/demo.mjs')], { encoding: 'utf8' });
  const marks = output
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().split(/\s+/)[0]);
  expect(marks).toEqual(['OK', 'WARNING', 'BREACHED', 'OK', 'SPIKE', 'CLOSED', 'OPEN', 'OPEN']);
  expect(output).toContain('5,888.70 month to date');
  expect(output).toContain('day 14: 911.40 is above 574.30 (1.5 x mean 382.87)');
  expect(output).toContain('3 failure(s) in a row, 2 cooldown step(s) left: deny, retry after 2 step(s)');
});
