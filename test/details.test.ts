// Details every function must get right and that the broader tests did not pin: each parameter names
// itself, each signal field names itself, -0 never leaks out, and the rare paths (overflowing sums, ties in
// interpolation, tiny numbers) give exact answers. Mutation testing found these unpinned.

import { describe, expect, test } from 'vitest';
import * as lib from '../src/index.js';
import { median, percentile } from '../src/select.js';
import { rangeErrorMessage } from './helpers.js';

const plainObject = (name: string, got = 'undefined') => `Expected \`${name}\` to be a plain object, got ${got}.`;
const policy = lib.evaluateSpendPolicy({ budget: lib.checkBudget({ currentSpend: 1, budgetLimit: 2 }) });

describe('every required object parameter names itself when it is missing', () => {
  test.each<[string, () => unknown, string]>([
    ['checkBudget', () => lib.checkBudget(undefined as never), 'input'],
    ['forecastBudgetBreach', () => lib.forecastBudgetBreach(undefined as never), 'input'],
    ['evaluateCircuitBreaker', () => lib.evaluateCircuitBreaker(undefined as never), 'input'],
    ['stepBreaker state', () => lib.stepBreaker(undefined as never, { type: 'request', at: 0 }), 'state'],
    ['stepBreaker event', () => lib.stepBreaker(lib.createBreakerState(), undefined as never), 'event'],
    ['evaluateSpendPolicy', () => lib.evaluateSpendPolicy(undefined as never), 'input'],
    ['makeAlertPayload policy', () => lib.makeAlertPayload(undefined as never, { service: 's', environment: 'e' }), 'policy'],
    ['makeAlertPayload options', () => lib.makeAlertPayload(policy, undefined as never), 'options'],
    [
      'makeAlertPayload policy.signals',
      () => lib.makeAlertPayload({ ...policy, signals: undefined } as never, { service: 's', environment: 'e' }),
      'policy.signals',
    ],
    ['trackBudgetAlerts reading', () => lib.trackBudgetAlerts(undefined, undefined as never, { thresholds: [1] }), 'reading'],
    ['trackBudgetAlerts options', () => lib.trackBudgetAlerts(undefined, { period: 'p', usageRatio: 1 }, undefined as never), 'options'],
  ])('%s', (_, call, name) => {
    expect(rangeErrorMessage(call)).toBe(plainObject(name));
  });

  test.each(['budget', 'anomaly', 'breaker', 'burnRate', 'forecast'])('the %s signal, when null', (name) => {
    expect(rangeErrorMessage(() => lib.evaluateSpendPolicy({ [name]: null }))).toBe(plainObject(name, 'null'));
  });
});

describe('every signal field the policy reads names itself', () => {
  const budget = { ...lib.checkBudget({ currentSpend: 1, budgetLimit: 2 }) };
  const anomaly = { ...lib.checkAnomalySpike([1, 2]) };
  const breaker = { ...lib.evaluateCircuitBreaker({ consecutiveFailures: 0 }) };
  const step = { ...lib.stepBreaker(lib.createBreakerState(), { type: 'request', at: 0 }) };
  const burnRate = { ...lib.checkBurnRate([1, 2]) };
  const forecast = { ...lib.forecastBudgetBreach({ currentSpend: 1, budgetLimit: 2, periodsElapsed: 1, totalPeriods: 2 }) };
  test.each<[string, object, string]>([
    ['budget.isBreached', { budget: { ...budget, isBreached: 1 } }, 'a boolean, got 1'],
    ['budget.isWarning', { budget: { ...budget, isWarning: 1 } }, 'a boolean, got 1'],
    ['budget.currentSpend', { budget: { ...budget, currentSpend: -1 } }, 'a finite number >= 0, got -1'],
    ['budget.budgetLimit', { budget: { ...budget, budgetLimit: 0 } }, 'a finite number > 0, got 0'],
    ['budget.usageRatio', { budget: { ...budget, usageRatio: -1 } }, 'a finite number >= 0, got -1'],
    ['anomaly.isSpike', { anomaly: { ...anomaly, isSpike: 'yes' } }, 'a boolean, got the string "yes"'],
    ['anomaly.latestSpend', { anomaly: { ...anomaly, latestSpend: NaN } }, 'a finite number >= 0, got NaN'],
    ['anomaly.threshold', { anomaly: { ...anomaly, threshold: -1 } }, 'a finite number >= 0, got -1'],
    ['breaker.isOpen', { breaker: { ...breaker, isOpen: 'no' } }, 'a boolean, got the string "no"'],
    ['breaker.retryAfterSteps', { breaker: { ...breaker, retryAfterSteps: -1 } }, 'a finite number >= 0, got -1'],
    ['breaker.allowOperation', { breaker: { ...step, allowOperation: null } }, 'a boolean, got null'],
    ['breaker.retryAfter', { breaker: { ...step, retryAfter: NaN } }, 'a finite number >= 0, got NaN'],
    ['burnRate.isHot', { burnRate: { ...burnRate, isHot: 0 } }, 'a boolean, got 0'],
    ['burnRate.burnRateRatio', { burnRate: { ...burnRate, burnRateRatio: -1 } }, 'a number >= 0, got -1'],
    ['forecast.willBreach', { forecast: { ...forecast, willBreach: 'no' } }, 'a boolean, got the string "no"'],
    ['forecast.projectedTotalSpend', { forecast: { ...forecast, projectedTotalSpend: -1 } }, 'a finite number >= 0, got -1'],
    ['forecast.budgetLimit', { forecast: { ...forecast, budgetLimit: 0 } }, 'a finite number > 0, got 0'],
  ])('%s', (name, signals, rule) => {
    expect(rangeErrorMessage(() => lib.evaluateSpendPolicy(signals))).toBe(`Expected \`${name}\` to be ${rule}.`);
  });

  test('a burn rate of 0 is valid, and so is a null-prototype signal', () => {
    expect(lib.evaluateSpendPolicy({ burnRate: { ...burnRate, burnRateRatio: 0, isHot: false } }).action).toBe('allow');
    const bare = Object.assign(Object.create(null) as object, budget);
    expect(lib.evaluateSpendPolicy({ budget: bare }).signals.budget).toStrictEqual(budget);
  });

  test('copies name the path of what they reject, arrays included, however deep', () => {
    expect(rangeErrorMessage(() => lib.evaluateSpendPolicy({ budget: { ...budget, notes: [1, () => 2] } as lib.BudgetSignal }))).toBe(
      'Expected `budget.notes[1]` to be JSON-like data, got a function.',
    );
    let nested: unknown = 1;
    for (let depth = 0; depth < 9; depth++) nested = [nested];
    expect(rangeErrorMessage(() => lib.evaluateSpendPolicy({ budget: { ...budget, nested } as lib.BudgetSignal }))).toBe(
      'Expected `budget.nested[0][0][0][0][0][0][0]` to be nested at most 8 levels deep, got an array.',
    );
    expect(
      rangeErrorMessage(() => lib.makeAlertPayload({ ...policy, reasons: [() => 1] } as never, { service: 's', environment: 'e' })),
    ).toBe('Expected `policy.reasons[0]` to be JSON-like data, got a function.');
  });
});

describe('-0 never leaks into a result', () => {
  test('a newest point or a history of -0 reads as 0', () => {
    expect(Object.is(lib.checkAnomalySpike([1, -0]).latestSpend, 0)).toBe(true);
    expect(Object.is(lib.checkBurnRate([2, -0]).latestSpend, 0)).toBe(true);
    expect(Object.is(lib.checkAnomalyRobust([-0, -0, -0, 1]).baseline, 0)).toBe(true);
    expect(Object.is(lib.checkAnomalyRobust([-0, -0, -0, 1], { method: 'percentile', percentile: 0.5 }).baseline, 0)).toBe(true);
  });
});

describe('rare numeric paths', () => {
  test('a sum past Number.MAX_VALUE keeps the small terms (compensated in the scaled pass too)', () => {
    // 999 points of 2^971 beside Number.MAX_VALUE: each is half an ulp of the running sum, so a plain
    // scaled sum would drop or double them; the exact mean is computed with BigInt (these are integers)
    const small = 2 ** 971;
    const history = [Number.MAX_VALUE, ...Array.from({ length: 999 }, () => small)];
    const exact = Number((BigInt(Number.MAX_VALUE) + 999n * BigInt(small)) / 1000n);
    expect(lib.checkAnomalySpike([...history, 0]).baselineMean).toBe(exact);
    expect(lib.checkBurnRate([...history, Number.MAX_VALUE]).averageSpend).toBe(exact);
  });

  test('the median of two subnormals does not underflow to 0', () => {
    expect(median(Float64Array.from([5e-324, 5e-324]))).toBe(5e-324);
  });

  test('a percentile falling exactly halfway uses numpy formula for the upper half', () => {
    const [a, b] = [0.9765383359738933, 5.416627066373454];
    expect(percentile(Float64Array.from([a, b]), 0.5)).toBe(b - (b - a) * 0.5);
    expect(b - (b - a) * 0.5).not.toBe(a + (b - a) * 0.5); // the two formulas really differ here
  });

  test('a string of exactly 40 characters is shown whole', () => {
    const key = 'k'.repeat(40);
    expect(rangeErrorMessage(() => lib.checkBudget({ currentSpend: 1, budgetLimit: 2, [key]: 1 }))).toBe(
      `Expected \`input\` to be an object with only the keys currentSpend, budgetLimit, warningRatio, got unknown key "${key}".`,
    );
  });

  test('amounts of 10^15 and more are written with an exponent', () => {
    expect(lib.evaluateSpendPolicy({ budget: lib.checkBudget({ currentSpend: 1e15, budgetLimit: 1e15 }) }).summary).toBe(
      'Spend 1.00e+15 is 100% of the 1.00e+15 budget.',
    );
    expect(lib.evaluateSpendPolicy({ budget: lib.checkBudget({ currentSpend: 999999999999999, budgetLimit: 1e15 }) }).summary).toBe(
      'Spend 999,999,999,999,999.00 is 100% of the 1.00e+15 budget.',
    );
    expect(lib.evaluateSpendPolicy({ burnRate: lib.checkBurnRate([1e-300, 1e-300, 1]) }).summary).toBe('Burn rate 1.00e+300x the average.');
  });
});

describe('figures and copies', () => {
  test('figures of 10^15 and more are written with an exponent', () => {
    expect(lib.evaluateSpendPolicy({ breaker: { isOpen: true, retryAfterSteps: 1e15 } }).summary).toBe('Breaker open for 1.00e+15 more.');
    expect(lib.evaluateSpendPolicy({ breaker: { isOpen: true, retryAfterSteps: 999999999999999 } }).summary).toBe(
      'Breaker open for 999,999,999,999,999 more.',
    );
  });

  test("the policy's copy keeps an infinite burn rate (only payloads write it as null)", () => {
    const burnRate = lib.checkBurnRate([0, 0, 5]);
    expect(lib.evaluateSpendPolicy({ burnRate }).signals.burnRate?.['burnRateRatio']).toBe(Infinity);
  });
});

describe('breaker details', () => {
  test('a report admitted at time 0 is recognised as older than a later window', () => {
    const open = lib.stepBreaker(lib.createBreakerState(), { type: 'failure', at: 1 }, { failureThreshold: 1, cooldown: 10 }).state;
    const probing = lib.stepBreaker(open, { type: 'request', at: 11 }, { cooldown: 10 }).state;
    expect(lib.stepBreaker(probing, { type: 'success', at: 12, admittedAt: 0 }, { cooldown: 10 }).status).toBe('half-open');
  });

  test('with a probe timeout, requests to a closed breaker leave it closed and clean', () => {
    const config = { probeTimeout: 5 };
    let state = lib.createBreakerState();
    for (const at of [100, 200, 300]) state = lib.stepBreaker(state, { type: 'request', at }, config).state;
    expect(state).toStrictEqual(lib.createBreakerState());
  });

  test('budget alerts name a bad stored period', () => {
    expect(
      rangeErrorMessage(() =>
        lib.trackBudgetAlerts({ period: 5, active: [] } as never, { period: 'p', usageRatio: 1 }, { thresholds: [1] }),
      ),
    ).toBe('Expected `previous.period` to be a non-empty string, got 5.');
  });

  test('budget alerts: usage exactly at an armed threshold fires it once, and keeps it', () => {
    const first = lib.trackBudgetAlerts(undefined, { period: 'p', usageRatio: 0.8 }, { thresholds: [0.8] });
    expect(first.fired).toEqual([0.8]);
    expect(lib.trackBudgetAlerts(first.state, { period: 'p', usageRatio: 0.8 }, { thresholds: [0.8] }).fired).toEqual([]);
  });
});
