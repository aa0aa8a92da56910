/**
 * Reading spend series: one validating pass, compensated summation, no copy of the caller's data.
 *
 * @internal
 * @packageDocumentation
 */

import { describe, invalid, unreadable } from './validate.js';

/** The largest series length accepted: the largest length a JavaScript array can have. */
const MAX_LENGTH = 4294967295;

/** 2^64 and its inverse: exact power-of-two scaling used when a sum would overflow. */
const SCALE_UP = 18446744073709551616;
const SCALE_DOWN = 1 / SCALE_UP;

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
  /** How many points the series has. */
  readonly length: number;
  /** The newest point (the last one). */
  readonly latest: number;
  /** The mean of every point before the newest, compensated and always finite. */
  readonly historyMean: number;
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
export function seriesLength(series: unknown, name: string, minLength: number): number {
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
 * Validates one point of a series.
 *
 * @param points - the series.
 * @param index - the index of the point.
 * @param name - the series parameter's name.
 * @returns the point, with -0 read as 0.
 * @throws RangeError for a hole, or a value that is not a finite number >= 0.
 */
export function point(points: ArrayLike<unknown>, index: number, name: string): number {
  const value = points[index];
  if (typeof value === 'number' && value >= 0 && value !== Infinity) {
    return value + 0; // -0 becomes 0
  }
  const hole = value === undefined && !(index in points);
  throw invalid(`${name}[${String(index)}]`, 'a finite number >= 0', hole ? 'a hole (missing element)' : describe(value));
}

/**
 * The compensated (Neumaier) sum of `points[0..count)`, each multiplied by `scale`, validating each point.
 *
 * @param points - the series.
 * @param count - how many leading points to sum.
 * @param name - the series parameter's name.
 * @param scale - a power of two to multiply every point by (1, or 2^-64 when the plain sum overflows).
 * @returns the sum, Infinity if it overflows.
 * @throws RangeError for a bad point, or when reading the series throws.
 */
function sumPoints(points: ArrayLike<unknown>, count: number, name: string, scale: number): number {
  let sum = 0;
  let compensation = 0;
  try {
    for (let index = 0; index < count; index++) {
      const read = points[index];
      const value = (typeof read === 'number' && read >= 0 && read !== Infinity ? read : point(points, index, name)) * scale;
      const total = sum + value;
      compensation += sum >= value ? sum - total + value : value - total + sum;
      sum = total;
    }
  } catch (error) {
    throw unreadable(error, name);
  }
  return sum + compensation;
}

/**
 * Validates every point of a spend series in one pass and returns its newest point and the
 * compensated (Neumaier) mean of the points before it. The mean is finite for every finite input:
 * a sum beyond `Number.MAX_VALUE` is redone with every point scaled by 2^-64 (exact for all but
 * subnormal results, which are negligible beside such a sum), and the mean, which cannot exceed the
 * largest point, is clamped to `Number.MAX_VALUE` against a last rounding step.
 *
 * @param series - the value received; read, never copied or mutated.
 * @param name - the parameter's name for messages.
 * @returns the length, the newest point and the mean of the history.
 * @throws RangeError when the series is not an array-like of at least 2 finite numbers >= 0.
 */
export function scanSeries(series: unknown, name: string): SeriesScan {
  const length = seriesLength(series, name, 2);
  const points = series as ArrayLike<unknown>;
  const last = length - 1;
  const sum = sumPoints(points, last, name, 1);
  let latest: number;
  try {
    latest = point(points, last, name);
  } catch (error) {
    throw unreadable(error, name);
  }
  const historyMean = Number.isFinite(sum) ? sum / last : saturate((sumPoints(points, last, name, SCALE_DOWN) / last) * SCALE_UP);
  return { length, latest, historyMean };
}
