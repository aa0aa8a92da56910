// Every exported function, fed anything at all: it returns a frozen result or throws a RangeError,
// never anything else, and never mutates what it was given.

import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as lib from '../src/index.js';
import { snapshot, spend } from './helpers.js';
import { cases } from './shared/cases.js';

const functions = Object.entries(lib as unknown as Record<string, unknown>).filter(
  (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function',
);

const anyInput = fc.oneof(
  fc.anything(),
  fc.record(
    { currentSpend: fc.anything(), budgetLimit: fc.anything(), periodsElapsed: fc.anything(), totalPeriods: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.record({ consecutiveFailures: fc.anything(), failureThreshold: fc.anything() }, { requiredKeys: [] }),
  fc.array(fc.oneof(spend, fc.anything()), { minLength: 0, maxLength: 9 }),
);
const anyOptions = fc.oneof(
  fc.anything(),
  fc.record(
    {
      method: fc.oneof(fc.constantFrom('mad', 'percentile'), fc.anything()),
      seasonLength: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.anything()),
      percentile: fc.oneof(fc.double(), fc.anything()),
      minImpact: fc.double(),
      spikeMultiplier: fc.double(),
      hotMultiplier: fc.double(),
    },
    { requiredKeys: [] },
  ),
);

test.each(functions)('%s returns a frozen result or throws a RangeError, and never mutates its input', (_, run) => {
  fc.assert(
    fc.property(anyInput, anyOptions, (input, options) => {
      const before = [snapshot(input), snapshot(options)];
      try {
        expect(Object.isFrozen(run(input, options))).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
      }
      expect([snapshot(input), snapshot(options)]).toStrictEqual(before);
    }),
    { numRuns: 300 },
  );
});

test('an Object.prototype polluted with every option name changes no result', () => {
  const valid = cases.filter((c) => 'expected' in c);
  const names = [
    'warningRatio',
    'spikeMultiplier',
    'minBaseline',
    'seasonLength',
    'minImpact',
    'failureThreshold',
    'cooldownStepsRemaining',
  ];
  names.push(
    'hotMultiplier',
    'method',
    'zThreshold',
    'minMad',
    'percentile',
    'periodsElapsed',
    'totalPeriods',
    'currentSpend',
    'budgetLimit',
  );
  const call = (c: (typeof valid)[number]) => (lib as unknown as Record<string, (...args: unknown[]) => unknown>)[c.fn]?.(...c.args);
  const clean = valid.map(call);
  const proto = Object.prototype as Record<string, unknown>;
  for (const name of names) proto[name] = name === 'method' ? 'percentile' : 2;
  try {
    expect(valid.map(call)).toStrictEqual(clean);
  } finally {
    for (const name of names) Reflect.deleteProperty(proto, name);
  }
});
