/**
 * Reading spend series: one validating pass, compensated summation, no copy of the caller's data.
 *
 * @internal
 * @packageDocumentation
 */

import { describe, invalid, unreadable } from './validate.js';

/** The largest series length accepted: the largest length a JavaScript array can have. */
const MAX_LENGTH = 4294967295;

/** 2^64 and 2^-64: exact power-of-two scaling used when a sum would overflow. */
const SCALE_UP = 18446744073709551616;
const SCALE_DOWN = 5.421010862427522e-20;

/**
 * Caps a non-negative result at `Number.MAX_VALUE`, so that a ratio or product that exceeds every finite
 * number stays a number that JSON renders (Infinity would become null) and still compares as larger than
 * any finite spend.
 *
 * @param value - a non-negative number, possibly Infinity.
 * @returns `value`, or `Number.MAX_VALUE` when larger.
 */
export function saturate(value: number): number {
  return value < Number.MAX_VALUE ? value : Number.MAX_VALUE;
}

/** What one pass over a series found. */
export interface SeriesScan {
  /** The newest point (the last one). */
  readonly latest: number;
  /** The mean of the history, compensated and always finite. */
  readonly historyMean: number;
  /** A scratch copy of the history, when one was asked for. */
  readonly history: Float64Array | undefined;
}

/**
 * Checks that `series` is an array-like of at least `minLength` points and returns its length.
 *
 * @param series - the value received.
 * @param name - the parameter's name for messages.
 * @param minLength - the fewest points accepted.
 * @returns the series length.
 * @throws RangeError when `series` is not array-like, its length is not a valid array length, or it is too short.
 */
function seriesLength(series: unknown, name: string, minLength: number): number {
  let length: unknown;
  if (typeof series === 'object' && series !== null) {
    try {
      length = (series as { length?: unknown }).length;
    } catch (error) {
      throw unreadable(error, name);
    }
  }
  if (!Number.isInteger(length) || (length as number) < 0 || (length as number) > MAX_LENGTH) {
    throw invalid(name, 'an array-like series of numbers', describe(series));
  }
  if ((length as number) < minLength) {
    throw invalid(name, `a series of at least ${String(minLength)} points`, `${String(length)} point${length === 1 ? '' : 's'}`);
  }
  return length as number;
}

/**
 * Whether a value read from a series is a valid point: a finite number >= 0.
 *
 * @param value - the value read.
 * @returns true for a valid point.
 */
function valid(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value !== Infinity;
}

/**
 * Throws the error for a bad point: a hole, or a value that is not a finite number >= 0. Called as an
 * expression (`valid ? read : fail(...)`), which keeps the summing loops about 15% faster on V8 (Node 20)
 * than an `if (...) throw` statement.
 *
 * @param points - the series.
 * @param index - the index of the point.
 * @param name - the series parameter's name.
 * @returns never.
 * @throws RangeError always.
 */
function fail(points: ArrayLike<unknown>, index: number, name: string): never {
  const value = points[index];
  const hole = value === undefined && !(index in points);
  throw invalid(`${name}[${String(index)}]`, 'a finite number >= 0', hole ? 'a hole (missing element)' : describe(value));
}

/**
 * One validating pass over `points[0..last)`: every point is checked, and the points in the newest
 * point's phase (indices `last - step`, `last - 2 * step`, ...) are summed with compensation (Knuth's TwoSum),
 * each multiplied by `scale`, and copied into `scratch` when given.
 *
 * @param points - the series.
 * @param last - the index of the newest point; the pass stops before it.
 * @param step - the season length, 1 when every point is history.
 * @param name - the series parameter's name.
 * @param scale - a power of two to multiply every summed point by (1, or 2^-64 when the plain sum overflows).
 * @param scratch - where to copy the history points, or undefined.
 * @returns the sum, Infinity or NaN if it overflows.
 * @throws RangeError for a bad point, or when reading the series throws.
 */
function pass(
  points: ArrayLike<unknown>,
  last: number,
  step: number,
  name: string,
  scale: number,
  scratch: Float64Array | undefined,
): number {
  let sum = 0;
  let compensation = 0;
  let next = last % step; // the first index in the newest point's phase
  let copied = 0;
  try {
    for (let index = 0; index < last; index++) {
      const read = points[index];
      // valid(read), written out: called as a function here, the loop measured about 15% slower on V8
      const value = typeof read === 'number' && read >= 0 && read !== Infinity ? read : fail(points, index, name);
      if (index === next) {
        next += step;
        const scaled = value * scale;
        const total = sum + scaled;
        const part = total - sum;
        compensation += sum - (total - part) + (scaled - part);
        sum = total;
        if (scratch !== undefined) scratch[copied++] = value + 0; // -0 is read as 0
      }
    }
  } catch (error) {
    throw unreadable(error, name);
  }
  return sum + compensation;
}

/**
 * The common case of {@link pass}, kept as its own tight loop: every earlier point summed, unscaled, no copy.
 *
 * @param points - the series.
 * @param last - the index of the newest point; the loop stops before it.
 * @param name - the series parameter's name.
 * @returns the compensated sum, Infinity or NaN if it overflows.
 * @throws RangeError for a bad point, or when reading the series throws.
 */
function sumAll(points: ArrayLike<unknown>, last: number, name: string): number {
  let sum = 0;
  let compensation = 0;
  try {
    for (let index = 0; index < last; index++) {
      const read = points[index];
      // valid(read), written out: called as a function here, the loop measured about 15% slower on V8
      const value = typeof read === 'number' && read >= 0 && read !== Infinity ? read : fail(points, index, name);
      const total = sum + value;
      const part = total - sum; // TwoSum: the rounding error of sum + value, exactly, without a branch
      compensation += sum - (total - part) + (value - part);
      sum = total;
    }
  } catch (error) {
    throw unreadable(error, name);
  }
  return sum + compensation;
}

/**
 * Validates every point of a spend series in one pass and returns its newest point and the
 * compensated mean of its history: every earlier point, or with a season length `k` the
 * earlier points in the newest point's phase (`n-1-k`, `n-1-2k`, ...). The mean is finite for every
 * finite input: a sum beyond `Number.MAX_VALUE` is redone with every point scaled by 2^-64 (exact for
 * all but subnormal results, which are negligible beside such a sum), and the mean, which cannot exceed
 * the largest point, is capped at `Number.MAX_VALUE` against a last rounding step.
 *
 * @param series - the value received; read, never copied or mutated.
 * @param name - the parameter's name for messages.
 * @param seasonLength - the season length, or null when every earlier point is history.
 * @param copy - whether to return a scratch copy of the history (for selection algorithms).
 * @returns the newest point, the mean of the history, and the copy when asked for.
 * @throws RangeError when the series is not an array-like of at least 2 finite numbers >= 0, or has no
 *   earlier point in the newest point's phase.
 */
export function scanSeries(
  series: unknown,
  name: string,
  seasonLength: number | null,
  copy: true,
): SeriesScan & { readonly history: Float64Array };
export function scanSeries(series: unknown, name: string, seasonLength: number | null, copy: false): SeriesScan;
export function scanSeries(series: unknown, name: string, seasonLength: number | null, copy: boolean): SeriesScan {
  const length = seriesLength(series, name, 2);
  const step = seasonLength ?? 1;
  if (length <= step) {
    throw invalid(name, `a series of at least ${String(step + 1)} points for seasonLength ${String(step)}`, `${String(length)} points`);
  }
  const points = series as ArrayLike<unknown>;
  const last = length - 1;
  const count = Math.floor(last / step);
  const history = copy ? new Float64Array(count) : undefined;
  const sum = step === 1 && history === undefined ? sumAll(points, last, name) : pass(points, last, step, name, 1, history);
  let latest: number;
  try {
    const read = points[last];
    latest = valid(read) ? read : fail(points, last, name);
  } catch (error) {
    throw unreadable(error, name);
  }
  const historyMean = Number.isFinite(sum)
    ? sum / count
    : saturate((pass(points, last, step, name, SCALE_DOWN, undefined) / count) * SCALE_UP);
  return { latest: latest + 0, historyMean, history }; // -0 is read as 0
}
