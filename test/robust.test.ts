import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { checkAnomalyRobust, checkAnomalySpike, type RobustAnomalyOptions } from '../src/index.js';
import { nextDown, nextUp, notNumbers, rangeErrorMessage, referenceMedian, referencePercentile, snapshot } from './helpers.js';

// A plain, sort-based reference of the documented formulas.
function reference(series: readonly number[], options: RobustAnomalyOptions = {}) {
  const { method = 'mad', zThreshold = 3.5, minMad = 0, percentile = 0.95, minBaseline = 0, seasonLength, minImpact = 0 } = options;
  const latestSpend = series[series.length - 1] as number;
  const step = seasonLength ?? 1;
  const history: number[] = [];
  for (let i = series.length - 1 - step; i >= 0; i -= step) history.push(series[i] as number);
  let baseline: number;
  let threshold: number;
  let mad: number | null = null;
  if (method === 'mad') {
    baseline = referenceMedian(history);
    mad = Math.max(referenceMedian(history.map((x) => Math.abs(x - baseline))), minMad);
    const sigma = mad > 0 ? mad / 0.6745 : 0;
    threshold = Math.max(baseline, minBaseline) + zThreshold * sigma;
  } else {
    baseline = referencePercentile(history, percentile);
    threshold = Math.max(baseline, minBaseline);
  }
  const impact = latestSpend - baseline;
  return {
    latestSpend,
    baseline,
    threshold,
    isSpike: latestSpend > threshold && impact >= minImpact,
    impact,
    method,
    mad,
    zThreshold,
    minMad,
    percentile,
    minBaseline,
    seasonLength: seasonLength ?? null,
    minImpact,
  };
}

describe('checkAnomalyRobust, method mad', () => {
  test('reports the median, the MAD and the threshold', () => {
    // history 8, 10, 12, 14: median 11, deviations 3, 1, 1, 3 -> MAD 2
    expect(checkAnomalyRobust([8, 10, 12, 14, 30])).toEqual({
      latestSpend: 30,
      baseline: 11,
      threshold: 11 + 3.5 * (2 / 0.6745),
      isSpike: true,
      impact: 19,
      method: 'mad',
      mad: 2,
      zThreshold: 3.5,
      minMad: 0,
      percentile: 0.95,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    });
  });

  test('spikes strictly above the threshold, not at it', () => {
    // flat history: MAD 0, so the threshold is the median itself
    expect(checkAnomalyRobust([10, 10, 10, 10]).isSpike).toBe(false);
    expect(checkAnomalyRobust([10, 10, 10, nextUp(10)]).isSpike).toBe(true);
    // minMad 0.6745 makes sigma exactly 1: threshold 10 + 3.5
    expect(checkAnomalyRobust([10, 10, 10, 13.5], { minMad: 0.6745 })).toMatchObject({ threshold: 13.5, isSpike: false, mad: 0.6745 });
    expect(checkAnomalyRobust([10, 10, 10, nextUp(13.5)], { minMad: 0.6745 }).isSpike).toBe(true);
    expect(checkAnomalyRobust([10, 10, 10, nextDown(13.5)], { minMad: 0.6745 }).isSpike).toBe(false);
  });

  test('zThreshold scales the robust deviation', () => {
    expect(checkAnomalyRobust([10, 10, 10, 12], { minMad: 0.6745, zThreshold: 2 })).toMatchObject({ threshold: 12, isSpike: false });
    expect(checkAnomalyRobust([10, 10, 10, 12], { minMad: 0.6745, zThreshold: 1.5 }).isSpike).toBe(true);
  });

  test('minBaseline floors the median before the deviation is added', () => {
    expect(checkAnomalyRobust([1, 1, 1, 20], { minBaseline: 20 })).toMatchObject({
      baseline: 1,
      threshold: 20,
      isSpike: false,
      impact: 19,
    });
    expect(checkAnomalyRobust([1, 1, 1, nextUp(20)], { minBaseline: 20 }).isSpike).toBe(true);
  });

  test('one huge old outlier hides a new spike from the mean, not from the median', () => {
    const daily = [100, 102, 98, 5000, 101, 99, 103, 100, 180];
    expect(checkAnomalySpike(daily).isSpike).toBe(false);
    expect(checkAnomalySpike(daily).baselineMean).toBeGreaterThan(700);
    const robust = checkAnomalyRobust(daily);
    expect(robust).toMatchObject({ baseline: 100.5, isSpike: true });
    expect(robust.threshold).toBeLessThan(120);
    // and the outlier day itself, checked on its own day, was a spike too
    expect(checkAnomalyRobust(daily.slice(0, 4)).isSpike).toBe(true);
  });
});

describe('checkAnomalyRobust, method percentile', () => {
  test('the threshold is the interpolated percentile of the history', () => {
    // history 1..20, p 0.95: rank 18.05 -> 19 + 0.05 * 1
    const history = Array.from({ length: 20 }, (_, i) => i + 1);
    const result = checkAnomalyRobust([...history, 19.06], { method: 'percentile' });
    expect(result).toMatchObject({ method: 'percentile', mad: null, isSpike: true });
    expect(result.baseline).toBeCloseTo(19.05, 12);
    expect(result.threshold).toBe(result.baseline);
  });

  test('spikes strictly above the percentile, not at it', () => {
    expect(checkAnomalyRobust([1, 2, 3, 4, 5, 3], { method: 'percentile', percentile: 0.5 })).toMatchObject({
      baseline: 3,
      isSpike: false,
    });
    expect(checkAnomalyRobust([1, 2, 3, 4, 5, nextUp(3)], { method: 'percentile', percentile: 0.5 }).isSpike).toBe(true);
  });

  test('minBaseline floors the percentile', () => {
    expect(checkAnomalyRobust([1, 2, 3, 4, 5, 6], { method: 'percentile', percentile: 0.5, minBaseline: 6 })).toMatchObject({
      threshold: 6,
      isSpike: false,
    });
  });
});

describe('seasonLength and minImpact (both spike checks)', () => {
  // Six weeks of daily spend from a Monday: a weekly batch makes Mondays heavy, weekends are light.
  const week = [1800, 1000, 1010, 990, 1005, 300, 310];
  const weeks = Array.from({ length: 6 }, (_, w) => week.map((day, d) => day + ((w * 7 + d) % 3) * 5));
  const daily = weeks.flat();
  const realSpike = 7 * 5 + 3; // a Thursday in week 6
  daily[realSpike] = 2600;

  test('the plain mean flags every Monday; the same-weekday baseline flags only the real spike', () => {
    for (let day = 7; day < daily.length; day++) {
      const series = daily.slice(0, day + 1);
      const monday = day % 7 === 0;
      expect(checkAnomalySpike(series).isSpike, `mean, day ${String(day)}`).toBe(monday || day === realSpike);
      expect(checkAnomalySpike(series, { seasonLength: 7 }).isSpike, `seasonal mean, day ${String(day)}`).toBe(day === realSpike);
      // with one or two same-weekday points the MAD is ~0: an impact floor keeps 5-dollar wiggles quiet
      expect(checkAnomalyRobust(series, { seasonLength: 7, minImpact: 100 }).isSpike, `seasonal MAD, day ${String(day)}`).toBe(
        day === realSpike,
      );
    }
  });

  test('the seasonal history is exactly the points n-1-k, n-1-2k, ...', () => {
    // newest at index 9, k = 4: history = indices 5 and 1
    const series = [0, 10, 0, 0, 0, 30, 0, 0, 0, 100];
    expect(checkAnomalySpike(series, { seasonLength: 4 })).toMatchObject({ baselineMean: 20, seasonLength: 4 });
    expect(checkAnomalyRobust(series, { seasonLength: 4, method: 'percentile', percentile: 0.5 })).toMatchObject({ baseline: 20 });
    // k = 9: only index 0
    expect(checkAnomalySpike(series, { seasonLength: 9 }).baselineMean).toBe(0);
  });

  test('a season longer than the history says how many points it needs', () => {
    for (const check of [checkAnomalySpike, checkAnomalyRobust]) {
      expect(rangeErrorMessage(() => check([1, 2, 3, 4, 5, 6, 7], { seasonLength: 7 }))).toBe(
        'Expected `spendSeries` to be a series of at least 8 points for seasonLength 7, got 7 points.',
      );
    }
  });

  test('every point is still validated, in phase or not', () => {
    expect(rangeErrorMessage(() => checkAnomalySpike([1, NaN, 1, 1, 1], { seasonLength: 2 }))).toBe(
      'Expected `spendSeries[1]` to be a finite number >= 0, got NaN.',
    );
    expect(rangeErrorMessage(() => checkAnomalyRobust([1, -1, 1, 1, 1], { seasonLength: 2 }))).toBe(
      'Expected `spendSeries[1]` to be a finite number >= 0, got -1.',
    );
  });

  test('minImpact silences cent-level noise and keeps real spikes', () => {
    const cents = [0.02, 0.03, 0.02, 0.02, 0.03, 0.02, 0.09];
    expect(checkAnomalySpike(cents).isSpike).toBe(true);
    expect(checkAnomalyRobust(cents).isSpike).toBe(true);
    expect(checkAnomalySpike(cents, { minImpact: 1 })).toMatchObject({ isSpike: false, minImpact: 1 });
    expect(checkAnomalyRobust(cents, { minImpact: 1 }).isSpike).toBe(false);
    const real = [...cents.slice(0, -1), 500];
    expect(checkAnomalySpike(real, { minImpact: 1 }).isSpike).toBe(true);
    expect(checkAnomalyRobust(real, { minImpact: 1 }).isSpike).toBe(true);
  });

  test('a spike needs impact >= minImpact, at exactly the floor and not one ulp above', () => {
    // mean 100, latest 250: impact exactly 150
    expect(checkAnomalySpike([100, 100, 250], { minImpact: 150 })).toMatchObject({ impact: 150, isSpike: true });
    expect(checkAnomalySpike([100, 100, 250], { minImpact: nextUp(150) }).isSpike).toBe(false);
    expect(checkAnomalyRobust([100, 100, 250], { minImpact: 150 })).toMatchObject({ impact: 150, isSpike: true });
    expect(checkAnomalyRobust([100, 100, 250], { minImpact: nextUp(150) }).isSpike).toBe(false);
  });

  test('with default options, checkAnomalySpike is the seed check', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 2, maxLength: 50 }), (series) => {
        const withDefaults = checkAnomalySpike(series, { seasonLength: undefined, minImpact: 0 });
        expect(withDefaults).toStrictEqual(checkAnomalySpike(series));
        const history = series.slice(0, -1);
        const mean = history.reduce((a, b) => a + b, 0) / history.length;
        expect(withDefaults.isSpike).toBe((series.at(-1) ?? NaN) > mean * 1.5);
      }),
    );
  });
});

describe('checkAnomalyRobust properties', () => {
  const spendValues = fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1e9, noNaN: true }));
  const options: fc.Arbitrary<RobustAnomalyOptions> = fc.record(
    {
      method: fc.constantFrom('mad' as const, 'percentile' as const),
      zThreshold: fc.double({ min: 0.1, max: 10, noNaN: true }),
      minMad: fc.double({ min: 0, max: 100, noNaN: true }),
      percentile: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      minBaseline: fc.double({ min: 0, max: 1000, noNaN: true }),
      seasonLength: fc.integer({ min: 2, max: 8 }),
      minImpact: fc.double({ min: 0, max: 100, noNaN: true }),
    },
    { requiredKeys: [] },
  );

  test('agrees with a sort-based reference, freezes its result, and leaves the input as it was', () => {
    fc.assert(
      fc.property(fc.array(spendValues, { minLength: 9, maxLength: 200 }), options, fc.boolean(), (series, opts, typed) => {
        const input = typed ? Float64Array.from(series) : series;
        const before = snapshot(input);
        const result = checkAnomalyRobust(input, opts);
        expect(result).toStrictEqual(reference(series, opts));
        expect(Object.isFrozen(result)).toBe(true);
        expect(snapshot(input)).toStrictEqual(before);
      }),
    );
  });

  test('never sorts: neither the caller array nor a copy', () => {
    const arraySort = vi.spyOn(Array.prototype, 'sort');
    const typedSort = vi.spyOn(Float64Array.prototype, 'sort');
    try {
      const series = Array.from({ length: 5001 }, (_, i) => (i * 7919) % 1000);
      checkAnomalyRobust(series);
      checkAnomalyRobust(Float64Array.from(series), { method: 'percentile', seasonLength: 7 });
      expect(arraySort).not.toHaveBeenCalled();
      expect(typedSort).not.toHaveBeenCalled();
    } finally {
      arraySort.mockRestore();
      typedSort.mockRestore();
    }
  });

  test('stays finite with values near Number.MAX_VALUE', () => {
    const max = Number.MAX_VALUE;
    const result = checkAnomalyRobust([0, max, 0, max, max]);
    expect(result.threshold).toBe(max);
    expect(result.isSpike).toBe(false);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('checkAnomalyRobust rejections', () => {
  test.each([
    [{ method: 'median' }, "Expected `options.method` to be one of 'mad', 'percentile', got the string \"median\"."],
    [{ method: 'MAD' }, "Expected `options.method` to be one of 'mad', 'percentile', got the string \"MAD\"."],
    [{ method: null }, "Expected `options.method` to be one of 'mad', 'percentile', got null."],
    [{ zThreshold: 0 }, 'Expected `options.zThreshold` to be a finite number > 0, got 0.'],
    [{ minMad: -1 }, 'Expected `options.minMad` to be a finite number >= 0, got -1.'],
    [{ percentile: 0 }, 'Expected `options.percentile` to be a finite number > 0 and < 1, got 0.'],
    [{ percentile: 1 }, 'Expected `options.percentile` to be a finite number > 0 and < 1, got 1.'],
    [{ percentile: 95 }, 'Expected `options.percentile` to be a finite number > 0 and < 1, got 95.'],
    [{ minBaseline: -1 }, 'Expected `options.minBaseline` to be a finite number >= 0, got -1.'],
    [{ seasonLength: 1 }, 'Expected `options.seasonLength` to be a safe integer >= 2, got 1.'],
    [{ seasonLength: 7.5 }, 'Expected `options.seasonLength` to be a safe integer >= 2, got 7.5.'],
    [{ minImpact: -0.01 }, 'Expected `options.minImpact` to be a finite number >= 0, got -0.01.'],
    [
      { zScore: 3 },
      'Expected `options` to be an object with only the keys method, zThreshold, minMad, percentile, minBaseline, seasonLength, minImpact, got unknown key "zScore".',
    ],
  ])('rejects %o', (options, message) => {
    expect(rangeErrorMessage(() => checkAnomalyRobust([1, 2, 3], options as never))).toBe(message);
  });

  test('accepts the edges of every range', () => {
    expect(checkAnomalyRobust([1, 2, 3], { percentile: nextDown(1) }).percentile).toBe(nextDown(1));
    expect(checkAnomalyRobust([1, 2, 3], { percentile: Number.MIN_VALUE, zThreshold: Number.MIN_VALUE }).zThreshold).toBe(Number.MIN_VALUE);
    expect(checkAnomalyRobust([1, 2, 3], { seasonLength: 2 }).baseline).toBe(1);
  });

  test.each(notNumbers)('rejects %s in numeric options', (value, shown) => {
    expect(rangeErrorMessage(() => checkAnomalyRobust([1, 2], { zThreshold: value as number }))).toBe(
      `Expected \`options.zThreshold\` to be a finite number > 0, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { seasonLength: value as number }))).toBe(
      `Expected \`options.seasonLength\` to be a safe integer >= 2, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { minImpact: value as number }))).toBe(
      `Expected \`options.minImpact\` to be a finite number >= 0, got ${shown}.`,
    );
  });

  test('rejects bad series like the seed check', () => {
    expect(rangeErrorMessage(() => checkAnomalyRobust([5]))).toBe(
      'Expected `spendSeries` to be a series of at least 2 points, got 1 point.',
    );
    expect(rangeErrorMessage(() => checkAnomalyRobust([1, 2, Infinity]))).toBe(
      'Expected `spendSeries[2]` to be a finite number >= 0, got Infinity.',
    );
    expect(rangeErrorMessage(() => checkAnomalyRobust('12' as never))).toBe(
      'Expected `spendSeries` to be an array-like series of numbers, got the string "12".',
    );
  });
});
