import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { median, percentile, select } from '../src/select.js';
import { referenceMedian, referencePercentile } from './helpers.js';

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

const values = fc.array(fc.oneof(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 5 })), {
  minLength: 1,
  maxLength: 300,
});

describe('select', () => {
  test('finds every rank of every array, as a sort would', () => {
    fc.assert(
      fc.property(values, fc.nat(), (list, seed) => {
        const k = seed % list.length;
        const scratch = Float64Array.from(list);
        expect(select(scratch, k)).toBe(sorted(list)[k]);
        // partitioned around k: nothing larger before, nothing smaller after
        for (let i = 0; i < k; i++) expect(scratch[i]).toBeLessThanOrEqual(scratch[k] as number);
        for (let i = k + 1; i < scratch.length; i++) expect(scratch[i]).toBeGreaterThanOrEqual(scratch[k] as number);
      }),
    );
  });

  test('handles sorted, reversed, constant and sawtooth inputs without sorting', () => {
    const sort = vi.spyOn(Float64Array.prototype, 'sort');
    try {
      const n = 10_001;
      const shapes = [
        Array.from({ length: n }, (_, i) => i),
        Array.from({ length: n }, (_, i) => n - i),
        Array.from({ length: n }, () => 7),
        Array.from({ length: n }, (_, i) => i % 13),
      ];
      for (const shape of shapes) expect(select(Float64Array.from(shape), 5000)).toBe(sorted(shape)[5000]);
      expect(sort).not.toHaveBeenCalled();
    } finally {
      sort.mockRestore();
    }
  });

  test('falls back to sorting the remaining range when the partition budget runs out', () => {
    const list = [5, 3, 9, 1, 7, 2, 8];
    expect(select(Float64Array.from(list), 3, 0)).toBe(5);
    expect(select(Float64Array.from(list), 0, 1)).toBe(1);
  });
});

describe('median and percentile', () => {
  test('median agrees with a sort-based median', () => {
    fc.assert(
      fc.property(values, (list) => {
        expect(median(Float64Array.from(list))).toBe(referenceMedian(list));
      }),
    );
  });

  test('the median of two huge values does not overflow', () => {
    expect(median(Float64Array.from([Number.MAX_VALUE, Number.MAX_VALUE]))).toBe(Number.MAX_VALUE);
  });

  test('percentile agrees with numpy linear interpolation over a sort', () => {
    fc.assert(
      fc.property(values, fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true }), (list, p) => {
        expect(percentile(Float64Array.from(list), p)).toBe(referencePercentile(list, p));
      }),
    );
  });

  test.each([
    // numpy.percentile(a, q) results, worked by hand
    [[1, 2, 3, 4], 0.95, 3.85],
    [[15, 20, 35, 40, 50], 0.4, 29],
    [[15, 20, 35, 40, 50], 0.5, 35],
    [[10, 0], 0.25, 2.5],
    [[10, 0], 0.75, 7.5],
    [[3], 0.5, 3],
  ])('percentile(%j, %d) is %d', (list, p, expected) => {
    expect(percentile(Float64Array.from(list), p)).toBeCloseTo(expected, 12);
  });
});
