import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forecastBudgetBreach } from '../src/index.js';
import { nextDown, nextUp, notNumbers, rangeErrorMessage } from './helpers.js';

function reference(currentSpend: number, budgetLimit: number, periodsElapsed: number, totalPeriods: number) {
  const projectedTotalSpend = Math.min(Math.max(currentSpend, (currentSpend / periodsElapsed) * totalPeriods), Number.MAX_VALUE);
  let periodsUntilBreach: number | null = null;
  if (currentSpend >= budgetLimit) periodsUntilBreach = 0;
  else if (currentSpend > 0)
    periodsUntilBreach = Math.min(((budgetLimit - currentSpend) / currentSpend) * periodsElapsed, Number.MAX_VALUE);
  return {
    currentSpend,
    budgetLimit,
    periodsElapsed,
    totalPeriods,
    projectedTotalSpend,
    projectedOverrun: Math.max(0, projectedTotalSpend - budgetLimit),
    willBreach: projectedTotalSpend >= budgetLimit,
    periodsUntilBreach,
  };
}

const input = (currentSpend: number, budgetLimit: number, periodsElapsed: number, totalPeriods: number) => ({
  currentSpend,
  budgetLimit,
  periodsElapsed,
  totalPeriods,
});

describe('forecastBudgetBreach', () => {
  test('projects at the linear run rate', () => {
    expect(forecastBudgetBreach(input(400, 1000, 10, 30))).toEqual({
      currentSpend: 400,
      budgetLimit: 1000,
      periodsElapsed: 10,
      totalPeriods: 30,
      projectedTotalSpend: 1200,
      projectedOverrun: 200,
      willBreach: true,
      periodsUntilBreach: 15,
    });
    expect(forecastBudgetBreach(input(200, 1000, 10, 30))).toMatchObject({
      projectedTotalSpend: 600,
      projectedOverrun: 0,
      willBreach: false,
      periodsUntilBreach: 40,
    });
  });

  test('accepts fractional periods (22.5 days of 30)', () => {
    expect(forecastBudgetBreach(input(900, 1000, 22.5, 30))).toMatchObject({
      projectedTotalSpend: 1200,
      willBreach: true,
      periodsUntilBreach: 2.5,
    });
  });

  test('breaches at exactly the budget, not one ulp below it', () => {
    expect(forecastBudgetBreach(input(400, 1000, 10, 25))).toMatchObject({
      projectedTotalSpend: 1000,
      willBreach: true,
      projectedOverrun: 0,
    });
    expect(forecastBudgetBreach(input(nextDown(400), 1000, 10, 25)).willBreach).toBe(false);
    expect(forecastBudgetBreach(input(nextUp(400), 1000, 10, 25)).willBreach).toBe(true);
  });

  test('periodsUntilBreach is 0 once the budget is reached, and null with nothing spent', () => {
    expect(forecastBudgetBreach(input(1000, 1000, 5, 30)).periodsUntilBreach).toBe(0);
    expect(forecastBudgetBreach(input(1500, 1000, 5, 30)).periodsUntilBreach).toBe(0);
    expect(forecastBudgetBreach(input(0, 1000, 5, 30))).toMatchObject({
      projectedTotalSpend: 0,
      willBreach: false,
      periodsUntilBreach: null,
    });
  });

  test('never projects less than is already spent, whatever the rounding of the run rate', () => {
    expect((1 / 49) * 49).toBeLessThan(1); // the naive projection falls one ulp short ...
    expect(forecastBudgetBreach(input(1, 1, 49, 49))).toMatchObject({ projectedTotalSpend: 1, willBreach: true }); // ... the forecast does not
  });

  test('the whole period elapsed is valid; more than the whole period is not', () => {
    expect(forecastBudgetBreach(input(10, 100, 30, 30)).projectedTotalSpend).toBe(10);
    expect(rangeErrorMessage(() => forecastBudgetBreach(input(10, 100, 31, 30)))).toBe(
      'Expected `periodsElapsed` to be <= totalPeriods (30), got 31.',
    );
    expect(rangeErrorMessage(() => forecastBudgetBreach(input(10, 100, nextUp(30), 30)))).toBe(
      'Expected `periodsElapsed` to be <= totalPeriods (30), got 30.000000000000004.',
    );
  });

  test('caps projections that overflow at Number.MAX_VALUE', () => {
    const result = forecastBudgetBreach(input(1e300, 1e301, 1e-10, 1));
    expect(result.projectedTotalSpend).toBe(Number.MAX_VALUE);
    expect(forecastBudgetBreach(input(Number.MIN_VALUE, Number.MAX_VALUE, 1e10, 1e10)).periodsUntilBreach).toBe(Number.MAX_VALUE);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test('agrees with the reference on random valid inputs', () => {
    const positive = fc.double({ min: 1e-6, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), positive, positive, positive, (spend, budget, a, b) => {
        const [elapsed, total] = a <= b ? [a, b] : [b, a];
        const result = forecastBudgetBreach(input(spend, budget, elapsed, total));
        expect(result).toStrictEqual(reference(spend + 0, budget, elapsed, total));
        expect(result.projectedTotalSpend).toBeGreaterThanOrEqual(result.currentSpend);
        expect(Object.isFrozen(result)).toBe(true);
      }),
    );
  });

  test.each([
    [
      { currentSpend: -1, budgetLimit: 1, periodsElapsed: 1, totalPeriods: 1 },
      'Expected `currentSpend` to be a finite number >= 0, got -1.',
    ],
    [{ currentSpend: 1, budgetLimit: 0, periodsElapsed: 1, totalPeriods: 1 }, 'Expected `budgetLimit` to be a finite number > 0, got 0.'],
    [
      { currentSpend: 1, budgetLimit: 1, periodsElapsed: 0, totalPeriods: 1 },
      'Expected `periodsElapsed` to be a finite number > 0, got 0.',
    ],
    [{ currentSpend: 1, budgetLimit: 1, periodsElapsed: 1, totalPeriods: 0 }, 'Expected `totalPeriods` to be a finite number > 0, got 0.'],
    [{ currentSpend: 1, budgetLimit: 1, periodsElapsed: 1 }, 'Expected `totalPeriods` to be a finite number > 0, got undefined.'],
    [
      { currentSpend: 1, budgetLimit: 1, periodsElapsed: 1, totalPeriods: 2, daysLeft: 1 },
      'Expected `input` to be an object with only the keys currentSpend, budgetLimit, periodsElapsed, totalPeriods, got unknown key "daysLeft".',
    ],
  ])('rejects %o', (bad, message) => {
    expect(rangeErrorMessage(() => forecastBudgetBreach(bad as never))).toBe(message);
  });

  test.each(notNumbers)('rejects %s in every field', (value, shown) => {
    for (const [field, rule] of [
      ['currentSpend', '>= 0'],
      ['budgetLimit', '> 0'],
      ['periodsElapsed', '> 0'],
      ['totalPeriods', '> 0'],
    ] as const) {
      const bad = { ...input(1, 1, 1, 1), [field]: value };
      expect(rangeErrorMessage(() => forecastBudgetBreach(bad as never))).toBe(
        `Expected \`${field}\` to be a finite number ${rule}, got ${shown}.`,
      );
    }
  });
});
