// Helpers shared by the unit tests.

import fc from 'fast-check';

const view = new DataView(new ArrayBuffer(8));

/** The next double after a finite `x` toward +Infinity (one ulp up). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + (x > 0 ? 1n : -1n));
  return view.getFloat64(0);
}

/** The next double before a finite `x` toward -Infinity (one ulp down). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * Values that are not a finite number, with how the error message shows each. Every number check
 * must reject them all.
 */
export const notNumbers: readonly (readonly [unknown, string])[] = [
  [NaN, 'NaN'],
  [Infinity, 'Infinity'],
  [-Infinity, '-Infinity'],
  ['100', 'the string "100"'],
  ['', 'the string ""'],
  [true, 'true'],
  [10n, 'the bigint 10n'],
  [null, 'null'],
  [{ valueOf: () => 5 }, 'an object'],
  [[5], 'an array'],
  [Symbol('five'), 'a symbol'],
  [() => 5, 'a function'],
  [new Number(5), 'an object'],
];

/** Runs `run`, asserts that it throws a RangeError (nothing else), and returns the message. */
export function rangeErrorMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof RangeError)) throw new Error(`expected a RangeError, got ${String(error)}`, { cause: error });
    return error.message;
  }
  throw new Error('expected a RangeError, nothing was thrown');
}

/** A deep, structure-preserving snapshot for checking that inputs are not mutated. */
export function snapshot(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return { typed: Array.from(value as unknown as ArrayLike<number>) };
  return structuredClone(value);
}

/** Finite doubles >= 0 across the whole range, including 0, subnormals and Number.MAX_VALUE. */
export const spend: fc.Arbitrary<number> = fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });

/** Spend in whole cents up to 10^11 (a billion dollars): sums of up to 1,000 of them are exact in doubles. */
export const cents: fc.Arbitrary<number> = fc.integer({ min: 0, max: 1e11 });

/** A sorted copy, for the plainly written references below (the library itself never sorts). */
const sortedCopy = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The median by sorting: the middle value, or the mean of the two middle values. */
export function referenceMedian(values: readonly number[]): number {
  const s = sortedCopy(values);
  const mid = Math.floor(s.length / 2);
  const a = s[mid - 1] as number;
  const b = s[mid] as number;
  if (s.length % 2 === 1) return b;
  return Number.isFinite(a + b) ? (a + b) / 2 : a / 2 + b / 2;
}

/** numpy.percentile(values, 100 * p) by sorting, with the default 'linear' method and numpy's _lerp. */
export function referencePercentile(values: readonly number[], p: number): number {
  const s = sortedCopy(values);
  const rank = p * (s.length - 1);
  const lower = Math.floor(rank);
  const t = rank - lower;
  const a = s[lower] as number;
  const b = s[Math.min(lower + 1, s.length - 1)] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** A store in memory, with a version counter; `lose` makes the next compare-and-sets fail as if another writer won. */
export function memory<S>(initial: S) {
  let stored = { value: JSON.stringify(initial), version: 0 };
  const store = {
    lose: 0,
    writes: 0,
    load: async () => Promise.resolve({ value: JSON.parse(stored.value) as S, version: stored.version }),
    compareAndSet: async (next: S, version: unknown) => {
      await Promise.resolve();
      if (store.lose > 0) {
        store.lose--;
        stored = { value: stored.value, version: stored.version + 1 }; // someone else wrote
        return false;
      }
      if (version !== stored.version) return false;
      stored = { value: JSON.stringify(next), version: stored.version + 1 };
      store.writes++;
      return true;
    },
    peek: () => JSON.parse(stored.value) as S,
  };
  return store;
}
