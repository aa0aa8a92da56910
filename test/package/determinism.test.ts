// The ESM and CommonJS builds give bit-identical results (and identical error messages) for the same
// inputs: every number is compared by its 64 bits, -0 and NaN included.

import fc from 'fast-check';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import * as esm from '../../dist/index.js';

const cjs = createRequire(import.meta.url)(resolve(import.meta.dirname, '../../dist/index.cjs')) as typeof esm;
const view = new DataView(new ArrayBuffer(8));

/** JSON of a result with every number written as its IEEE 754 bits, so -0 differs from 0 and every ulp counts. */
function bits(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v !== 'number') return v;
    view.setFloat64(0, v);
    return `f64:${view.getBigUint64(0).toString(16)}`;
  });
}

function outcome(run: () => unknown): string {
  try {
    return bits(run());
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: 0, max: 1e6 }),
  fc.constantFrom(-0, Number.MIN_VALUE, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 1),
);
const series = fc.oneof(
  fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 2, maxLength: 60 }),
  fc.array(anyNumber, { maxLength: 10 }),
);

test('both builds are the same library', () => {
  expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
});

test('every function gives bit-identical results from both builds', () => {
  fc.assert(
    fc.property(anyNumber, anyNumber, anyNumber, series, fc.integer({ min: 2, max: 8 }), (a, b, c, points, season) => {
      const calls: [string, unknown[]][] = [
        ['checkBudget', [{ currentSpend: a, budgetLimit: b, warningRatio: c }]],
        ['checkAnomalySpike', [points, { spikeMultiplier: 1 + Math.abs(c % 5), seasonLength: season }]],
        ['checkAnomalyRobust', [points, { method: 'mad', minImpact: Math.abs(a % 10) }]],
        ['checkAnomalyRobust', [points, { method: 'percentile', percentile: 0.9 }]],
        ['checkBurnRate', [points]],
        ['forecastBudgetBreach', [{ currentSpend: a, budgetLimit: b, periodsElapsed: Math.abs(c), totalPeriods: 30 }]],
        ['evaluateCircuitBreaker', [{ consecutiveFailures: a, failureThreshold: 3 }]],
        [
          'stepBreaker',
          [esm.createBreakerState(), { type: 'failure', at: Math.abs(a) }, { failureThreshold: 1, cooldown: Math.abs(b) || 1 }],
        ],
      ];
      for (const [name, args] of calls) {
        const left = outcome(() => (esm as unknown as Record<string, (...x: unknown[]) => unknown>)[name]?.(...args));
        const right = outcome(() => (cjs as unknown as Record<string, (...x: unknown[]) => unknown>)[name]?.(...args));
        expect(right, name).toBe(left);
      }
    }),
    { numRuns: 300 },
  );
});
