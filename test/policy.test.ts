import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkAnomalyRobust,
  checkAnomalySpike,
  checkBudget,
  checkBurnRate,
  createBreakerState,
  evaluateCircuitBreaker,
  evaluateSpendPolicy,
  forecastBudgetBreach,
  applyShared,
  stepBreaker,
  type BreakerState,
  type PolicySignals,
} from '../src/index.js';
import { rangeErrorMessage, snapshot } from './helpers.js';

const budget = (currentSpend: number, budgetLimit = 1000) => checkBudget({ currentSpend, budgetLimit });
const openBreaker = stepBreaker(createBreakerState(), { type: 'failure', at: 0 }, { failureThreshold: 1, cooldown: 30 });
const spike = checkAnomalySpike([100, 100, 400]);
const calm = checkAnomalySpike([100, 100, 110]);
const hot = checkBurnRate([100, 100, 200]);
const cool = checkBurnRate([100, 100, 100]);
const breach = forecastBudgetBreach({ currentSpend: 400, budgetLimit: 1000, periodsElapsed: 10, totalPeriods: 30 });
const hold = forecastBudgetBreach({ currentSpend: 100, budgetLimit: 1000, periodsElapsed: 10, totalPeriods: 30 });

describe('evaluateSpendPolicy', () => {
  test('blocks on a breached budget and an open breaker, with the figures in one sentence', () => {
    expect(evaluateSpendPolicy({ budget: budget(1020), breaker: openBreaker })).toStrictEqual({
      action: 'block',
      severity: 'critical',
      reasons: ['budget-breached', 'breaker-open'],
      summary: 'Spend 1,020.00 is 102% of the 1,000.00 budget; breaker open for 30 more.',
      signals: { budget: { ...budget(1020) }, breaker: { ...openBreaker, state: { ...openBreaker.state } } },
    });
  });

  test('a breached budget gives only budget-breached, not budget-warning too', () => {
    expect(evaluateSpendPolicy({ budget: budget(1000) }).reasons).toEqual(['budget-breached']);
  });

  test('blocks on an open seed breaker, and on a refused state-machine step', () => {
    expect(evaluateSpendPolicy({ breaker: evaluateCircuitBreaker({ consecutiveFailures: 3, cooldownStepsRemaining: 2 }) })).toMatchObject({
      action: 'block',
      reasons: ['breaker-open'],
      summary: 'Breaker open for 2 more.',
    });
    expect(evaluateSpendPolicy({ breaker: evaluateCircuitBreaker({ consecutiveFailures: 3 }) }).summary).toBe('Breaker open.');
    expect(evaluateSpendPolicy({ breaker: evaluateCircuitBreaker({ consecutiveFailures: 2 }) }).action).toBe('allow');
    expect(evaluateSpendPolicy({ breaker: stepBreaker(createBreakerState(), { type: 'request', at: 0 }) }).action).toBe('allow');
  });

  test('blocks when the shared breaker state cannot be read (an applyShared refusal), saying so', async () => {
    const down = await applyShared(
      { load: () => Promise.reject(new Error('ECONNREFUSED')), compareAndSet: () => false },
      (state: BreakerState) => stepBreaker(state, { type: 'request', at: 0 }),
    );
    expect(evaluateSpendPolicy({ budget: budget(250), breaker: down })).toMatchObject({
      action: 'block',
      severity: 'critical',
      reasons: ['breaker-unavailable'],
      summary: 'Breaker state unavailable.',
    });
    // after a JSON round trip too; an inconsistent one is rejected, not read as open or closed
    expect(evaluateSpendPolicy({ breaker: JSON.parse(JSON.stringify(down)) as typeof down }).reasons).toEqual(['breaker-unavailable']);
    expect(() => evaluateSpendPolicy({ breaker: { ...down, allowOperation: true } as never })).toThrow(
      new RangeError('Expected `breaker.retryAfter` to be a finite number >= 0, got undefined.'),
    );
    expect(evaluateSpendPolicy({ breaker: { allowOperation: false, retryAfter: 5, reason: 'other' } as never }).reasons).toEqual([
      'breaker-open',
    ]);
  });

  test('throttles on each warning signal alone, naming it', () => {
    expect(evaluateSpendPolicy({ budget: budget(950) })).toMatchObject({
      action: 'throttle',
      severity: 'warning',
      reasons: ['budget-warning'],
      summary: 'Spend 950.00 is 95% of the 1,000.00 budget.',
    });
    expect(evaluateSpendPolicy({ anomaly: spike })).toMatchObject({
      action: 'throttle',
      reasons: ['spend-spike'],
      summary: 'Latest spend 400.00 is above the 150.00 spike threshold.',
    });
    expect(evaluateSpendPolicy({ burnRate: hot })).toMatchObject({
      action: 'throttle',
      reasons: ['burn-rate-hot'],
      summary: 'Burn rate 2x the average.',
    });
    expect(evaluateSpendPolicy({ forecast: breach })).toMatchObject({
      action: 'throttle',
      reasons: ['forecast-breach'],
      summary: 'Forecast 1,200.00 reaches the 1,000.00 budget.',
    });
    expect(evaluateSpendPolicy({ anomaly: checkAnomalyRobust([100, 100, 400]) }).reasons).toEqual(['spend-spike']);
    expect(evaluateSpendPolicy({ burnRate: checkBurnRate([0, 0, 5]) }).summary).toBe('Spend after a zero-spend history.');
  });

  test('lists every reason in the documented order, and blocks when any blocks', () => {
    const everything = evaluateSpendPolicy({ forecast: breach, burnRate: hot, anomaly: spike, breaker: openBreaker, budget: budget(950) });
    expect(everything.reasons).toEqual(['breaker-open', 'budget-warning', 'spend-spike', 'burn-rate-hot', 'forecast-breach']);
    expect(everything.action).toBe('block');
    expect(everything.summary).toBe(
      'Breaker open for 30 more; spend 950.00 is 95% of the 1,000.00 budget; latest spend 400.00 is above the 150.00 spike threshold; burn rate 2x the average; forecast 1,200.00 reaches the 1,000.00 budget.',
    );
  });

  test('allows when nothing triggers, and says so', () => {
    expect(evaluateSpendPolicy({ budget: budget(250), anomaly: calm, burnRate: cool, forecast: hold })).toMatchObject({
      action: 'allow',
      severity: 'info',
      reasons: [],
      summary: 'Within limits: spend 250.00 is 25% of the 1,000.00 budget.',
    });
    expect(evaluateSpendPolicy({ anomaly: calm }).summary).toBe('Within limits.');
  });

  test('agrees with the documented rule on every combination of signals', () => {
    const options = {
      budget: [undefined, budget(100), budget(950), budget(1200)],
      breaker: [undefined, openBreaker, evaluateCircuitBreaker({ consecutiveFailures: 0 })],
      anomaly: [undefined, spike, calm],
      burnRate: [undefined, hot, cool],
      forecast: [undefined, breach, hold],
    };
    fc.assert(
      fc.property(fc.nat(3), fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2), (b, k, a, r, f) => {
        const signals = {
          budget: options.budget[b],
          anomaly: options.anomaly[a],
          breaker: options.breaker[k],
          burnRate: options.burnRate[r],
          forecast: options.forecast[f],
        };
        const present = Object.values(signals).some((signal) => signal !== undefined);
        if (!present) {
          expect(() => evaluateSpendPolicy(signals)).toThrow(RangeError);
          return;
        }
        const blocks = signals.budget?.isBreached === true || signals.breaker === openBreaker;
        const warns =
          signals.budget?.isWarning === true ||
          signals.anomaly?.isSpike === true ||
          signals.burnRate?.isHot === true ||
          signals.forecast?.willBreach === true;
        const decision = evaluateSpendPolicy(signals);
        expect(decision.action).toBe(blocks ? 'block' : warns ? 'throttle' : 'allow');
        expect(decision.severity).toBe(blocks ? 'critical' : warns ? 'warning' : 'info');
        expect(decision.reasons.length > 0).toBe(blocks || warns);
        // the copies keep the documented key order: budget, anomaly, breaker, burnRate, forecast
        expect(Object.keys(decision.signals)).toEqual(
          Object.keys(signals).filter((key) => signals[key as keyof typeof signals] !== undefined),
        );
      }),
    );
  });

  test('is deep-frozen, copies its signals, and never freezes or changes the caller objects', () => {
    const parsed = JSON.parse(JSON.stringify({ budget: budget(950), breaker: openBreaker })) as PolicySignals;
    const before = snapshot(parsed);
    const decision = evaluateSpendPolicy(parsed);
    expect(Object.isFrozen(decision)).toBe(true);
    expect(Object.isFrozen(decision.reasons)).toBe(true);
    expect(Object.isFrozen(decision.signals)).toBe(true);
    expect(Object.isFrozen(decision.signals.breaker)).toBe(true);
    expect(Object.isFrozen(decision.signals.breaker?.['state'])).toBe(true);
    expect(Object.isFrozen(parsed.budget)).toBe(false);
    expect(parsed).toStrictEqual(before);
    expect(decision.signals.budget).not.toBe(parsed.budget);
  });

  test.each<[unknown, string]>([
    [{}, 'Expected `input` to be an object with at least one signal (budget, anomaly, breaker, burnRate, forecast), got none.'],
    [
      { budget: undefined },
      'Expected `input` to be an object with at least one signal (budget, anomaly, breaker, burnRate, forecast), got none.',
    ],
    [
      { cost: budget(1) },
      'Expected `input` to be an object with only the keys budget, anomaly, breaker, burnRate, forecast, got unknown key "cost".',
    ],
    [{ budget: { isBreached: 'no' } }, 'Expected `budget.isBreached` to be a boolean, got the string "no".'],
    [{ budget: { ...budget(1), currentSpend: NaN } }, 'Expected `budget.currentSpend` to be a finite number >= 0, got NaN.'],
    [{ anomaly: { isSpike: true } }, 'Expected `anomaly.latestSpend` to be a finite number >= 0, got undefined.'],
    [{ breaker: { status: 'open' } }, 'Expected `breaker.allowOperation` to be a boolean, got undefined.'],
    [{ breaker: { isOpen: 1, retryAfterSteps: 0 } }, 'Expected `breaker.isOpen` to be a boolean, got 1.'],
    [{ breaker: { allowOperation: false, retryAfter: -1 } }, 'Expected `breaker.retryAfter` to be a finite number >= 0, got -1.'],
    [{ burnRate: { isHot: true, burnRateRatio: NaN } }, 'Expected `burnRate.burnRateRatio` to be a number >= 0, got NaN.'],
    [
      { forecast: { willBreach: true, projectedTotalSpend: 5, budgetLimit: 0 } },
      'Expected `forecast.budgetLimit` to be a finite number > 0, got 0.',
    ],
    [{ budget: { ...budget(1), note: () => 1 } }, 'Expected `budget.note` to be JSON-like data, got a function.'],
    [null, 'Expected `input` to be a plain object, got null.'],
  ])('rejects %o', (signals, message) => {
    expect(rangeErrorMessage(() => evaluateSpendPolicy(signals as PolicySignals))).toBe(message);
  });

  test('copies signals as JSON would: own enumerable string keys, each read once', () => {
    const extra = Object.defineProperty({ ...budget(950), [Symbol('tag')]: 1 }, 'hidden', { value: 1, enumerable: false });
    expect(evaluateSpendPolicy({ budget: extra }).signals.budget).toStrictEqual({ ...budget(950) });
    const getter = Object.defineProperty({ ...budget(950) }, 'note', { get: () => 'read once', enumerable: true });
    expect(evaluateSpendPolicy({ budget: getter }).signals.budget?.['note']).toBe('read once');
    const throwing = Object.defineProperty({ ...budget(950) }, 'note', {
      enumerable: true,
      get: () => {
        throw new Error('gone');
      },
    });
    expect(rangeErrorMessage(() => evaluateSpendPolicy({ budget: throwing }))).toBe(
      'Expected `budget` to be readable, got an exception while reading it.',
    );
  });

  test('formats large and tiny figures without locale and without surprises', () => {
    expect(evaluateSpendPolicy({ budget: checkBudget({ currentSpend: 1234567.891, budgetLimit: 1e6 }) }).summary).toBe(
      'Spend 1,234,567.89 is 123% of the 1,000,000.00 budget.',
    );
    expect(evaluateSpendPolicy({ budget: checkBudget({ currentSpend: 1e300, budgetLimit: 1 }) }).summary).toBe(
      'Spend 1.00e+300 is 1.00e+302% of the 1.00 budget.',
    );
    expect(evaluateSpendPolicy({ burnRate: checkBurnRate([3, 3, 4.41]) }).summary).toBe('Burn rate 1.47x the average.');
  });
});
