// Every exported function, fed anything at all: it returns a frozen result or throws a RangeError,
// never anything else, and never mutates what it was given.

import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as lib from '../src/index.js';
import { snapshot, spend } from './helpers.js';
import { cases, type ResultCase } from './shared/cases.js';

// every synchronous export; applyShared (asynchronous) gets the same treatment below
const functions = Object.entries(lib as unknown as Record<string, unknown>).filter(
  (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function' && entry[0] !== 'applyShared',
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
  // the synchronous ones (applyShared's cases make a store and a step: they are not option reads)
  const valid = cases.filter((c): c is ResultCase & { args: unknown[] } => 'expected' in c && Array.isArray(c.args));
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

// ---- the adversarial table: every hostile value in every field of every function ----------------

const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();
const hostile: readonly [string, () => unknown][] = [
  ['-0', () => -0],
  ['Number.MIN_VALUE', () => Number.MIN_VALUE],
  ['-Number.MIN_VALUE', () => -Number.MIN_VALUE],
  ['Number.MAX_VALUE', () => Number.MAX_VALUE],
  ['MAX_SAFE_INTEGER + 1', () => Number.MAX_SAFE_INTEGER + 1],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['a bigint', () => 10n],
  ['a numeric string', () => '100'],
  ['an empty string', () => ''],
  ['true', () => true],
  ['null', () => null],
  ['undefined', () => undefined],
  ['a symbol', () => Symbol('s')],
  ['a function', () => () => 1],
  ['an object with valueOf', () => ({ valueOf: () => 5 })],
  ['an object with toString', () => ({ toString: () => '5' })],
  [
    'an object whose valueOf throws',
    () => ({
      valueOf() {
        throw new Error('valueOf');
      },
    }),
  ],
  [
    'an object with a throwing getter',
    () =>
      Object.defineProperty({}, 'length', {
        enumerable: true,
        get() {
          throw new Error('getter');
        },
      }),
  ],
  [
    'a proxy whose traps throw',
    () =>
      new Proxy([1, 2, 3], {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      }),
  ],
  ['a revoked proxy', () => revoked],
  ['an array with holes', () => [1, , 3]], // eslint-disable-line no-sparse-arrays
  ['a length of 1e12', () => ({ length: 1e12 })],
  ['a negative length', () => ({ length: -1 })],
  ['a NaN length', () => ({ length: NaN })],
  ['a fractional length', () => ({ length: 1.5 })],
  ['a lying length over a short array', () => ({ length: 2 ** 32 - 1, 0: 1, 1: 2 })],
  ['a frozen array', () => Object.freeze([1, 2, 3])],
  ['a sealed array', () => Object.seal([4, 5, 6])],
  ['a frozen object', () => Object.freeze({ a: 1 })],
  ['a symbol-keyed object', () => ({ [Symbol('k')]: 1 })],
  ['a Date', () => new Date(0)],
];

type Call = (value: unknown) => unknown;
const base = {
  budget: () => ({ currentSpend: 10, budgetLimit: 100, warningRatio: 0.9 }),
  series: () => [100, 110, 90, 300],
};
/** Every field of every exported function, as a call with one hostile value put in that field. */
const fields: readonly [string, Call][] = [
  ...(['currentSpend', 'budgetLimit', 'warningRatio'] as const).map((key): [string, Call] => [
    `checkBudget ${key}`,
    (v) => lib.checkBudget({ ...base.budget(), [key]: v }),
  ]),
  ['checkBudget input', (v) => lib.checkBudget(v as never)],
  ['checkAnomalySpike series', (v) => lib.checkAnomalySpike(v as never)],
  ['checkAnomalySpike point', (v) => lib.checkAnomalySpike([1, v, 3] as never)],
  ['checkAnomalySpike newest point', (v) => lib.checkAnomalySpike([1, 2, v] as never)],
  ...(['spikeMultiplier', 'minBaseline', 'seasonLength', 'minImpact'] as const).map((key): [string, Call] => [
    `checkAnomalySpike options.${key}`,
    (v) => lib.checkAnomalySpike(base.series(), { [key]: v }),
  ]),
  ['checkAnomalySpike options', (v) => lib.checkAnomalySpike(base.series(), v as never)],
  ['checkAnomalyRobust series', (v) => lib.checkAnomalyRobust(v as never)],
  ...(['method', 'zThreshold', 'minMad', 'percentile', 'minBaseline', 'seasonLength', 'minImpact'] as const).map((key): [string, Call] => [
    `checkAnomalyRobust options.${key}`,
    (v) => lib.checkAnomalyRobust(base.series(), { [key]: v }),
  ]),
  ['checkBurnRate series', (v) => lib.checkBurnRate(v as never)],
  ['checkBurnRate options.hotMultiplier', (v) => lib.checkBurnRate(base.series(), { hotMultiplier: v as number })],
  ...(['currentSpend', 'budgetLimit', 'periodsElapsed', 'totalPeriods'] as const).map((key): [string, Call] => [
    `forecastBudgetBreach ${key}`,
    (v) => lib.forecastBudgetBreach({ currentSpend: 10, budgetLimit: 100, periodsElapsed: 5, totalPeriods: 30, [key]: v }),
  ]),
  ...(['consecutiveFailures', 'failureThreshold', 'cooldownStepsRemaining'] as const).map((key): [string, Call] => [
    `evaluateCircuitBreaker ${key}`,
    (v) => lib.evaluateCircuitBreaker({ consecutiveFailures: 1, [key]: v }),
  ]),
  ...(['status', 'consecutiveFailures', 'openUntil', 'trips', 'probesInFlight', 'halfOpenSuccesses'] as const).map(
    (key): [string, Call] => [
      `stepBreaker state.${key}`,
      (v) => lib.stepBreaker({ ...lib.createBreakerState(), [key]: v }, { type: 'request', at: 0 }),
    ],
  ),
  ...(['type', 'at', 'admittedAt'] as const).map((key): [string, Call] => [
    `stepBreaker event.${key}`,
    (v) => lib.stepBreaker(lib.createBreakerState(), { type: 'failure', at: 5, [key]: v } as never),
  ]),
  ...(
    ['failureThreshold', 'cooldown', 'backoffMultiplier', 'maxCooldown', 'halfOpenMaxProbes', 'successesToClose', 'probeTimeout'] as const
  ).map((key): [string, Call] => [
    `stepBreaker config.${key}`,
    (v) => lib.stepBreaker(lib.createBreakerState(), { type: 'failure', at: 5 }, { [key]: v }),
  ]),
  ...(['budget', 'anomaly', 'breaker', 'burnRate', 'forecast'] as const).map((key): [string, Call] => [
    `evaluateSpendPolicy ${key}`,
    (v) => lib.evaluateSpendPolicy({ [key]: v }),
  ]),
  [
    'evaluateSpendPolicy budget.isBreached',
    (v) => lib.evaluateSpendPolicy({ budget: { ...lib.checkBudget(base.budget()), isBreached: v } as never }),
  ],
  ...(['service', 'environment', 'at'] as const).map((key): [string, Call] => [
    `makeAlertPayload options.${key}`,
    (v) =>
      lib.makeAlertPayload(lib.evaluateSpendPolicy({ budget: lib.checkBudget(base.budget()) }), {
        service: 's',
        environment: 'e',
        [key]: v,
      }),
  ]),
  ['makeAlertPayload policy', (v) => lib.makeAlertPayload(v as never, { service: 's', environment: 'e' })],
  ['trackBudgetAlerts previous', (v) => lib.trackBudgetAlerts(v as never, { period: 'p', usageRatio: 0.5 }, { thresholds: [0.5] })],
  [
    'trackBudgetAlerts reading.usageRatio',
    (v) => lib.trackBudgetAlerts(undefined, { period: 'p', usageRatio: v as number }, { thresholds: [0.5] }),
  ],
  [
    'trackBudgetAlerts options.thresholds',
    (v) => lib.trackBudgetAlerts(undefined, { period: 'p', usageRatio: 0.5 }, { thresholds: v as number[] }),
  ],
];

test.each(fields)('%s: every hostile value gives a RangeError or a frozen result, never anything else', (_, call) => {
  for (const [label, make] of hostile) {
    let outcome: string;
    try {
      const result = call(make());
      outcome = Object.isFrozen(result) ? 'frozen result' : 'unfrozen result';
    } catch (error) {
      outcome = error instanceof RangeError ? 'frozen result' : `${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(outcome, label).toBe('frozen result');
  }
});

test('frozen and sealed inputs are read, never written', () => {
  const input = Object.freeze({ currentSpend: 10, budgetLimit: 100 });
  const series = Object.seal([1, 2, 30]);
  const state = Object.freeze(JSON.parse(JSON.stringify(lib.createBreakerState())) as lib.BreakerState);
  expect(lib.checkBudget(input).usageRatio).toBe(0.1);
  expect(lib.checkAnomalyRobust(series).isSpike).toBe(true);
  expect(series).toEqual([1, 2, 30]);
  expect(lib.stepBreaker(state, { type: 'failure', at: 1 }, { failureThreshold: 1 }).status).toBe('open');
  expect(state.status).toBe('closed');
});

test('applyShared: every hostile value as store, step or options rejects with a RangeError or resolves frozen', async () => {
  const store = { load: () => ({ value: lib.createBreakerState(), version: 0 }), compareAndSet: () => true };
  const step = (state: lib.BreakerState) => lib.stepBreaker(state, { type: 'request', at: 0 });
  for (const [label, make] of hostile) {
    for (const call of [
      () => lib.applyShared(make() as never, step),
      () => lib.applyShared(store, make() as never),
      () => lib.applyShared(store, step, make() as never),
      () => lib.applyShared(store, step, { attempts: make() as number }),
    ]) {
      let outcome: string;
      try {
        outcome = Object.isFrozen(await call()) ? 'ok' : 'unfrozen result';
      } catch (error) {
        outcome = error instanceof RangeError ? 'ok' : `${(error as Error).name}: ${(error as Error).message}`;
      }
      expect(outcome, label).toBe('ok');
    }
  }
});
