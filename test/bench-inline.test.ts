// bench/inline.mjs is the benchmark's baseline: hand-written code doing the same job. It is only a fair
// baseline if it gives the same answers, so that is checked here.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import * as lib from '../src/index.js';
import { memory } from './helpers.js';

type Loose = (...args: unknown[]) => Record<string, unknown>;
const inline = (await import(pathToFileURL(resolve(import.meta.dirname, '../bench/inline.mjs')).href)) as Record<string, Loose>;
const call = (name: string, ...args: unknown[]): Record<string, unknown> => (inline[name] as Loose)(...args);

test('checkBudget and evaluateCircuitBreaker: the same frozen results', () => {
  for (const input of [
    { currentSpend: 920, budgetLimit: 1000 },
    { currentSpend: 0, budgetLimit: 5, warningRatio: 0.5 },
    { currentSpend: 1e300, budgetLimit: 1e-10 },
  ]) {
    expect(call('checkBudget', input)).toStrictEqual({ ...lib.checkBudget(input) });
    expect(Object.isFrozen(call('checkBudget', input))).toBe(true);
  }
  for (const input of [{ consecutiveFailures: 2 }, { consecutiveFailures: 3, cooldownStepsRemaining: 4 }]) {
    expect(call('evaluateCircuitBreaker', input)).toStrictEqual({ ...lib.evaluateCircuitBreaker(input) });
  }
  expect(() => call('checkBudget', { currentSpend: NaN, budgetLimit: 1 })).toThrow(RangeError);
  expect(() => call('checkBudget', { currentSpend: 1, budgetLimit: 1, warningRation: 1 })).toThrow(RangeError);
});

test('stepBreaker: the same states over a run of events', () => {
  const config = { failureThreshold: 2, cooldown: 10, backoffMultiplier: 2, halfOpenMaxProbes: 1 };
  let mine: unknown = lib.createBreakerState();
  let theirs: unknown = call('createBreakerState');
  const types = ['request', 'failure', 'failure', 'request', 'request', 'failure', 'request', 'success', 'request'];
  types.forEach((type, index) => {
    const event = { type, at: index * 6 };
    const expected = lib.stepBreaker(mine as lib.BreakerState, event as lib.BreakerEvent, config);
    const actual = call('stepBreaker', theirs, event, config);
    expect(JSON.parse(JSON.stringify(actual))).toStrictEqual(JSON.parse(JSON.stringify(expected)));
    mine = expected.state;
    theirs = actual['state'];
  });
});

test('the mean spike, the sorted median and the policy: the same answers', () => {
  const series = Float64Array.from({ length: 1001 }, (_, index) => 100 + ((index * 7919) % 97));
  expect(lib.checkAnomalySpike(series)).toMatchObject(call('meanSpike', series));
  expect(inline['sortHistory']?.(series)).toBe(lib.checkAnomalyRobust(series).baseline);
  const signals = {
    budget: lib.checkBudget({ currentSpend: 950, budgetLimit: 1000 }),
    anomaly: lib.checkAnomalySpike([100, 100, 400]),
    burnRate: lib.checkBurnRate([100, 100, 200]),
    forecast: lib.forecastBudgetBreach({ currentSpend: 400, budgetLimit: 1000, periodsElapsed: 10, totalPeriods: 30 }),
  };
  const { action, severity, reasons, summary } = lib.evaluateSpendPolicy(signals);
  expect(call('evaluateSpendPolicy', signals)).toMatchObject({ action, severity, reasons, summary });
});

test('applyShared: the same results, written, unchanged, refused', async () => {
  const inlineShared = inline['applyShared'] as unknown as (store: unknown, step: unknown) => Promise<unknown>;
  const [mine, theirs] = [memory(lib.createBreakerState()), memory(lib.createBreakerState())];
  const config = { failureThreshold: 1, cooldown: 10 };
  for (const event of [
    { type: 'request', at: 1 },
    { type: 'failure', at: 2 },
    { type: 'request', at: 3 },
  ] as lib.BreakerEvent[]) {
    const step = (state: lib.BreakerState) => lib.stepBreaker(state, event, config);
    expect(await inlineShared(theirs, step)).toStrictEqual(await lib.applyShared(mine, step));
  }
  const down = { load: () => Promise.reject(new Error('down')), compareAndSet: () => true };
  const step = (state: lib.BreakerState) => lib.stepBreaker(state, { type: 'request', at: 1 });
  expect(await inlineShared(down, step)).toStrictEqual(await lib.applyShared(down, step));
});
