/**
 * Robust spike detection: a median/MAD or percentile baseline that one old outlier cannot move.
 *
 * @packageDocumentation
 */

import { saturate, scanSeries } from './series.js';
import { median, percentile as percentileOf } from './select.js';
import { finiteNumber, oneOf, readFields, safeInteger } from './validate.js';

/** How {@link checkAnomalyRobust} builds its baseline: median and MAD, or a percentile. */
export type RobustMethod = 'mad' | 'percentile';

/** The options of {@link checkAnomalyRobust}. */
export interface RobustAnomalyOptions {
  /** `'mad'` (median plus a multiple of the scaled median absolute deviation) or `'percentile'`. Default `'mad'`. */
  readonly method?: RobustMethod | undefined;
  /** With `'mad'`: how many robust standard deviations above the baseline is a spike. A finite number > 0. Default 3.5. */
  readonly zThreshold?: number | undefined;
  /** With `'mad'`: a floor for the MAD, so a perfectly flat history does not flag every cent. A finite number >= 0. Default 0. */
  readonly minMad?: number | undefined;
  /** With `'percentile'`: the percentile of the history used as the threshold, as a fraction. A finite number > 0 and < 1. Default 0.95. */
  readonly percentile?: number | undefined;
  /** A floor for the baseline. A finite number >= 0. Default 0. */
  readonly minBaseline?: number | undefined;
  /** Compare only with earlier points in the newest point's phase (7: same weekday in daily data). A safe integer >= 2. Default none. */
  readonly seasonLength?: number | undefined;
  /** The smallest impact (`latestSpend - baseline`, in currency) that counts as a spike. A finite number >= 0. Default 0. */
  readonly minImpact?: number | undefined;
}

/** The result of {@link checkAnomalyRobust}. */
export interface RobustAnomalyResult {
  /** The newest point of the series (its last element). */
  readonly latestSpend: number;
  /** The median of the history (`'mad'`), or its percentile (`'percentile'`). */
  readonly baseline: number;
  /** `'mad'`: `max(baseline, minBaseline) + zThreshold * (mad / 0.6745)`; `'percentile'`: `max(baseline, minBaseline)`. Capped at `Number.MAX_VALUE`. */
  readonly threshold: number;
  /** `latestSpend > threshold` (strictly greater) and `impact >= minImpact`. */
  readonly isSpike: boolean;
  /** `latestSpend - baseline`. */
  readonly impact: number;
  /** The method in effect. */
  readonly method: RobustMethod;
  /** With `'mad'`: `max(median(|x - baseline|), minMad)`; null with `'percentile'`. */
  readonly mad: number | null;
  /** The z threshold in effect. */
  readonly zThreshold: number;
  /** The MAD floor in effect. */
  readonly minMad: number;
  /** The percentile in effect. */
  readonly percentile: number;
  /** The baseline floor in effect. */
  readonly minBaseline: number;
  /** The season length in effect, or null when the history is every earlier point. */
  readonly seasonLength: number | null;
  /** The impact floor in effect. */
  readonly minImpact: number;
}

const ROBUST_KEYS = ['method', 'zThreshold', 'minMad', 'percentile', 'minBaseline', 'seasonLength', 'minImpact'] as const;
const METHODS: readonly RobustMethod[] = ['mad', 'percentile'];

/** The MAD of normally distributed data is 0.6745 standard deviations. */
const MAD_PER_SIGMA = 0.6745;

/**
 * Checks whether the newest point of a spend series spikes above a robust baseline of the points before
 * it: the median plus a multiple of the median absolute deviation (`'mad'`), or a percentile
 * (`'percentile'`). One huge old outlier moves neither, where it inflates a mean. Median and percentile
 * are found by selection on a scratch copy of the history (expected linear time), never by sorting it.
 *
 * @param spendSeries - spend per period, oldest first, newest last; at least 2 finite numbers >= 0.
 * @param options - optional method and thresholds.
 * @param options.method - `'mad'` or `'percentile'`; default `'mad'`.
 * @param options.zThreshold - robust standard deviations above the median, > 0; default 3.5.
 * @param options.minMad - a floor for the MAD, >= 0; default 0.
 * @param options.percentile - the percentile as a fraction, > 0 and < 1; default 0.95.
 * @param options.minBaseline - a floor for the baseline, >= 0; default 0.
 * @param options.seasonLength - compare only with earlier points in the same phase, a safe integer >= 2; default none.
 * @param options.minImpact - the smallest `latestSpend - baseline` that counts as a spike, >= 0; default 0.
 * @returns a frozen {@link RobustAnomalyResult}.
 * @throws RangeError when the series is not array-like, is shorter than 2 (or than `seasonLength + 1`),
 *   has a hole or a point that is not a finite number >= 0, or when an option is unknown or out of range.
 * @example
 * ```ts
 * // One old outlier (900) inflates the mean, so the mean-based check misses today's 180.
 * const daily = [100, 102, 98, 900, 101, 99, 103, 180];
 * checkAnomalySpike(daily).isSpike; // false
 * const robust = checkAnomalyRobust(daily);
 * robust.baseline; // 101
 * robust.isSpike; // true
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function checkAnomalyRobust(spendSeries: ArrayLike<number>, options?: RobustAnomalyOptions): RobustAnomalyResult {
  const [rawMethod, rawZThreshold, rawMinMad, rawPercentile, rawMinBaseline, rawSeasonLength, rawMinImpact] = readFields(
    options,
    'options',
    ROBUST_KEYS,
    true,
  );
  const method = rawMethod === undefined ? 'mad' : oneOf(rawMethod, 'options.method', METHODS);
  const zThreshold = rawZThreshold === undefined ? 3.5 : finiteNumber(rawZThreshold, 'options.zThreshold', 0, true);
  const minMad = rawMinMad === undefined ? 0 : finiteNumber(rawMinMad, 'options.minMad', 0, false);
  const percentile = rawPercentile === undefined ? 0.95 : finiteNumber(rawPercentile, 'options.percentile', 0, true, 1, true);
  const minBaseline = rawMinBaseline === undefined ? 0 : finiteNumber(rawMinBaseline, 'options.minBaseline', 0, false);
  const seasonLength = rawSeasonLength === undefined ? null : safeInteger(rawSeasonLength, 'options.seasonLength', 2);
  const minImpact = rawMinImpact === undefined ? 0 : finiteNumber(rawMinImpact, 'options.minImpact', 0, false);
  const { latest: latestSpend, history } = scanSeries(spendSeries, 'spendSeries', seasonLength, true);

  let baseline: number;
  let threshold: number;
  let mad: number | null = null;
  if (method === 'mad') {
    baseline = median(history);
    for (let index = 0; index < history.length; index++) history[index] = Math.abs((history[index] as number) - baseline);
    mad = Math.max(median(history), minMad);
    const sigma = mad / MAD_PER_SIGMA;
    threshold = saturate(Math.max(baseline, minBaseline) + zThreshold * sigma);
  } else {
    baseline = percentileOf(history, percentile);
    threshold = Math.max(baseline, minBaseline);
  }
  const impact = latestSpend - baseline;
  return Object.freeze({
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
    seasonLength,
    minImpact,
  });
}
