// examples/fail-closed: a broken metrics pipeline becomes 'block', never 'allow'.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decide } from '../../examples/fail-closed/decide.mjs';

const healthy = { monthToDate: 4200, budget: 10000, daily: [310, 295, 305, 300, 298] };

describe('failing closed', () => {
  test('healthy metrics get a real decision', () => {
    expect(decide(healthy)).toEqual({
      action: 'allow',
      reasons: [],
      summary: 'Within limits: spend 4,200.00 is 42% of the 10,000.00 budget.',
    });
    expect(decide({ ...healthy, monthToDate: 10_500 }).action).toBe('block');
  });

  test.each<[string, object, string]>([
    ['a NaN spend', { monthToDate: NaN }, 'Expected `currentSpend` to be a finite number >= 0, got NaN.'],
    ['a missing spend', { monthToDate: undefined }, 'Expected `currentSpend` to be a finite number >= 0, got undefined.'],
    ['a spend as text', { monthToDate: '4200' }, 'Expected `currentSpend` to be a finite number >= 0, got the string "4200".'],
    ['an infinite budget', { budget: Infinity }, 'Expected `budgetLimit` to be a finite number > 0, got Infinity.'],
    ['a zero budget', { budget: 0 }, 'Expected `budgetLimit` to be a finite number > 0, got 0.'],
    ['a negative day', { daily: [310, -5, 300] }, 'Expected `spendSeries[1]` to be a finite number >= 0, got -5.'],
    ['a null day', { daily: [310, null, 300] }, 'Expected `spendSeries[1]` to be a finite number >= 0, got null.'],
    ['a hole', { daily: [310, , 300] }, 'Expected `spendSeries[1]` to be a finite number >= 0, got a hole (missing element).'], // eslint-disable-line no-sparse-arrays
    ['one day of data', { daily: [310] }, 'Expected `spendSeries` to be a series of at least 2 points, got 1 point.'],
    ['no series at all', { daily: undefined }, 'Expected `spendSeries` to be an array-like series of numbers, got undefined.'],
  ])('%s blocks, with the reason', (_, broken, summary) => {
    expect(decide({ ...healthy, ...broken })).toEqual({ action: 'block', reasons: ['invalid-metrics'], summary });
  });

  test('a bug in the caller is not swallowed', () => {
    expect(() => decide(null as never)).toThrow(TypeError);
  });

  test('runs as a program', () => {
    const output = execFileSync(process.execPath, [resolve(import.meta.dirname, '../../examples/fail-closed/decide.mjs')], {
      encoding: 'utf8',
    });
    expect(output.split('\n').map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'healthy allow',
      'broken block',
      'gap block',
      '',
    ]);
  });
});
