// The algorithms, pinned: the mean-based checks read a series in place, the robust check copies the
// history once and never sorts it. Timings are for `npm run bench`; these tests pin what does not vary.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test, vi } from 'vitest';
import { checkAnomalyRobust, checkAnomalySpike, checkBurnRate } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes of heap and array buffers that `run` leaves allocated, after a full collection either side. */
function growth(run: () => unknown): { heap: number; buffers: number; kept: unknown } {
  gc();
  const before = process.memoryUsage();
  const kept = run();
  const after = process.memoryUsage();
  return { heap: after.heapUsed - before.heapUsed, buffers: after.arrayBuffers - before.arrayBuffers, kept };
}

describe('a 1e7-point Float64Array (80 MB)', () => {
  const length = 1e7;
  const series = new Float64Array(length).fill(2);
  series[length - 1] = 5;

  test('the mean-based checks read it in place: no copy, no allocation proportional to it', () => {
    // warm up first, so compiled code and feedback (and coverage counters) are not counted as growth
    for (let round = 0; round < 3; round++) {
      checkAnomalySpike(series.subarray(0, 1000));
      checkAnomalySpike(series.subarray(0, 1000), { seasonLength: 7 });
      checkBurnRate(series.subarray(0, 1000));
    }
    for (const check of [
      () => checkAnomalySpike(series),
      () => checkAnomalySpike(series, { seasonLength: 7 }),
      () => checkBurnRate(series),
    ]) {
      const { heap, buffers, kept } = growth(check);
      expect(kept).toMatchObject({ latestSpend: 5 });
      // a copy would be 8e7 bytes; allow a fifth of that for the runtime's own noise (coverage, GC timing)
      expect(buffers).toBeLessThan(1.6e7);
      expect(heap).toBeLessThan(1.6e7);
    }
  });

  test('is a valid series, answered in one pass (the test timeout bounds it: no hang)', () => {
    expect(checkAnomalySpike(series)).toMatchObject({ baselineMean: 2, isSpike: true });
    expect(checkBurnRate(series)).toMatchObject({ burnRateRatio: 2.5, isHot: true });
  });

  test('the robust check allocates one scratch copy of the history, never sorts, and leaves the input alone', () => {
    const sort = vi.spyOn(Float64Array.prototype, 'sort');
    try {
      const result = checkAnomalyRobust(series, { method: 'percentile' });
      expect(result).toMatchObject({ baseline: 2, isSpike: true });
      expect(sort).not.toHaveBeenCalled();
      expect(series[0]).toBe(2);
      expect(series[length - 1]).toBe(5);
    } finally {
      sort.mockRestore();
    }
  });
});
