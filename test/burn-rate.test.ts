import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkBurnRate } from '../src/index.js';
import { cents, nextDown, nextUp, notNumbers, rangeErrorMessage, snapshot } from './helpers.js';

function reference(series: readonly number[], hotMultiplier = 1.4) {
  const latestSpend = series[series.length - 1] as number;
  let total = 0;
  for (let i = 0; i < series.length - 1; i++) total += series[i] as number;
  const averageSpend = total / (series.length - 1);
  let burnRateRatio = latestSpend / averageSpend;
  if (averageSpend === 0) burnRateRatio = latestSpend > 0 ? Infinity : 1;
  return { latestSpend, averageSpend, burnRateRatio, isHot: burnRateRatio >= hotMultiplier, hotMultiplier };
}

describe('checkBurnRate', () => {
  test('compares the newest period with the average before it', () => {
    expect(checkBurnRate([100, 100, 100, 150])).toEqual({
      latestSpend: 150,
      averageSpend: 100,
      burnRateRatio: 1.5,
      isHot: true,
      hotMultiplier: 1.4,
    });
    expect(checkBurnRate([100, 120, 80, 90])).toMatchObject({ burnRateRatio: 0.9, isHot: false });
  });

  test('runs hot at exactly the multiplier, not one ulp below it', () => {
    expect(checkBurnRate([100, 100, 140]).isHot).toBe(true);
    expect(checkBurnRate([100, 100, 140], { hotMultiplier: nextUp(1.4) }).isHot).toBe(false);
    expect(checkBurnRate([100, 100, 140], { hotMultiplier: nextDown(1.4) }).isHot).toBe(true);
    expect(checkBurnRate([100, 100, 200], { hotMultiplier: 2 }).isHot).toBe(true);
  });

  test('with a zero average: Infinity when spending, 1 when not', () => {
    expect(checkBurnRate([0, 0, 0.01])).toMatchObject({ averageSpend: 0, burnRateRatio: Infinity, isHot: true });
    expect(checkBurnRate([0, 0, 0])).toMatchObject({ averageSpend: 0, burnRateRatio: 1, isHot: false });
  });

  test('agrees with the reference where the plain sum is exact, and freezes and keeps its input', () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 2, maxLength: 200 }),
        fc.double({ min: nextUp(1), max: 100, noNaN: true }),
        (series, hotMultiplier) => {
          const before = snapshot(series);
          const result = checkBurnRate(series, { hotMultiplier });
          expect(result).toStrictEqual(reference(series, hotMultiplier));
          expect(Object.isFrozen(result)).toBe(true);
          expect(series).toStrictEqual(before);
          expect(checkBurnRate(Float64Array.from(series), { hotMultiplier })).toStrictEqual(result);
        },
      ),
    );
  });

  test('rejects bad options and series', () => {
    expect(rangeErrorMessage(() => checkBurnRate([1, 2], { hotMultiplier: 1 }))).toBe(
      'Expected `options.hotMultiplier` to be a finite number > 1, got 1.',
    );
    expect(rangeErrorMessage(() => checkBurnRate([1, 2], { hot: 2 } as never))).toBe(
      'Expected `options` to be an object with only the keys hotMultiplier, got unknown key "hot".',
    );
    expect(rangeErrorMessage(() => checkBurnRate([1]))).toBe('Expected `spendSeries` to be a series of at least 2 points, got 1 point.');
    expect(rangeErrorMessage(() => checkBurnRate([1, NaN, 2]))).toBe('Expected `spendSeries[1]` to be a finite number >= 0, got NaN.');
    for (const [value, shown] of notNumbers) {
      expect(rangeErrorMessage(() => checkBurnRate([1, 2], { hotMultiplier: value as number }))).toBe(
        `Expected \`options.hotMultiplier\` to be a finite number > 1, got ${shown}.`,
      );
    }
  });
});
