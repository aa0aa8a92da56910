/**
 * Burn rate: how the newest period's spend compares with the average period before it.
 *
 * @packageDocumentation
 */

import { scanSeries } from './series.js';
import { finiteNumber, readFields } from './validate.js';

/** The options of {@link checkBurnRate}. */
export interface BurnRateOptions {
  /** The burn-rate ratio at which spend runs hot. A finite number > 1. Default 1.4. */
  readonly hotMultiplier?: number | undefined;
}

/** The result of {@link checkBurnRate}. */
export interface BurnRateResult {
  /** The newest point of the series (its last element). */
  readonly latestSpend: number;
  /** The mean of every point before the newest. */
  readonly averageSpend: number;
  /**
   * `latestSpend / averageSpend`. When `averageSpend` is 0: `Infinity` if `latestSpend > 0`, else 1.
   * `Infinity` is the one non-finite value the library returns; `JSON.stringify` writes it as null.
   */
  readonly burnRateRatio: number;
  /** `burnRateRatio >= hotMultiplier`. */
  readonly isHot: boolean;
  /** The hot multiplier in effect. */
  readonly hotMultiplier: number;
}

const BURN_KEYS = ['hotMultiplier'] as const;

/**
 * Checks whether the newest period burns money faster than the average period before it.
 *
 * @param spendSeries - spend per period, oldest first, newest last; at least 2 finite numbers >= 0.
 * @param options - optional threshold.
 * @param options.hotMultiplier - the ratio at which spend runs hot, > 1; default 1.4.
 * @returns a frozen {@link BurnRateResult}.
 * @throws RangeError when the series is not array-like, is shorter than 2, has a hole or a point that is
 *   not a finite number >= 0, or when an option is unknown or out of range.
 * @example
 * ```ts
 * const burn = checkBurnRate([100, 100, 100, 150]);
 * burn.burnRateRatio; // 1.5
 * burn.isHot; // true
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function checkBurnRate(spendSeries: ArrayLike<number>, options?: BurnRateOptions): BurnRateResult {
  const [rawHotMultiplier] = readFields(options, 'options', BURN_KEYS, true);
  const hotMultiplier = rawHotMultiplier === undefined ? 1.4 : finiteNumber(rawHotMultiplier, 'options.hotMultiplier', 1, true);
  const { latest: latestSpend, historyMean: averageSpend } = scanSeries(spendSeries, 'spendSeries', null, false);
  const burnRateRatio = averageSpend > 0 ? latestSpend / averageSpend : latestSpend > 0 ? Infinity : 1;
  return Object.freeze({ latestSpend, averageSpend, burnRateRatio, isHot: burnRateRatio >= hotMultiplier, hotMultiplier });
}
