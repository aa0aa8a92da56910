import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkBudget,
  checkBurnRate,
  createBreakerState,
  evaluateSpendPolicy,
  makeAlertPayload,
  stepBreaker,
  type SpendPolicyDecision,
} from '../src/index.js';
import { notNumbers, rangeErrorMessage } from './helpers.js';

const breaker = stepBreaker(createBreakerState(), { type: 'failure', at: 0 }, { failureThreshold: 1, cooldown: 30 });
const policy = evaluateSpendPolicy({
  budget: checkBudget({ currentSpend: 1020, budgetLimit: 1000 }),
  breaker,
  burnRate: checkBurnRate([0, 0, 5]),
});
const where = { service: 'etl', environment: 'production' };

describe('makeAlertPayload', () => {
  test('carries where, when, the decision and each signal', () => {
    expect(makeAlertPayload(policy, { ...where, at: Date.UTC(2026, 11, 4, 15, 30, 5, 42) })).toStrictEqual({
      service: 'etl',
      environment: 'production',
      at: '2026-12-04T15:30:05.042Z',
      action: 'block',
      severity: 'critical',
      reasons: ['budget-breached', 'breaker-open', 'burn-rate-hot'],
      summary: 'Spend 1,020.00 is 102% of the 1,000.00 budget; breaker open for 30 more; spend after a zero-spend history.',
      budget: { ...checkBudget({ currentSpend: 1020, budgetLimit: 1000 }) },
      breaker: { ...breaker, state: { ...breaker.state } },
      burnRate: { latestSpend: 5, averageSpend: 0, burnRateRatio: null, isHot: true, hotMultiplier: 1.4 },
    });
  });

  test('has no `at` unless given', () => {
    expect(makeAlertPayload(policy, where)).not.toHaveProperty('at');
    expect(makeAlertPayload(policy, { ...where, at: undefined })).not.toHaveProperty('at');
  });

  test('survives a JSON round trip unchanged (Infinity becomes null), is deep-frozen, and reads a policy that went through JSON', () => {
    const payload = makeAlertPayload(policy, { ...where, at: 0 });
    expect(JSON.parse(JSON.stringify(payload))).toStrictEqual(payload);
    expect(Object.isFrozen(payload)).toBe(true);
    expect(Object.isFrozen(payload.reasons)).toBe(true);
    expect(Object.isFrozen(payload.breaker?.['state'])).toBe(true);
    const stored = JSON.parse(JSON.stringify(policy)) as SpendPolicyDecision;
    expect(makeAlertPayload(stored, { ...where, at: 0 })).toStrictEqual(payload);
  });

  test('writes every instant from 1970 to 9999 as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (at) => {
        expect(makeAlertPayload(policy, { ...where, at }).at).toBe(new Date(at).toISOString());
      }),
    );
    for (const at of [0, 951_782_400_000, 4_107_542_400_000, 253_402_300_799_999]) {
      // epoch, 2000-02-29, 2100-03-01 (not a leap year), the last instant
      expect(makeAlertPayload(policy, { ...where, at }).at).toBe(new Date(at).toISOString());
    }
  });

  test.each<[object, string]>([
    [{ environment: 'prod' }, 'Expected `options.service` to be a non-empty string, got undefined.'],
    [{ service: '', environment: 'prod' }, 'Expected `options.service` to be a non-empty string, got the string "".'],
    [{ service: 'etl', environment: 7 }, 'Expected `options.environment` to be a non-empty string, got 7.'],
    [{ ...where, at: -1 }, 'Expected `options.at` to be a safe integer >= 0, got -1.'],
    [{ ...where, at: 1.5 }, 'Expected `options.at` to be a safe integer >= 0, got 1.5.'],
    [{ ...where, at: '2026-12-04' }, 'Expected `options.at` to be a safe integer >= 0, got the string "2026-12-04".'],
    [
      { ...where, at: 253_402_300_800_000 },
      'Expected `options.at` to be <= 253402300799999 (9999-12-31T23:59:59.999Z), got 253402300800000.',
    ],
    [
      { ...where, region: 'eu' },
      'Expected `options` to be an object with only the keys service, environment, at, got unknown key "region".',
    ],
  ])('rejects the options %o', (options, message) => {
    expect(rangeErrorMessage(() => makeAlertPayload(policy, options as never))).toBe(message);
  });

  test.each(notNumbers.filter(([value]) => typeof value !== 'string'))('rejects %s as a service', (value, shown) => {
    expect(rangeErrorMessage(() => makeAlertPayload(policy, { service: value as string, environment: 'prod' }))).toBe(
      `Expected \`options.service\` to be a non-empty string, got ${shown}.`,
    );
  });

  test.each<[unknown, string]>([
    [null, 'Expected `policy` to be a plain object, got null.'],
    [{ ...policy, action: 'deny' }, "Expected `policy.action` to be one of 'allow', 'throttle', 'block', got the string \"deny\"."],
    [{ ...policy, severity: 'high' }, "Expected `policy.severity` to be one of 'info', 'warning', 'critical', got the string \"high\"."],
    [{ ...policy, reasons: 'budget-breached' }, 'Expected `policy.reasons` to be an array, got an object.'],
    [
      { ...policy, reasons: ['over-budget'] },
      "Expected `policy.reasons[0]` to be one of 'budget-breached', 'breaker-open', 'breaker-unavailable', 'budget-warning', 'spend-spike', 'burn-rate-hot', 'forecast-breach', got the string \"over-budget\".",
    ],
    [{ ...policy, summary: '' }, 'Expected `policy.summary` to be a non-empty string, got the string "".'],
    [
      { ...policy, signals: { cost: {} } },
      'Expected `policy.signals` to be an object with only the keys budget, anomaly, breaker, burnRate, forecast, got unknown key "cost".',
    ],
    [
      { ...policy, signals: { budget: { when: new Date(0) } } },
      'Expected `policy.signals.budget.when` to be JSON-like data, got an instance of a class.',
    ],
  ])('rejects a policy that is not a decision: %#', (bad, message) => {
    expect(rangeErrorMessage(() => makeAlertPayload(bad as SpendPolicyDecision, where))).toBe(message);
  });

  test('refuses data nested deeper than 8 levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 9; i++) deep = { deep };
    expect(rangeErrorMessage(() => makeAlertPayload({ ...policy, signals: { budget: deep as never } }, where))).toBe(
      'Expected `policy.signals.budget.deep.deep.deep.deep.deep.deep.deep.deep` to be nested at most 8 levels deep, got an object.',
    );
  });
});
